import type { CatalogItem, FormField, ReceivedMaterials, ScalarField } from '../../core/catalog/model';

/** Plausible valid values for one scalar field, as a cadre would type them. */
function scalarValue(f: ScalarField, row = 0, inRow = false): unknown {
  switch (f.kind) {
    case 'text':
      return f.label.includes('姓名') ? ['王秀英', '王小明', '刘桂兰'][row % 3] : `测试${f.label}`.slice(0, f.maxLength ?? 50);
    case 'textarea':
      return '家中主要劳动力因病丧失劳动能力，收入不足以维持基本生活。'.slice(0, f.maxLength ?? 500);
    case 'number':
      return Math.max(f.min ?? 1, Math.min(f.max ?? 3, 3));
    case 'money':
      // A table row's amount is a member's share: the rows add up to less than the household's total.
      return inRow ? 100 + row * 50 : Math.max(f.min ?? 0, Math.min(f.max ?? 800.5, 800.5));
    case 'date':
      return '2026-10-08';
    case 'select':
      return f.options[row % f.options.length];
    case 'boolean':
      return true;
    case 'citizenId':
      return ['360781195603140020', '360781200001011233', '360781198005051013'][row % 3];
    case 'phone':
      return '13907971234';
    case 'address':
      return '江西省瑞金市叶坪乡华屋村3组18号';
    case 'bankAccount':
      return '6217 0000 1234 5678 901';
  }
}

/**
 * A valid form for the given fields (and their rules, as the seed writes them): computed fields are left to
 * the evaluator, a members table has as many rows as the household size says, the first row is 本人.
 */
export function validValues(fields: FormField[]): Record<string, unknown> {
  const size = fields.find((f) => f.key === 'householdSize');
  const sized = size && size.kind !== 'members' ? Number(scalarValue(size)) : null;
  return Object.fromEntries(
    fields
      .filter((f) => !f.calculate)
      .map((f) => {
        if (f.kind !== 'members') return [f.key, scalarValue(f)];
        const rows = sized ?? Math.max(f.minRows ?? 1, 1);
        return [f.key, Array.from({ length: rows }, (_, i) => Object.fromEntries(f.columns.map((c) => [c.key, scalarValue(c, i, true)])))];
      }),
  );
}

/** Every material ticked as received, in the count the item asks for. */
export function allMaterials(item: CatalogItem): ReceivedMaterials {
  return Object.fromEntries(item.materials.map((m) => [m.key, { received: true, count: m.count }]));
}
