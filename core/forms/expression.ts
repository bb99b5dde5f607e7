import jsep from 'jsep';

/**
 * The catalog's form logic language (docs/form-logic.md): a small expression over the form's fields, parsed
 * by jsep and evaluated here over a whitelist of nodes and functions. Nothing is ever handed to `eval` or
 * `Function`, no property of a JavaScript object is reachable (only `param.<key>` and `applicant.<key>`), and
 * an unanswered field makes a rule "not yet applicable" instead of an error, as in XLSForm.
 */

/** What a rule may name: the form's fields, a table row's cells, `self`, and the two records. */
export interface ExpressionNames {
  fields: ReadonlySet<string>;
  /** Inside a table column's rule: the row's cells, which shadow the form's fields. */
  row?: ReadonlySet<string>;
  /** Whether `self` (the value of the field the rule belongs to) may be named. */
  self: boolean;
  params: ReadonlySet<string>;
}

export const APPLICANT_KEYS: ReadonlySet<string> = new Set(['age', 'gender']);

/** Function name → [min, max] arguments. */
const FUNCTIONS: Record<string, [number, number]> = {
  count: [1, 1],
  countIf: [3, 3],
  sum: [2, 2],
  round: [1, 2],
  min: [1, 8],
  max: [1, 8],
  abs: [1, 1],
  empty: [1, 1],
  len: [1, 1],
};

const BINARY = new Set(['+', '-', '*', '/', '%', '==', '!=', '<', '>', '<=', '>=', '&&', '||']);
const UNARY = new Set(['!', '-']);

/** Values an expression works on; `undefined` means "not answered yet". */
export type ExprValue = number | string | boolean | null | undefined | readonly Record<string, unknown>[] | Record<string, unknown>;

export interface ExpressionScope {
  values: Record<string, unknown>;
  row?: Record<string, unknown>;
  self?: unknown;
  params: Record<string, number>;
  applicant: { age?: number; gender?: string };
}

/** `{{expr}}` in a rule's Chinese message. */
export const PLACEHOLDER = /\{\{([^{}]+)\}\}/g;

/** The expressions inside a message's `{{…}}` placeholders (the catalog check parses them too). */
export function messageExpressions(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!.trim());
}

const parsed = new Map<string, jsep.Expression>();

/** Parses once per text; a syntax error throws (the catalog check turns it into a Chinese refusal). */
export function parseExpression(text: string): jsep.Expression {
  let ast = parsed.get(text);
  if (!ast) {
    ast = jsep(text);
    if (parsed.size > 2_000) parsed.clear();
    parsed.set(text, ast);
  }
  return ast;
}

/** Every problem of an expression against the names it may use, in Chinese, for the catalog's publisher. */
export function expressionProblems(text: string, names: ExpressionNames): string[] {
  let ast: jsep.Expression;
  try {
    ast = parseExpression(text);
  } catch (e) {
    return [`无法解析：${e instanceof Error ? e.message : String(e)}`];
  }
  const problems: string[] = [];
  const visit = (n: jsep.Expression): void => {
    switch (n.type) {
      case 'Literal':
        if (n.value instanceof RegExp) problems.push('不支持正则表达式');
        return;
      case 'Identifier': {
        const name = n.name as string;
        if (name === 'self' ? !names.self : !names.fields.has(name) && !names.row?.has(name)) problems.push(`未知的名称“${name}”`);
        return;
      }
      case 'MemberExpression': {
        const obj = n.object as jsep.Expression;
        const prop = n.property as jsep.Expression;
        const base = obj.type === 'Identifier' ? (obj.name as string) : '';
        const key = !n.computed && prop.type === 'Identifier' ? (prop.name as string) : '';
        if (base === 'param' && names.params.has(key)) return;
        if (base === 'applicant' && APPLICANT_KEYS.has(key)) return;
        problems.push(base === 'param' ? `目录参数中没有“${key}”` : '只能引用 param.<参数> 或 applicant.<age|gender>');
        return;
      }
      case 'BinaryExpression':
        if (!BINARY.has(n.operator as string)) problems.push(`不支持运算符“${String(n.operator)}”`);
        visit(n.left as jsep.Expression);
        visit(n.right as jsep.Expression);
        return;
      case 'UnaryExpression':
        if (!UNARY.has(n.operator as string)) problems.push(`不支持运算符“${String(n.operator)}”`);
        visit(n.argument as jsep.Expression);
        return;
      case 'ConditionalExpression':
        visit(n.test as jsep.Expression);
        visit(n.consequent as jsep.Expression);
        visit(n.alternate as jsep.Expression);
        return;
      case 'CallExpression': {
        const callee = n.callee as jsep.Expression;
        const name = callee.type === 'Identifier' ? (callee.name as string) : '';
        const arity = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
        const args = n.arguments as jsep.Expression[];
        if (!arity) problems.push(`未知的函数“${name || '?'}”`);
        else if (args.length < arity[0] || args.length > arity[1]) problems.push(`函数“${name}”的参数个数不对`);
        args.forEach(visit);
        return;
      }
      default:
        problems.push(`不支持的写法（${n.type}）`);
    }
  };
  visit(ast);
  return problems;
}

const missing = (v: unknown): v is null | undefined => v === undefined || v === null || v === '';
const rows = (v: unknown): readonly Record<string, unknown>[] => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * Evaluates a checked expression. `undefined` is "cannot tell yet" (a field it needs is not answered, a
 * division by zero); callers treat it as "the rule does not apply" for checks and as hidden for relevance.
 */
export function evaluate(text: string, scope: ExpressionScope): ExprValue {
  return ev(parseExpression(text), scope);
}

function ev(n: jsep.Expression, s: ExpressionScope): ExprValue {
  switch (n.type) {
    case 'Literal':
      return n.value instanceof RegExp ? undefined : (n.value as ExprValue);
    case 'Identifier': {
      const name = n.name as string;
      if (name === 'self') return norm(s.self);
      if (s.row && Object.hasOwn(s.row, name)) return norm(s.row[name]);
      return Object.hasOwn(s.values, name) ? norm(s.values[name]) : undefined;
    }
    case 'MemberExpression': {
      const base = (n.object as jsep.Identifier).name;
      const key = (n.property as jsep.Identifier).name;
      if (base === 'param') return Object.hasOwn(s.params, key) ? s.params[key] : undefined;
      if (base === 'applicant' && APPLICANT_KEYS.has(key)) return s.applicant[key as 'age' | 'gender'];
      return undefined;
    }
    case 'UnaryExpression': {
      const v = ev(n.argument as jsep.Expression, s);
      if (missing(v)) return undefined;
      return n.operator === '!' ? !v : num(v) === undefined ? undefined : -num(v)!;
    }
    case 'ConditionalExpression': {
      const t = ev(n.test as jsep.Expression, s);
      if (missing(t)) return undefined;
      return ev((t ? n.consequent : n.alternate) as jsep.Expression, s);
    }
    case 'BinaryExpression':
      return binary(n.operator as string, n.left as jsep.Expression, n.right as jsep.Expression, s);
    case 'CallExpression':
      return call((n.callee as jsep.Identifier).name, n.arguments as jsep.Expression[], s);
    default:
      return undefined;
  }
}

function norm(v: unknown): ExprValue {
  return missing(v) ? undefined : (v as ExprValue);
}

function binary(op: string, l: jsep.Expression, r: jsep.Expression, s: ExpressionScope): ExprValue {
  if (op === '&&' || op === '||') {
    const a = ev(l, s);
    if (op === '&&' && a === false) return false;
    if (op === '||' && a === true) return true;
    const b = ev(r, s);
    if (missing(a) || missing(b)) return op === '&&' && b === false ? false : op === '||' && b === true ? true : undefined;
    return op === '&&' ? Boolean(a) && Boolean(b) : Boolean(a) || Boolean(b);
  }
  const a = ev(l, s);
  const b = ev(r, s);
  if (missing(a) || missing(b)) return undefined;
  if (op === '==') return a === b;
  if (op === '!=') return a !== b;
  if (typeof a === 'string' && typeof b === 'string' && ['<', '>', '<=', '>='].includes(op)) return compare(op, a.localeCompare(b));
  const x = num(a);
  const y = num(b);
  if (x === undefined || y === undefined) return op === '+' && typeof a === 'string' && typeof b === 'string' ? a + b : undefined;
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return y === 0 ? undefined : x / y;
    case '%':
      return y === 0 ? undefined : x % y;
    default:
      return compare(op, x - y);
  }
}

function compare(op: string, d: number): boolean {
  return op === '<' ? d < 0 : op === '>' ? d > 0 : op === '<=' ? d <= 0 : d >= 0;
}

function call(name: string, args: jsep.Expression[], s: ExpressionScope): ExprValue {
  const v = (i: number) => ev(args[i]!, s);
  switch (name) {
    case 'count':
      return rows(v(0)).length;
    case 'countIf': {
      const col = v(1);
      const want = v(2);
      return rows(v(0)).filter((row) => typeof col === 'string' && row[col] === want).length;
    }
    case 'sum': {
      const col = v(1);
      if (typeof col !== 'string') return undefined;
      return rows(v(0)).reduce((t, row) => t + (num(row[col]) ?? 0), 0);
    }
    case 'round': {
      const x = num(v(0));
      const places = args.length > 1 ? (num(v(1)) ?? 0) : 0;
      if (x === undefined) return undefined;
      const f = 10 ** Math.max(0, Math.min(6, Math.trunc(places)));
      return Math.round(x * f) / f;
    }
    case 'min':
    case 'max': {
      const xs = args.map((_, i) => num(v(i)));
      if (xs.some((x) => x === undefined)) return undefined;
      return name === 'min' ? Math.min(...(xs as number[])) : Math.max(...(xs as number[]));
    }
    case 'abs': {
      const x = num(v(0));
      return x === undefined ? undefined : Math.abs(x);
    }
    case 'empty': {
      const x = v(0);
      return missing(x) || (Array.isArray(x) && x.length === 0);
    }
    case 'len': {
      const x = v(0);
      return typeof x === 'string' ? [...x].length : Array.isArray(x) ? x.length : missing(x) ? 0 : undefined;
    }
    default:
      return undefined;
  }
}
