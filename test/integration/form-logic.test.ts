import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SEED_CATALOG } from '../../core/catalog/seed';
import type { OutboxResult } from '../../core/sync/protocol';
import type { RunningPlatform } from '../../platform';
import { allErrors } from '../../renderer/form/errors';
import { allMaterials } from '../helpers/forms';
import { DIBAO_BAD, DIBAO_GOOD, dibaoForm } from '../helpers/form-logic';
import { enrollTerminal, outboxBatch, outboxMessage, submittedBody, type TestTerminal } from '../helpers/platform';
import { makeStation, TEST_VILLAGE, type TestStation } from '../helpers/station';
import { startTestPlatform } from '../helpers/sync';

/**
 * One evaluator, three places: the renderer's live check, the station's submit and the platform's ingest
 * refuse the 低保 form with the same Chinese reasons and accept a correct one.
 */
const item = SEED_CATALOG.items.find((i) => i.code === 'MZ-0001')!;
const GOOD = DIBAO_GOOD;
const REASONS = {
  members: '共同生活家庭人口填写为5人，家庭成员表却有1行，两者应一致',
  monthlyIncome: '家庭人均月收入60000元，不低于本县低保标准700元/人·月，不符合低保受理条件',
  savings: '家庭人均存款及有价证券1800000元，超过本县规定的上限（低保标准的24倍，即16800元），不符合低保受理条件',
};

let platform: RunningPlatform;
let terminal: TestTerminal;
let village: TestStation;

before(async () => {
  platform = await startTestPlatform();
  terminal = await enrollTerminal(platform, { divisionCode: TEST_VILLAGE });
  village = await makeStation();
});

after(async () => {
  village.cleanup();
  await platform.close();
});

test("the renderer: the live check marks the three fields with the rules' words", () => {
  const errors = allErrors({ form: dibaoForm(), options: { today: '2026-12-06' } }, DIBAO_BAD, item.materials, allMaterials(item));
  assert.equal(errors.members, REASONS.members);
  assert.equal(errors.monthlyIncome, REASONS.monthlyIncome);
  assert.equal(errors.savings, REASONS.savings);
  assert.deepEqual(allErrors({ form: dibaoForm(), options: {} }, GOOD, item.materials, allMaterials(item)), {});
});

test('the station: submit refuses the draft with the same reasons, keeps it, and takes the corrected one', async () => {
  const api = village.station;
  const resident = await api.call('residents.register', { idNumber: '360781195603140020', name: '钟桂香' });
  const draft = await api.call('applications.createDraft', { residentId: resident.id, itemCode: item.code });
  await api.call('applications.saveDraft', { id: draft.id, form: DIBAO_BAD, materials: allMaterials(item) });
  const refusal = await api.call('applications.submit', { id: draft.id }).then(
    () => assert.fail('the 低保 form of the issue must be refused'),
    (e: { code: string; details?: { fields?: Record<string, string> } }) => e,
  );
  assert.equal(refusal.code, 'FORM_INVALID');
  assert.equal(refusal.details?.fields?.members, REASONS.members);
  assert.equal(refusal.details?.fields?.monthlyIncome, REASONS.monthlyIncome);
  assert.equal(refusal.details?.fields?.savings, REASONS.savings);
  assert.equal((await api.call('applications.get', { id: draft.id })).status, 'draft', 'the draft is kept');

  await api.call('applications.saveDraft', { id: draft.id, form: GOOD, materials: allMaterials(item) });
  const submitted = await api.call('applications.submit', { id: draft.id });
  assert.equal(submitted.status, 'queued');
  assert.equal(submitted.form.perCapitaIncome, 450, 'the computed field is stored with the application');
});

test("the platform: ingest answers the forged submission invalid with the rule's reason, and accepts the good one", async () => {
  const bad = { ...submittedBody(TEST_VILLAGE), form: DIBAO_BAD };
  const good = { ...submittedBody(TEST_VILLAGE), form: GOOD };
  const reply = await terminal.request('POST', '/v1/outbox', {
    json: outboxBatch([outboxMessage('application.submitted', bad), outboxMessage('application.submitted', good)]),
  });
  assert.equal(reply.status, 200);
  const [r1, r2] = reply.json<{ results: OutboxResult[] }>().results as [OutboxResult, OutboxResult];
  assert.ok(r1.result === 'invalid', JSON.stringify(r1));
  assert.equal(r1.code, 'FORM_INVALID');
  assert.ok(r1.reason.includes(REASONS.members), r1.reason);
  assert.equal(r2.result, 'accepted', JSON.stringify(r2));
});
