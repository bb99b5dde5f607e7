/**
 * 民族 codes as the ID card's text block writes them (two digits, GB/T 3304-1991 《中国各民族名称的罗马字母拼写法
 * 和代码》), to the name a cadre writes on a form. 97 and 98 are the standard's 其他 and 外国血统中国籍人士.
 */
const NAMES = [
  '汉',
  '蒙古',
  '回',
  '藏',
  '维吾尔',
  '苗',
  '彝',
  '壮',
  '布依',
  '朝鲜',
  '满',
  '侗',
  '瑶',
  '白',
  '土家',
  '哈尼',
  '哈萨克',
  '傣',
  '黎',
  '傈僳',
  '佤',
  '畲',
  '高山',
  '拉祜',
  '水',
  '东乡',
  '纳西',
  '景颇',
  '柯尔克孜',
  '土',
  '达斡尔',
  '仫佬',
  '羌',
  '布朗',
  '撒拉',
  '毛南',
  '仡佬',
  '锡伯',
  '阿昌',
  '普米',
  '塔吉克',
  '怒',
  '乌孜别克',
  '俄罗斯',
  '鄂温克',
  '德昂',
  '保安',
  '裕固',
  '京',
  '塔塔尔',
  '独龙',
  '鄂伦春',
  '赫哲',
  '门巴',
  '珞巴',
  '基诺',
];

export const ETHNICITY_BY_CODE: ReadonlyMap<string, string> = new Map([
  ...NAMES.map((name, i) => [String(i + 1).padStart(2, '0'), name] as const),
  ['97', '其他'],
  ['98', '外国血统中国籍人士'],
]);

/** 01 → 汉族 (a 民族 is written with 族 on forms, except the two catch-alls). */
export function ethnicityName(code: string): string | null {
  const name = ETHNICITY_BY_CODE.get(code);
  if (!name) return null;
  return code === '97' || code === '98' ? name : `${name}族`;
}
