import { divisionEntrySchema, type NamedDivision } from './model';

/**
 * The demo's divisions (统计用区划代码 style): 江西省 → 赣州市 → 瑞金市 with its townships, and the villages of
 * 叶坪乡, where the demo's village and township terminals sit. Seed data for the demo and the tests: a county
 * loads its own list with `npm run platform -- divisions load --file <list>` (docs/divisions.md).
 */
export const SEED_DIVISIONS: { code: string; name: string }[] = [
  { code: '360000000000', name: '江西省' },
  { code: '360700000000', name: '赣州市' },
  { code: '360781000000', name: '瑞金市' },
  { code: '360781001000', name: '象湖镇' },
  { code: '360781100000', name: '瑞林镇' },
  { code: '360781101000', name: '壬田镇' },
  { code: '360781102000', name: '叶坪乡' },
  { code: '360781103000', name: '九堡镇' },
  { code: '360781104000', name: '沙洲坝镇' },
  { code: '360781105000', name: '谢坊镇' },
  { code: '360781106000', name: '武阳镇' },
  { code: '360781107000', name: '冈面乡' },
  { code: '360781108000', name: '大柏地乡' },
  { code: '360781109000', name: '丁陂乡' },
  { code: '360781110000', name: '黄柏乡' },
  { code: '360781111000', name: '日东乡' },
  { code: '360781112000', name: '万田乡' },
  { code: '360781113000', name: '拔英乡' },
  { code: '360781114000', name: '泽覃乡' },
  { code: '360781115000', name: '云石山乡' },
  { code: '360781102200', name: '叶坪村' },
  { code: '360781102201', name: '华屋村' },
  { code: '360781102202', name: '洋溪村' },
  { code: '360781102203', name: '黄沙村' },
  { code: '360781102204', name: '田坞村' },
  { code: '360781102205', name: '大胜村' },
  { code: '360781102206', name: '禾仓村' },
  { code: '360781102207', name: '合龙村' },
];

/** The seed as the platform loads it (code padded, level and parent derived). */
export function seedDivisions(): NamedDivision[] {
  return SEED_DIVISIONS.map((d) => divisionEntrySchema.parse(d));
}
