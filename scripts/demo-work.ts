/**
 * The demo's work in progress, made once on the fleet's first run so a newcomer sees every step of review
 * without waiting for it: a handover list of four 老年人优待证 for the township to approve as a batch, a 低保
 * (刘德福's household) in its 7-day public notice, and a 特困 whose notice has run out, waiting for the county's
 * 批准; three 受理评价 (好差评), one of them a 不满意 for the township to follow up. Only the 特困's notice is moved: its period is dated back eight days on the platform before the sweep
 * ends it, the one shortcut of the demo (a real notice takes its seven days).
 */
import type { RunningPlatform } from '../platform';
import { DEMO_CADRE, DEMO_HOUSEHOLD } from '../station/setup/demo-data';
import type { Station } from '../station/station';

/** Elderly residents of 华屋村 (valid ID numbers of Ruijin): a 特困 applicant and three for 老年证. */
const ELDERS = [
  { idNumber: '360781194803120636', name: '曾凡友', phone: '13979712345' },
  { idNumber: '360781195107180648', name: '刘秀英', phone: '13870075678' },
  { idNumber: '360781195309250616', name: '杨德胜', phone: '13607071122' },
  { idNumber: '360781194902030628', name: '黄冬梅', phone: '15979713344' },
] as const;

const DEMO_RATINGS: { level: 1 | 2 | 3 | 4 | 5; reasons: string[]; comment: string | null }[] = [
  { level: 5, reasons: ['warm', 'once'], comment: '李书记帮我把材料都理好了，一次就办成' },
  { level: 4, reasons: ['fast'], comment: null },
  { level: 2, reasons: ['slow', 'unclear'], comment: '排队等了很久，要带的材料讲了两遍才听明白' },
];

const BANK = { bankName: '瑞金市农村商业银行叶坪支行', bankAccount: '6230 9100 1234 5678 123' };

async function submit(village: Station, residentId: string, itemCode: string, form: Record<string, unknown>): Promise<string> {
  const item = await village.call('catalog.get', { code: itemCode });
  const draft = await village.call('applications.createDraft', { residentId, itemCode });
  const materials = Object.fromEntries(item.materials.filter((m) => m.required).map((m) => [m.key, { received: true, count: m.count }]));
  await village.call('applications.saveDraft', { id: draft.id, form, materials });
  return (await village.call('applications.submit', { id: draft.id })).id;
}

async function syncAll(...stations: Station[]): Promise<void> {
  for (const s of stations) await s.sync.syncNow();
}

export interface DemoWorkTerminals {
  platform: RunningPlatform;
  village: Station;
  township: Station;
  county: Station;
  reviewer: { username: string; password: string };
}

export async function seedDemoWork({ platform, village, township, county, reviewer }: DemoWorkTerminals): Promise<void> {
  await village.call('session.login', { username: DEMO_CADRE.username, password: DEMO_CADRE.password });
  try {
    const household = await Promise.all(DEMO_HOUSEHOLD.map((p) => village.call('residents.search', { query: p.idNumber }).then((r) => r[0]!)));
    const elders = [];
    for (const e of ELDERS) elders.push(await village.call('residents.register', e));

    // 低保 for 刘德福's household of four: 1,600 元 a month in all, under the demo county's 700 元 standard.
    const members = DEMO_HOUSEHOLD.map((p, i) => ({
      name: p.name,
      idNumber: p.idNumber,
      relation: i === 0 ? '本人' : p.relation === '配偶' ? '配偶' : '子女',
      healthStatus: i === 0 ? '患重大疾病' : '健康',
      workStatus: i === 0 ? '无劳动能力' : i === 1 ? '务农' : '务工',
      monthlyIncome: [0, 300, 650, 650][i],
    }));
    const dibao = await submit(village, household[0]!.id, 'MZ-0001', {
      hardshipCause: '因病',
      applyReason: '户主刘德福患尿毒症长期透析，丧失劳动能力，医药费负担重，家庭收入不足以维持基本生活。',
      householdSize: 4,
      members,
      monthlyIncome: 1600,
      savings: 5000,
      ownsVehicle: false,
      ...BANK,
      phone: DEMO_HOUSEHOLD[0].phone,
    });
    const tekun = await submit(village, elders[0]!.id, 'MZ-0002', {
      personCategory: '老年人（年满60周岁）',
      applyReason: '本人78岁，无配偶无子女，无劳动能力，无生活来源。',
      selfCareAbility: '部分丧失生活自理能力',
      supportMode: '分散供养（居家）',
      monthlyIncome: 0,
      hasObligor: false,
      ...BANK,
      phone: ELDERS[0].phone,
    });
    const cards = [];
    for (const r of [household[1]!, ...elders.slice(1)]) {
      cards.push(
        await submit(village, r.id, 'WJ-0004', { applyType: '新办', photoSource: '代办点现场拍照', deliveryMethod: '村代办点领取', phone: ELDERS[1].phone }),
      );
    }
    // 好差评 at the counter: three residents rated their 受理; 黄冬梅's 不满意 opens a follow-up at the township.
    for (const [i, rating] of DEMO_RATINGS.entries()) await village.call('ratings.submit', { applicationId: cards[i + 1]!, stage: 'receipt', ...rating });
    await syncAll(village);
    await village.call('handover.create', {});
    await syncAll(village, township);

    // The township passes the 低保 and the 特困: both go into their 7-day notice.
    await township.call('session.login', reviewer);
    try {
      await township.call('review.decide', { applicationId: dibao, decision: 'approve', reason: '经入户调查，家庭人均收入低于当地低保标准，同意上报' });
      await township.call('review.decide', { applicationId: tekun, decision: 'approve', reason: '经核实符合特困人员认定条件，同意上报' });
    } finally {
      await township.call('session.logout', {});
    }
    await syncAll(township);
    await platform.db.query(
      `UPDATE notice_periods SET starts_on = starts_on - 8, ends_on = ends_on - 8, ends_at = ends_at - interval '8 days' WHERE application_id = $1`,
      [tekun],
    );
    await platform.admin.sweepNotices();
    await syncAll(village, township, county);
  } finally {
    await village.call('session.logout', {});
  }
}
