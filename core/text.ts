import { z } from 'zod';

/**
 * The one text rule (docs/security.md) for every free-text value a person types, applied at the StationApi
 * boundary and again on the platform: NFC; no control characters (newline and tab only in a multi-line
 * field); no lone surrogates; no bidi overrides or isolates; a length cap counted in characters.
 * A NUL or a lone surrogate once stopped a whole village's queue (PostgreSQL's jsonb refuses both).
 */

export type TextProblem = 'control' | 'newline' | 'surrogate' | 'bidi' | 'too_long';

const LINE_BREAK = /[\t\n\r\u2028\u2029]/;
// A lone surrogate is a code point of category Cs once the `u` flag pairs up the well-formed ones.
const LONE_SURROGATE = /\p{Cs}/u;
// Embeddings, overrides and isolates: they can make "张三" display as something else on a printed notice.
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;

/** Characters as a person counts them (a CJK character outside the BMP is one). */
export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

// C0 and C1 controls and DEL (\t \n \r are judged apart: allowed in multi-line fields only) or a lone
// surrogate, in one pass: nearly every string has neither (the ingest path checks every string it gets).
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\p{Cs}/u;
// The same characters plus every surrogate, paired or not, without the `u` flag: four times faster on a long
// string, and nearly every string has none of them, so the exact pattern runs only on the few that do.
const MAYBE_UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF]/;

/** What no string anywhere may hold, whatever field it is in: a lone surrogate or a control character other than tab and line breaks. */
function unsafeCharacter(s: string): 'surrogate' | 'control' | null {
  if (!MAYBE_UNSAFE.test(s) || !UNSAFE.test(s)) return null;
  return LONE_SURROGATE.test(s) ? 'surrogate' : 'control';
}

/**
 * `s` with what no stored string may hold taken out (controls other than tab and line breaks, lone
 * surrogates): for text another system wrote that is kept only to be shown (an error it answered with).
 */
export function storableText(s: string): string {
  return s.replace(new RegExp(UNSAFE.source, 'gu'), '');
}

/** The first problem of `s` under the rule, or null. `max` is in characters. */
export function textProblem(s: string, o: { multiline?: boolean; max?: number } = {}): TextProblem | null {
  const unsafe = unsafeCharacter(s);
  if (unsafe) return unsafe;
  if (!o.multiline && LINE_BREAK.test(s)) return 'newline';
  if (BIDI.test(s)) return 'bidi';
  if (o.max !== undefined && charCount(s) > o.max) return 'too_long';
  return null;
}

/** What follows the field's quoted name: “地址”中有…. */
export function textProblemPhrase(problem: TextProblem, max?: number): string {
  switch (problem) {
    case 'surrogate':
      return '中有无法识别的字符（可能是复制粘贴带来的乱码），请删除后重新输入';
    case 'control':
      return '中有看不见的控制字符，请删除后重新输入';
    case 'newline':
      return '只能填写一行，请删除其中的换行或制表符';
    case 'bidi':
      return '中有改变文字方向的隐藏字符，请删除后重新输入';
    case 'too_long':
      return `不能超过${max ?? 0}个字`;
  }
}

/** The whole sentence for a field named `label`. */
export function textProblemMessage(label: string, problem: TextProblem, max?: number): string {
  return `“${label}”${textProblemPhrase(problem, max)}`;
}

/** NFC, CRLF as LF, trimmed: the form the text is stored and compared in. */
export function normaliseText(s: string): string {
  return s.normalize('NFC').replace(/\r\n?/g, '\n').trim();
}

export interface TextFieldOptions {
  /** In characters. */
  max: number;
  /** Required when given: the message when shorter. */
  min?: { length: number; message: string };
  multiline?: boolean;
  /** Passwords keep their spaces (and are not normalised: the hash sees exactly what was typed). */
  raw?: boolean;
}

/** A zod schema for one free-text field, named `label` in every refusal. Output: the normalised text. */
export function textField(label: string, o: TextFieldOptions) {
  return z
    .string({ error: `“${label}”应为文字` })
    .transform((s) => (o.raw ? s : normaliseText(s)))
    .superRefine((s, ctx) => {
      const problem = textProblem(s, { multiline: o.multiline, max: o.max });
      if (problem) ctx.addIssue({ code: 'custom', message: textProblemMessage(label, problem, o.max) });
      else if (o.min && charCount(s) < o.min.length) ctx.addIssue({ code: 'custom', message: o.min.message });
    });
}

// ---- the shape of any input: depth, keys, and the strings inside ----

/** Deeper than this is no form a person filled in (a members table is three levels). */
export const MAX_INPUT_DEPTH = 32;
/** Keys that reach an object's prototype when assigned. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type ShapeProblem = { kind: 'depth'; path: string } | { kind: 'key'; path: string; key: string } | { kind: 'text'; path: string; problem: TextProblem };

type Node = { v: unknown; depth: number; parent: Node | null; key: string };

/** The dotted path of a node, built only for the one reported. */
function pathOf(n: Node): string {
  const keys: string[] = [];
  for (let x: Node | null = n; x && x.parent; x = x.parent) keys.push(x.key);
  return keys.reverse().join('.');
}

/**
 * Walks a parsed JSON value once, without recursion (5,000 levels must not overflow the stack), and reports
 * the first problem of each sort no caller should ever get: `structure` (too deep, a prototype key, a key
 * with a NUL or a lone surrogate) and `text` (a string with a NUL, another C0 control than tab and line
 * breaks, or a lone surrogate). Field-level rules (bidi, lengths, one line) stay with the field schemas,
 * which can name the field better than a path can.
 */
export function inputShape(value: unknown, maxDepth = MAX_INPUT_DEPTH): { structure: ShapeProblem | null; text: ShapeProblem | null } {
  let text: ShapeProblem | null = null;
  const stack: Node[] = [{ v: value, depth: 0, parent: null, key: '' }];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const v = n.v;
    if (typeof v === 'string') {
      if (text === null) {
        const p = unsafeCharacter(v);
        if (p) text = { kind: 'text', path: pathOf(n), problem: p };
      }
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (n.depth >= maxDepth) return { structure: { kind: 'depth', path: pathOf(n) }, text };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], depth: n.depth + 1, parent: n, key: String(i) });
      continue;
    }
    for (const key of Object.keys(v)) {
      const child: Node = { v: (v as Record<string, unknown>)[key], depth: n.depth + 1, parent: n, key };
      if (FORBIDDEN_KEYS.has(key)) return { structure: { kind: 'key', path: pathOf(child), key }, text };
      const keyProblem = unsafeCharacter(key);
      if (keyProblem) return { structure: { kind: 'text', path: pathOf(child), problem: keyProblem }, text };
      stack.push(child);
    }
  }
  return { structure: null, text };
}
