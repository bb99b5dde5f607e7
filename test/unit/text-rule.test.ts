import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inputShape, textProblem } from '../../core/text';

// A long line of ordinary text around the character under test: the fast pre-check must not hide it.
const around = (c: string) => `${'张家湾村五组，'.repeat(200)}${c}${'低保申请'.repeat(100)}`;

test('well-formed text passes, however long, with paired surrogates (a rare CJK character, an emoji)', () => {
  for (const s of ['', '王小明', around('𠀀'), around('😀'), '𪚥𠀀', '2026-12-06', around('\t\n')]) {
    assert.equal(textProblem(s, { multiline: true }), null, JSON.stringify(s.slice(0, 20)));
  }
});

test('a lone surrogate is refused wherever it is, high or low, alone or next to a pair', () => {
  for (const s of [around('\uD800'), around('\uDFFF'), '\uD83D', '\uDE00', '😀\uD800', '\uDC00😀', around('\uDE00\uD83D')]) {
    assert.equal(textProblem(s), 'surrogate', JSON.stringify(s.slice(-3)));
  }
});

test('NUL, other C0 controls, DEL and C1 controls are refused; tab and line breaks only where allowed', () => {
  for (const c of ['\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u001F', '\u007F', '\u0085', '\u009F']) {
    assert.equal(textProblem(around(c), { multiline: true }), 'control', c.charCodeAt(0).toString(16));
  }
  assert.equal(textProblem(around('\n')), 'newline');
  assert.equal(textProblem(around('\u202E')), 'bidi');
});

test('the input walk reports the first unsafe string by its path, a pair of surrogates is not one', () => {
  assert.equal(inputShape({ a: ['𠀀', { b: around('😀') }] }).text, null);
  assert.deepEqual(inputShape({ a: ['ok', { b: around('\uD800') }] }).text, { kind: 'text', path: 'a.1.b', problem: 'surrogate' });
  assert.deepEqual(inputShape({ name: 'x\u0000' }).text, { kind: 'text', path: 'name', problem: 'control' });
});
