import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { v7 as uuidv7 } from 'uuid';
import type { ApplicationDecided, ApplicationReceived } from '../../core/sync/changes';
import type { ApplicationSubmitted, HandoverListed, ReviewDecided } from '../../core/sync/messages';
import type { Change } from '../../core/sync/protocol';
import type { RunningPlatform } from '../../platform';
import { DELEGATED_CATALOG } from '../helpers/delegated-catalog';
import {
  completedBody,
  decidedBody,
  enrollTerminal,
  handoverConfirmedBody,
  handoverListedBody,
  outboxMessage,
  platformForSuite,
  submittedBody,
  supplementedBody,
  type PlatformBackend,
  type TestTerminal,
} from '../helpers/platform';
import { postOutbox, reasonOf, verdicts, wholeFeed } from '../helpers/protocol';

/**
 * Township review on the platform (issue #5): decisions authorised, idempotent and checked against the
 * lifecycle; supplements, completion and handover lists; what each terminal reads from the change feed.
 * The tests of one suite build on each other, in order, like the journey they follow.
 */

const TOWNSHIP = '360781106';
const VILLAGE = '360781106201';
const NEIGHBOUR = '360781106202';
const OTHER_TOWNSHIP = '360781107';

const ofApplication = (changes: Change[], kind: string, applicationId: string) =>
  changes.filter((c) => c.kind === kind && (c.body as { applicationId: string }).applicationId === applicationId);

/** The statuses a township terminal has heard of for one application, in order. */
async function statusesSeen(t: TestTerminal, applicationId: string): Promise<string[]> {
  return ofApplication(await wholeFeed(t), 'application.received', applicationId).map((c) => (c.body as ApplicationReceived).status);
}

const decided = (d: ReviewDecided) => outboxMessage('review.decided', d);

function reviewSuite(backend: PlatformBackend) {
  describe(`platform review on ${backend}`, () => {
    const running = platformForSuite(backend, 'review', { delegated: true });
    let platform: RunningPlatform;
    let village: TestTerminal;
    let neighbour: TestTerminal;
    let township: TestTerminal;
    let township2: TestTerminal;
    let otherTownship: TestTerminal;
    /** a1 approved, a2 returned for supplement, a3 rejected, a4 withdrawn, a5 left alone, a6 raced for. */
    let apps: ApplicationSubmitted[];
    const d: Record<string, ReviewDecided> = {};
    let list: HandoverListed;

    before(async () => {
      platform = running.platform;
      village = await enrollTerminal(platform, { divisionCode: VILLAGE, name: '华屋村代办点' });
      neighbour = await enrollTerminal(platform, { divisionCode: NEIGHBOUR });
      township = await enrollTerminal(platform, { divisionCode: TOWNSHIP, role: 'township', name: '叶坪乡便民服务中心' });
      township2 = await enrollTerminal(platform, { divisionCode: TOWNSHIP, role: 'township' });
      otherTownship = await enrollTerminal(platform, { divisionCode: OTHER_TOWNSHIP, role: 'township' });
      apps = Array.from({ length: 6 }, () => submittedBody(VILLAGE, { catalogVersion: DELEGATED_CATALOG.version }));
    });
    test('the village submits; the township terminals read each whole submission from the change feed', async () => {
      const res = await postOutbox(
        village,
        apps.map((a) => outboxMessage('application.submitted', a)),
      );
      assert.deepEqual(
        verdicts(res),
        apps.map(() => 'accepted'),
      );
      for (const t of [township, township2]) {
        const received = (await wholeFeed(t)).filter((c) => c.kind === 'application.received');
        assert.deepEqual(
          received.map((c) => [c.divisionCode, (c.body as ApplicationReceived).status, (c.body as ApplicationReceived).submission]),
          apps.map((a) => [VILLAGE, 'sent', a]),
        );
        assert.deepEqual(
          received.map((c) => (c.body as ApplicationReceived).receiptNo),
          apps.map((a) => a.receiptNo),
        );
      }
      // Neither the village itself (no echo), its neighbour nor another township hears of them.
      for (const t of [village, neighbour, otherTownship])
        assert.deepEqual(
          (await wholeFeed(t)).filter((c) => c.kind.startsWith('application.')),
          [],
        );
    });

    test('the township approves one, returns one for supplement with its items, rejects one; a rejection needs a reason', async () => {
      const [a1, a2, a3] = apps as [ApplicationSubmitted, ApplicationSubmitted, ApplicationSubmitted];
      d.a1 = decidedBody(VILLAGE, a1.applicationId, 'approve');
      d.a2 = decidedBody(VILLAGE, a2.applicationId, 'request_supplement');
      d.a3 = decidedBody(VILLAGE, a3.applicationId, 'reject');
      const noReason = { ...decidedBody(VILLAGE, a3.applicationId, 'reject'), reason: null };
      const noItems = { ...decidedBody(VILLAGE, a3.applicationId, 'request_supplement'), supplement: { items: [], note: null } };
      const res = await postOutbox(township, [
        decided(d.a1),
        decided(d.a2),
        outboxMessage('review.decided', noReason),
        outboxMessage('review.decided', noItems),
        decided(d.a3),
      ]);
      assert.deepEqual(verdicts(res), ['accepted', 'accepted', 'INVALID_BODY', 'INVALID_BODY', 'accepted']);
      assert.equal(reasonOf(res, 2), '记录内容不符合要求：不予通过须写明理由。这条记录未被平台接收，请核对后重新办理');
      assert.match(reasonOf(res, 3), /^记录内容不符合要求：“补正项目”至少1项/);

      const stored = await Promise.all([a1, a2, a3].map((a) => platform.admin.getApplication(a.applicationId)));
      assert.deepEqual(
        stored.map((s) => [s?.status, s?.decidedAt, s?.decisions.map((x) => [x.decisionId, x.decision, x.statusAfter, x.terminalId])]),
        [
          ['approved', d.a1.decidedAt, [[d.a1.decisionId, 'approve', 'approved', township.terminalId]]],
          ['needs_supplement', d.a2.decidedAt, [[d.a2.decisionId, 'request_supplement', 'needs_supplement', township.terminalId]]],
          ['rejected', d.a3.decidedAt, [[d.a3.decisionId, 'reject', 'rejected', township.terminalId]]],
        ],
      );
      const [returned] = await platform.admin.listDecisions(a2.applicationId);
      assert.deepEqual([returned?.supplement, returned?.reason, returned?.reviewer], [d.a2.supplement, null, d.a2.reviewer]);
      assert.equal((await platform.admin.listDecisions(a3.applicationId))[0]?.reason, d.a3.reason);
    });

    test('only a township terminal containing the application’s village may decide', async () => {
      const a5 = apps[4]!;
      const res = await postOutbox(otherTownship, [
        decided(decidedBody(VILLAGE, a5.applicationId, 'approve')),
        // The body names the other township's own village; the projection says otherwise.
        decided(decidedBody(`${OTHER_TOWNSHIP}201`, a5.applicationId, 'approve')),
      ]);
      assert.deepEqual(verdicts(res), ['FORBIDDEN', 'FORBIDDEN']);
      assert.equal(reasonOf(res, 0), `${VILLAGE} 不属于本乡镇（${OTHER_TOWNSHIP}000），不能提交审核决定`);
      assert.equal(reasonOf(res, 1), `这件申请属于 ${VILLAGE}，不在本乡镇（${OTHER_TOWNSHIP}000）辖区，不能审核`);

      const fromVillage = await postOutbox(village, [decided(decidedBody(VILLAGE, a5.applicationId, 'approve'))]);
      assert.deepEqual(verdicts(fromVillage), ['FORBIDDEN']);
      assert.equal(reasonOf(fromVillage, 0), '只有乡镇审核终端才能提交审核决定，本终端是村级代办终端');

      const mine = await postOutbox(township, [
        decided(decidedBody(NEIGHBOUR, a5.applicationId, 'approve')),
        decided(decidedBody(VILLAGE, uuidv7(), 'approve')),
      ]);
      assert.deepEqual(verdicts(mine), ['INVALID_BODY', 'NOT_FOUND']);
      assert.equal(reasonOf(mine, 0), `审核决定中的村级区划代码（${NEIGHBOUR}）与申请所属村（${VILLAGE}）不一致，平台未接收`);
      assert.equal(reasonOf(mine, 1), '平台上没有这件申请（可能村里尚未同步上来），暂不能审核');

      const stored = await platform.admin.getApplication(a5.applicationId);
      assert.deepEqual([stored?.status, stored?.decisions], ['sent', []]);
    });

    test('a withdrawn application cannot be decided, a decided one neither decided again nor withdrawn', async () => {
      const [a1, , , a4] = apps as ApplicationSubmitted[];
      const withdraw = (id: string) =>
        outboxMessage('application.withdrawn', { applicationId: id, reason: '申请人主动撤回', withdrawnAt: '2026-11-24T01:00:00.000Z', by: 'cadre01' });
      assert.deepEqual(verdicts(await postOutbox(village, [withdraw(a4!.applicationId)])), ['accepted']);
      const res = await postOutbox(township2, [
        decided(decidedBody(VILLAGE, a4!.applicationId, 'approve')),
        decided(decidedBody(VILLAGE, a1!.applicationId, 'reject')),
      ]);
      assert.deepEqual(verdicts(res), ['ILLEGAL_TRANSITION', 'ILLEGAL_TRANSITION']);
      assert.equal(reasonOf(res, 0), '这件申请已撤回，不能再审核');
      assert.equal(reasonOf(res, 1), '这件申请已审核通过，审核决定一经同步即为最终决定，不能再次审核');
      const late = await postOutbox(village, [withdraw(a1!.applicationId), withdraw(a4!.applicationId)]);
      assert.deepEqual(verdicts(late), ['ILLEGAL_TRANSITION', 'accepted']);
      assert.equal(reasonOf(late, 0), '这件申请已审核通过，不能再撤回');
      assert.deepEqual(
        [(await platform.admin.getApplication(a1!.applicationId))?.status, (await platform.admin.getApplication(a4!.applicationId))?.decisions],
        ['approved', []],
      );
    });

    test('the same decision sent again under a new message id is accepted and applied once', async () => {
      const a1 = apps[0]!;
      const before = ofApplication(await wholeFeed(village), 'application.decided', a1.applicationId).length;
      const first = decided(d.a1!);
      const res = await postOutbox(township, [first, decided(d.a1!), outboxMessage('review.decided', { ...d.a1!, decision: 'reject', reason: '改判' })]);
      assert.deepEqual(verdicts(res), ['accepted', 'accepted', 'ILLEGAL_TRANSITION']);
      assert.equal(reasonOf(res, 2), '平台已收到编号相同而内容不同的审核决定，以先收到的为准');
      assert.deepEqual(verdicts(await postOutbox(township, [first])), ['duplicate']);
      assert.equal((await platform.admin.listDecisions(a1.applicationId)).length, 1);
      assert.equal(ofApplication(await wholeFeed(village), 'application.decided', a1.applicationId).length, before);
      assert.equal((await platform.admin.getApplication(a1.applicationId))?.status, 'approved');
    });

    test('two township terminals deciding at once: the first wins, the second is told it is decided', async () => {
      const a6 = apps[5]!;
      const [r1, r2] = await Promise.all([
        postOutbox(township, [decided(decidedBody(VILLAGE, a6.applicationId, 'approve'))]),
        postOutbox(township2, [decided(decidedBody(VILLAGE, a6.applicationId, 'reject'))]),
      ]);
      const outcome = [...verdicts(r1!), ...verdicts(r2!)];
      assert.deepEqual([...outcome].sort(), ['ILLEGAL_TRANSITION', 'accepted']);
      const winner = outcome[0] === 'accepted' ? 'approved' : 'rejected';
      const loser = outcome[0] === 'accepted' ? reasonOf(r2!, 0) : reasonOf(r1!, 0);
      assert.match(loser, winner === 'approved' ? /^这件申请已审核通过/ : /^这件申请已决定不予通过/);
      const stored = await platform.admin.getApplication(a6.applicationId);
      assert.deepEqual([stored?.status, stored?.decisions.length], [winner, 1]);
      d.a6 = (await platform.admin.listDecisions(a6.applicationId)).map((x) =>
        decidedBody(VILLAGE, a6.applicationId, x.decision, { decisionId: x.decisionId }),
      )[0]!;
    });

    test('the village reads each decision; every township terminal gets it and the new status; nobody else hears', async () => {
      const [a1, a2, a3, a4, a5, a6] = apps as ApplicationSubmitted[];
      const villageFeed = await wholeFeed(village);
      const decisions = villageFeed.filter((c) => c.kind === 'application.decided');
      const expected = [
        [VILLAGE, { ...d.a1, status: 'approved', receiptNo: a1!.receiptNo, step: 'township' }],
        [VILLAGE, { ...d.a2, status: 'needs_supplement', receiptNo: a2!.receiptNo, step: 'township' }],
        [VILLAGE, { ...d.a3, status: 'rejected', receiptNo: a3!.receiptNo, step: 'township' }],
        [VILLAGE, { ...d.a6, status: d.a6!.decision === 'approve' ? 'approved' : 'rejected', receiptNo: a6!.receiptNo, step: 'township' }],
      ];
      assert.deepEqual(
        decisions.map((c) => [c.divisionCode, c.body]),
        expected,
      );
      assert.deepEqual((decisions[1]!.body as ApplicationDecided).supplement?.items.length, 2);
      for (const t of [township, township2]) {
        assert.deepEqual(await statusesSeen(t, a1!.applicationId), ['sent', 'approved']);
        assert.deepEqual(await statusesSeen(t, a2!.applicationId), ['sent', 'needs_supplement']);
        assert.deepEqual(await statusesSeen(t, a3!.applicationId), ['sent', 'rejected']);
        assert.deepEqual(await statusesSeen(t, a4!.applicationId), ['sent', 'withdrawn']);
        assert.deepEqual(await statusesSeen(t, a5!.applicationId), ['sent']);
        assert.equal((await statusesSeen(t, a6!.applicationId)).length, 2);
        // Both township terminals get the decisions too (the deciding one: its echo), each before its status.
        const townshipFeed = await wholeFeed(t);
        assert.deepEqual(
          townshipFeed.filter((c) => c.kind === 'application.decided').map((c) => [c.divisionCode, c.body]),
          expected,
        );
        const a1Kinds = townshipFeed.filter((c) => (c.body as { applicationId?: string }).applicationId === a1!.applicationId).map((c) => c.kind);
        assert.deepEqual(a1Kinds, ['application.received', 'application.decided', 'application.received']);
      }
      for (const t of [neighbour, otherTownship])
        assert.deepEqual(
          (await wholeFeed(t)).filter((c) => c.kind.startsWith('application.')),
          [],
        );
    });

    test('supplement: the village sends it, the township sees it with the original kept, approves, the village completes', async () => {
      const [a1, a2, a3, , a5] = apps as ApplicationSubmitted[];
      const supplement = supplementedBody(a2!);
      const wrong = await postOutbox(village, [outboxMessage('application.supplemented', supplementedBody(a1!))]);
      assert.deepEqual(verdicts(wrong), ['ILLEGAL_TRANSITION']);
      assert.equal(reasonOf(wrong, 0), '这件申请已审核完毕，不能再补正');
      assert.deepEqual(verdicts(await postOutbox(township, [outboxMessage('application.supplemented', supplement)])), ['FORBIDDEN']);
      const foreign = await postOutbox(neighbour, [outboxMessage('application.supplemented', supplement)]);
      assert.deepEqual(verdicts(foreign), ['NOT_FOUND']);
      assert.equal(reasonOf(foreign, 0), '平台上没有本辖区的这件申请，无法补正');

      const sent = outboxMessage('application.supplemented', supplement);
      assert.deepEqual(verdicts(await postOutbox(village, [sent, outboxMessage('application.supplemented', supplement)])), ['accepted', 'accepted']);
      const stored = await platform.admin.getApplication(a2!.applicationId);
      const body = stored?.body as ApplicationSubmitted;
      const original = stored?.originalBody as ApplicationSubmitted;
      assert.deepEqual(
        [
          stored?.status,
          stored?.supplementedAt,
          body.form.bankAccount,
          body.attachments.length,
          original.form.bankAccount,
          original.attachments.length,
          stored?.supplements.length,
        ],
        ['supplemented', supplement.supplementedAt, '6217000000000000001', 2, a2!.form.bankAccount, 1, 1],
      );
      assert.deepEqual(body.resident, a2!.resident);

      const seen = ofApplication(await wholeFeed(township2), 'application.received', a2!.applicationId).map((c) => c.body as ApplicationReceived);
      assert.deepEqual(
        seen.map((b) => [b.status, b.submission?.form.bankAccount ?? null, b.supplement ?? null]),
        [
          ['sent', a2!.form.bankAccount, null],
          ['needs_supplement', null, null],
          // The promised date the platform kept goes with it (the body sent none: unchanged).
          ['supplemented', null, { ...supplement, dueDate: a2!.dueDate }],
        ],
      );

      // Supplemented → (start_review) → approved; then the village tells the residents and completes.
      d.a2b = decidedBody(VILLAGE, a2!.applicationId, 'approve', { decidedAt: '2026-11-28T02:00:00.000Z' });
      assert.deepEqual(verdicts(await postOutbox(township, [decided(d.a2b)])), ['accepted']);
      assert.deepEqual(
        (await platform.admin.listDecisions(a2!.applicationId)).map((x) => x.statusAfter),
        ['needs_supplement', 'approved'],
      );
      const done = await postOutbox(village, [
        outboxMessage('application.completed', completedBody(a1!.applicationId)),
        outboxMessage('application.completed', completedBody(a2!.applicationId)),
        outboxMessage('application.completed', completedBody(a3!.applicationId)),
        outboxMessage('application.completed', completedBody(a5!.applicationId)),
        outboxMessage('application.completed', completedBody(a1!.applicationId)),
      ]);
      assert.deepEqual(verdicts(done), ['accepted', 'accepted', 'accepted', 'ILLEGAL_TRANSITION', 'accepted']);
      assert.equal(reasonOf(done, 3), '这件申请还没有审核结果，不能办结');
      const a2Stored = await platform.admin.getApplication(a2!.applicationId);
      assert.deepEqual([a2Stored?.status, a2Stored?.completedAt], ['completed', '2026-11-30T02:00:00.000Z']);
      assert.deepEqual(await statusesSeen(township, a2!.applicationId), ['sent', 'needs_supplement', 'supplemented', 'approved', 'completed']);
      assert.deepEqual(await statusesSeen(township2, a1!.applicationId), ['sent', 'approved', 'completed']);
      assert.deepEqual(
        ofApplication(await wholeFeed(village), 'application.decided', a2!.applicationId).map((c) => (c.body as ApplicationDecided).status),
        ['needs_supplement', 'approved'],
      );
      const late = await postOutbox(township, [decided(decidedBody(VILLAGE, a2!.applicationId, 'reject'))]);
      assert.equal(reasonOf(late, 0), '这件申请已办结，不能再审核');
    });

    test('handover list: the village lists the paper, the township sees it and confirms once, the village sees what arrived', async () => {
      const [a1, a2, a3] = apps as ApplicationSubmitted[];
      list = handoverListedBody(VILLAGE, [a1!, a2!, a3!]);
      const listed = await postOutbox(village, [outboxMessage('handover.listed', list), outboxMessage('handover.listed', list)]);
      assert.deepEqual(verdicts(listed), ['accepted', 'accepted']);
      const changed = await postOutbox(village, [outboxMessage('handover.listed', { ...list, listNo: 'X-1' })]);
      assert.deepEqual(verdicts(changed), ['ILLEGAL_TRANSITION']);
      const stolen = await postOutbox(neighbour, [outboxMessage('handover.listed', handoverListedBody(NEIGHBOUR, [a1!]))]);
      assert.deepEqual(verdicts(stolen), ['FORBIDDEN']);
      assert.equal(reasonOf(stolen, 0), `交接清单中有不属于本村的申请（回执号 ${a1!.receiptNo}），平台不予接收`);
      assert.deepEqual(verdicts(await postOutbox(township, [outboxMessage('handover.listed', handoverListedBody(VILLAGE, [a1!]))])), ['FORBIDDEN']);

      for (const t of [township, township2]) {
        assert.deepEqual(
          (await wholeFeed(t)).filter((c) => c.kind === 'handover.listed').map((c) => [c.divisionCode, c.body]),
          [[VILLAGE, list]],
        );
      }
      assert.deepEqual(
        (await wholeFeed(village)).filter((c) => c.kind.startsWith('handover.')),
        [],
      );

      const missing = [{ applicationId: a2!.applicationId, materialKey: 'incomeProof', note: '原件未随清单送达' }];
      const confirmation = handoverConfirmedBody(list, missing);
      const refused = await postOutbox(otherTownship, [outboxMessage('handover.confirmed', confirmation)]);
      const fromVillage = await postOutbox(village, [outboxMessage('handover.confirmed', confirmation)]);
      assert.deepEqual([...verdicts(refused), ...verdicts(fromVillage)], ['FORBIDDEN', 'FORBIDDEN']);
      const unknown = await postOutbox(township, [outboxMessage('handover.confirmed', { ...confirmation, listId: uuidv7() })]);
      assert.deepEqual(verdicts(unknown), ['NOT_FOUND']);
      const stray = await postOutbox(township, [
        outboxMessage('handover.confirmed', handoverConfirmedBody(list, [{ applicationId: apps[4]!.applicationId, materialKey: 'idCard', note: null }])),
      ]);
      assert.deepEqual(verdicts(stray), ['INVALID_BODY']);

      assert.deepEqual(verdicts(await postOutbox(township, [outboxMessage('handover.confirmed', confirmation)])), ['accepted']);
      const second = await postOutbox(township2, [
        outboxMessage('handover.confirmed', handoverConfirmedBody(list)),
        outboxMessage('handover.confirmed', confirmation),
      ]);
      assert.deepEqual(verdicts(second), ['ILLEGAL_TRANSITION', 'accepted']);
      assert.equal(reasonOf(second, 0), '这份交接清单已于 2026-11-24 16:00 确认过，不能再次确认');

      const stored = await platform.admin.getHandoverList(list.listId);
      assert.deepEqual(
        [stored?.listNo, stored?.divisionCode, stored?.terminalId, stored?.confirmation?.terminalId, stored?.confirmation?.body],
        [list.listNo, VILLAGE, village.terminalId, township.terminalId, confirmation],
      );
      assert.deepEqual(
        stored?.items.map((i) => [i.applicationId, i.receiptNo, i.materialKeys, i.missing]),
        [
          [a1!.applicationId, a1!.receiptNo, ['idCard', 'hukou', 'incomeProof'], []],
          [a2!.applicationId, a2!.receiptNo, ['idCard', 'hukou', 'incomeProof'], [{ materialKey: 'incomeProof', note: '原件未随清单送达' }]],
          [a3!.applicationId, a3!.receiptNo, ['idCard', 'hukou', 'incomeProof'], []],
        ],
      );
      for (const t of [village, township, township2]) {
        assert.deepEqual(
          (await wholeFeed(t)).filter((c) => c.kind === 'handover.confirmed').map((c) => [c.divisionCode, c.body]),
          [[VILLAGE, confirmation]],
        );
      }
      assert.deepEqual(
        (await wholeFeed(village)).filter((c) => c.kind === 'handover.listed'),
        [],
      );
      assert.deepEqual(
        (await wholeFeed(neighbour)).filter((c) => c.kind.startsWith('handover.')),
        [],
      );
      assert.equal(await platform.admin.getHandoverList(uuidv7()), null);
    });
  });
}

reviewSuite('pglite');
reviewSuite('postgres');
reviewSuite('haproxy');
