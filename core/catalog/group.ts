/**
 * Items grouped by 主管部门, groups in order of first appearance and items in catalog order. Generic so the
 * UI can group the summaries it gets from the API as well as full catalog items.
 */
export function groupByDepartment<T extends { department: string }>(items: readonly T[]): { department: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.department);
    if (group) group.push(item);
    else groups.set(item.department, [item]);
  }
  return [...groups].map(([department, grouped]) => ({ department, items: grouped }));
}
