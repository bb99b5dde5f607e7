import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ResidentView } from '../../core/api/views';
import { allMaterials, validValues } from '../helpers/forms';
import { makeStation, type TestStation } from '../helpers/station';
import { idNumber } from '../helpers/sync';

/** 户 as a record: a household of four fills every item's members table; a later change leaves taken applications alone. */
let t: TestStation;
const people: Record<string, ResidentView> = {};

before(async () => {
  t = await makeStation();
  for (const [n, name] of [
    [41, '钟桂香'],
    [42, '刘德福'],
    [43, '刘小兰'],
    [44, '刘建国'],
  ] as const) {
    people[name] = await t.station.call('residents.register', { idNumber: idNumber(n), name });
  }
});
after(() => t.cleanup());

const member = (name: string, relation: '户主' | '配偶' | '子女' | '父母') => ({ residentId: people[name]!.id, relation });

test('a household of four fills the 低保 and 临时救助 tables without retyping a member; the snapshot outlives a change', async () => {
  const api = t.station;
  const household = await api.call('households.save', {
    members: [member('刘德福', '户主'), member('钟桂香', '配偶'), member('刘小兰', '子女'), member('刘建国', '子女')],
  });
  assert.deepEqual(
    household.members.map((m) => [m.name, m.relation]),
    [
      ['刘德福', '户主'],
      ['钟桂香', '配偶'],
      ['刘小兰', '子女'],
      ['刘建国', '子女'],
    ],
  );
  assert.ok(
    household.members.every((m) => /^\d{6}\*{8}\d{3}[\dX]$/.test(m.idNumberMasked)),
    'ID numbers masked in the view',
  );
  assert.equal((await api.call('households.ofResident', { residentId: people['刘小兰']!.id }))?.id, household.id);

  // The head applies for 低保: the table holds all four, the head as 本人, the others by their relation to him.
  const dibao = await api.call('catalog.get', { code: 'MZ-0001' });
  const d1 = await api.call('applications.createDraft', { residentId: people['刘德福']!.id, itemCode: dibao.code });
  const rows1 = d1.form.members as { name: string; idNumber: string; relation?: string }[];
  assert.deepEqual(
    rows1.map((r) => [r.name, r.relation]),
    [
      ['刘德福', '本人'],
      ['钟桂香', '配偶'],
      ['刘小兰', '子女'],
      ['刘建国', '子女'],
    ],
  );
  assert.equal(rows1[1]!.idNumber, idNumber(41), 'the full number is in the draft (it goes up with the application)');
  assert.equal(d1.form.householdSize, 4);

  // The spouse applies for 临时救助: she is 本人 and first; the others' relation to her is left to the cadre.
  const temp = await api.call('catalog.get', { code: 'MZ-0003' });
  const d2 = await api.call('applications.createDraft', { residentId: people['钟桂香']!.id, itemCode: temp.code });
  const rows2 = d2.form.members as { name: string; relation?: string }[];
  assert.deepEqual(
    rows2.map((r) => [r.name, r.relation ?? '']),
    [
      ['钟桂香', '本人'],
      ['刘德福', ''],
      ['刘小兰', ''],
      ['刘建国', ''],
    ],
  );

  // Submit the 低保 one (its table as the household gave it), then the household changes.
  const form = {
    ...validValues(dibao.form.fields),
    members: rows1.map((r, i) => ({ ...r, relation: r.relation, healthStatus: '健康', monthlyIncome: 100 + i })),
    householdSize: 4,
  };
  await api.call('applications.saveDraft', { id: d1.id, form, materials: allMaterials(dibao) });
  const submitted = await api.call('applications.submit', { id: d1.id });
  await api.call('households.save', { id: household.id, members: [member('刘德福', '户主'), member('钟桂香', '配偶'), member('刘小兰', '子女')] });
  const after = await api.call('applications.get', { id: submitted.id });
  assert.equal((after.form.members as unknown[]).length, 4, 'the submitted application keeps its snapshot of four');
  assert.equal(await api.call('households.ofResident', { residentId: people['刘建国']!.id }), null, 'the one taken out is in no household');
});

test('one resident, one household: another household is named, a move is a choice, a head with members stays', async () => {
  const api = t.station;
  const other = await api.call('residents.register', { idNumber: idNumber(45), name: '钟老三' });
  people['钟老三'] = other;
  await assert.rejects(
    api.call('households.save', { members: [member('钟老三', '户主'), member('刘小兰', '子女')] }),
    (e: { code: string; message: string }) => {
      assert.equal(e.code, 'HOUSEHOLD_CONFLICT');
      assert.match(e.message, /刘小兰（现属刘德福户）已在另一户中/);
      return true;
    },
  );
  const moved = await api.call('households.save', { members: [member('钟老三', '户主'), member('刘小兰', '子女')], moveMembers: true });
  assert.deepEqual(
    moved.members.map((m) => m.name),
    ['钟老三', '刘小兰'],
  );
  const first = await api.call('households.ofResident', { residentId: people['刘德福']!.id });
  assert.deepEqual(
    first?.members.map((m) => m.name),
    ['刘德福', '钟桂香'],
  );
  await assert.rejects(
    api.call('households.save', { members: [member('钟老三', '户主'), member('刘德福', '父母')], moveMembers: true }),
    /刘德福是另一户的户主/,
  );
  await assert.rejects(api.call('households.save', { members: [member('钟老三', '户主'), member('钟老三', '子女')] }), /列了两次/);
  await assert.rejects(api.call('households.save', { members: [member('刘建国', '子女')] }), /有且只有一位户主/);
});
