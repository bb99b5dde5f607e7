import type { FormField, FormRule, ItemForm, ScalarField } from '../catalog/model';
import { evaluate, PLACEHOLDER, type ExpressionScope, type ExprValue } from './expression';

/** What the rules know beyond the form: the catalog version's parameters and the applicant. */
export interface LogicContext {
  params: Record<string, number>;
  applicant: { age?: number; gender?: string };
}

export const scopeOf = (values: Record<string, unknown>, ctx: LogicContext, extra: Partial<ExpressionScope> = {}): ExpressionScope => ({
  values,
  params: ctx.params,
  applicant: ctx.applicant,
  ...extra,
});

/** A field is shown (and checked) unless its `relevant` rule says no; an unanswered condition hides it. */
export function isRelevant(field: FormField, values: Record<string, unknown>, ctx: LogicContext): boolean {
  return !field.relevant || evaluate(field.relevant, scopeOf(values, ctx)) === true;
}

export function isRequired(field: ScalarField | FormField, scope: ExpressionScope): boolean {
  return field.required || (field.requiredIf !== undefined && evaluate(field.requiredIf, scope) === true);
}

/** The value of a computed field (家庭人均月收入 …), rounded as its kind is shown; undefined until it can be told. */
export function calculated(field: FormField, values: Record<string, unknown>, ctx: LogicContext): number | undefined {
  if (!field.calculate) return undefined;
  const v = evaluate(field.calculate, scopeOf(values, ctx));
  if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
  const places = field.kind === 'money' ? 2 : field.kind === 'number' && field.integer ? 0 : 2;
  return Math.round(v * 10 ** places) / 10 ** places;
}

/** What the rules may know of the applicant: age in full years on `today`, and gender. */
export function applicantFacts(person: { birthDate: string; gender: 'male' | 'female' }, today: string): LogicContext['applicant'] {
  const [by, bm, bd] = person.birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const age = ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
  return { age, gender: person.gender };
}

/** Fills every computed field into `values` (in place, in declaration order, so one may use another). */
export function applyCalculations(form: Pick<ItemForm, 'fields'>, values: Record<string, unknown>, ctx: LogicContext): void {
  for (const f of form.fields) {
    if (!f.calculate) continue;
    const v = calculated(f, values, ctx);
    if (v === undefined) delete values[f.key];
    else values[f.key] = v;
  }
}

/** A constraint's verdict on a present, well-formed value: null when it holds or cannot be told yet. */
export function constraintProblem(field: ScalarField | FormField, scope: ExpressionScope): string | null {
  if (!field.constraint) return null;
  return evaluate(field.constraint, scope) === false ? fillMessage(field.constraintMessage ?? `“${field.label}”不符合要求`, scope) : null;
}

/** Cross-field and cross-table rules: each broken one as [the field it is shown at, its Chinese message]. */
export function brokenRules(rules: readonly FormRule[], values: Record<string, unknown>, ctx: LogicContext): [string, string][] {
  const scope = scopeOf(values, ctx);
  const out: [string, string][] = [];
  for (const r of rules) {
    if (r.when && evaluate(r.when, scope) !== true) continue;
    if (evaluate(r.assert, scope) === false) out.push([r.field, fillMessage(r.message, scope)]);
  }
  return out;
}

/** `{{expr}}` in a message becomes its value (money with two decimals at most); "？" when it cannot be told. */
export function fillMessage(template: string, scope: ExpressionScope): string {
  return template.replace(PLACEHOLDER, (_, expr: string) => show(evaluate(expr.trim(), scope)));
}

function show(v: ExprValue): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(2).replace(/\.?0+$/, '');
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') return v;
  return '？';
}
