import { v7 as uuidv7 } from 'uuid';
import { SEED_CATALOG, SEED_CATALOG_VERSION } from '../../core/catalog/seed';
import { citizenIdCheckChar } from '../../core/citizen-id';
import { validateForm } from '../../core/forms/validate';
import type { ApplicationSubmitted } from '../../core/sync/messages';

/** What a county's data looks like, for benchmarks: common surnames and given names, valid ID numbers, a fixed seed. */
export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
export const GIVEN = '秀英桂兰玉梅兆明建国志强春花冬梅海燕小红伟华国庆德胜金凤淑珍丽娟永福文杰光荣家豪俊杰子涵欣怡雨轩浩然思远明辉红霞凤英';

let seed = 42;
export const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
export const pick = <T>(s: ArrayLike<T>) => s[Math.floor(rand() * s.length)]!;
export const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function randomName(): string {
  const given = Array.from({ length: rand() < 0.7 ? 2 : 1 }, () => pick(GIVEN)).join('');
  return pick(SURNAMES) + given;
}

export function idNumber(i: number): string {
  const year = 1930 + Math.floor(rand() * 85);
  const date = `${year}${pad(1 + Math.floor(rand() * 12), 2)}${pad(1 + Math.floor(rand() * 28), 2)}`;
  const first17 = `360781${date}${pad(i % 1000, 3)}`;
  return first17 + citizenIdCheckChar(first17);
}

const RELATIONS = ['配偶', '子女', '父母', '孙子女'];
const HEALTH = ['健康', '患慢性病', '患重大疾病', '残疾'];
const CAUSES = ['因病', '因残', '因灾', '缺乏劳动力', '失业'];
const GROUPS = ['华屋村', '叶坪村', '洋溪村', '官田村', '田坞村', '合龙村', '墩仔村'];
const DIBAO = SEED_CATALOG.items.find((i) => i.code === 'MZ-0001')!;

/** A 低保 form as a household fills it: 1 to 6 members with names and ID numbers, incomes, a reason in words. */
export function dibaoForm(i: number): Record<string, unknown> {
  const size = 1 + Math.floor(rand() * 6);
  const members = Array.from({ length: size }, (_, m) => ({
    name: randomName(),
    idNumber: idNumber(i * 7 + m),
    relation: m === 0 ? '本人' : pick(RELATIONS),
    healthStatus: pick(HEALTH),
    ...(rand() < 0.6 ? { monthlyIncome: String(Math.floor(rand() * 400)) } : {}),
  }));
  return {
    hardshipCause: pick(CAUSES),
    applyReason: `${pick(CAUSES)}导致家庭收入减少，${size}口人生活困难，申请最低生活保障。`,
    householdSize: String(size),
    members,
    monthlyIncome: String(400 * size + Math.floor(rand() * 600)),
    savings: String(Math.floor(rand() * 20_000)),
    ownsVehicle: rand() < 0.1,
    bankName: '江西瑞金农村商业银行',
    bankAccount: '6217 0000 1234 5678 901',
    phone: `139${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
  };
}

/** A 低保 form its item's rules accept (some random households are above the line). */
export function acceptedDibaoForm(i: number): Record<string, unknown> {
  for (;;) {
    const form = dibaoForm(i);
    if (validateForm(DIBAO.form, form, { today: '2026-12-06', applicant: { age: 58, gender: 'female' } }).ok) return form;
  }
}

export function randomAddress(): string {
  return `江西省瑞金市叶坪乡${pick(GROUPS)}${1 + Math.floor(rand() * 12)}组${1 + Math.floor(rand() * 60)}号`;
}

/**
 * An application.submitted body as a village sends it (issue #18's realistic rows): a distinct resident with a
 * valid ID number, an address, a household's 低保 form and free text, the materials, one scan named.
 */
export function realisticSubmission(divisionCode: string, i: number): ApplicationSubmitted {
  const applicationId = uuidv7();
  const number = idNumber(i);
  const year = number.slice(6, 10);
  return {
    applicationId,
    receiptNo: `${divisionCode}-20261123-01-${pad(i % 10_000, 4)}`,
    itemCode: DIBAO.code,
    catalogVersion: SEED_CATALOG_VERSION,
    divisionCode,
    resident: {
      id: uuidv7(),
      idNumber: number,
      name: randomName(),
      gender: Number(number[16]) % 2 === 1 ? 'male' : 'female',
      birthDate: `${year}-${number.slice(10, 12)}-${number.slice(12, 14)}`,
      phone: `139${pad(Math.floor(rand() * 1e8), 8)}`,
      address: randomAddress(),
    },
    form: acceptedDibaoForm(i),
    materials: Object.fromEntries(DIBAO.materials.map((m) => [m.key, { received: m.required || rand() < 0.5, count: m.count }])),
    attachments: [{ sha256: pad(i, 64), fileName: '户口簿.jpg', mimeType: 'image/jpeg', size: 150_000 + Math.floor(rand() * 80_000) }],
    submittedAt: '2026-11-23T02:00:00.000Z',
    dueDate: '2026-12-07',
    cadre: { id: 'cadre01', name: '李春梅' },
  };
}
