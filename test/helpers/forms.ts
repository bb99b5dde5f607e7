import type { CatalogItem, FormField, ReceivedMaterials, ScalarField } from '../../core/catalog/model';

/** Plausible valid values for one scalar field, as a cadre would type them. */
function scalarValue(f: ScalarField, row = 0): unknown {
  switch (f.kind) {
    case 'text':
      return f.label.includes('姓名') ? ['王秀英', '王小明', '刘桂兰'][row % 3] : `测试${f.label}`.slice(0, f.maxLength ?? 50);
    case 'textarea':
      return '家中主要劳动力因病丧失劳动能力，收入不足以维持基本生活。'.slice(0, f.maxLength ?? 500);
    case 'number':
      return Math.max(f.min ?? 1, Math.min(f.max ?? 3, 3));
    case 'money':
      return Math.max(f.min ?? 0, Math.min(f.max ?? 800.5, 800.5));
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

export function validValues(fields: FormField[]): Record<string, unknown> {
  return Object.fromEntries(
    fields.map((f) => {
      if (f.kind !== 'members') return [f.key, scalarValue(f)];
      const rows = Math.max(f.minRows ?? 1, 1);
      return [f.key, Array.from({ length: rows }, (_, i) => Object.fromEntries(f.columns.map((c) => [c.key, scalarValue(c, i)])))];
    }),
  );
}

/** Every material ticked as received, in the count the item asks for. */
export function allMaterials(item: CatalogItem): ReceivedMaterials {
  return Object.fromEntries(item.materials.map((m) => [m.key, { received: true, count: m.count }]));
}
