import { expressionProblems, messageExpressions, type ExpressionNames } from '../forms/expression';

/** The parts of a catalog item the logic check reads (the parsed shape, before parameters are attached). */
interface LogicField {
  key: string;
  label: string;
  kind: string;
  relevant?: string;
  requiredIf?: string;
  constraint?: string;
  constraintMessage?: string;
  calculate?: string;
  default?: string | number | boolean;
  options?: string[];
  columns?: LogicField[];
}

interface LogicItem {
  code: string;
  name: string;
  form: { fields: LogicField[]; rules: { field: string; assert: string; when?: string; message: string }[] };
}

/**
 * Every expression of every item, checked before a catalog version is accepted (publish, feed, store): it
 * must parse, name only the item's fields, the version's parameters and the known functions, and sit where
 * it can work (a computed field is a number or an amount; a table column has no relevance or computation).
 * Each problem is a Chinese sentence naming the item and the field, for the IT worker who publishes.
 */
export function catalogLogicProblems(items: readonly LogicItem[], parameterKeys: readonly string[]): string[] {
  const params = new Set(parameterKeys);
  const out: string[] = [];
  for (const item of items) {
    const fields = new Set(item.form.fields.map((f) => f.key));
    const at = (where: string) => `事项“${item.name}”（${item.code}）${where}`;
    const check = (text: string | undefined, where: string, names: ExpressionNames) => {
      if (text === undefined) return;
      for (const p of expressionProblems(text, names)) out.push(`${at(where)}的规则“${text}”${p}`);
    };
    const checkMessage = (text: string | undefined, where: string, names: ExpressionNames) => {
      for (const e of messageExpressions(text ?? '')) check(e, `${where}的提示`, names);
    };
    for (const f of item.form.fields) {
      const where = `字段“${f.label}”`;
      const names: ExpressionNames = { fields, self: false, params };
      check(f.relevant, where, names);
      check(f.requiredIf, where, names);
      check(f.calculate, where, names);
      check(f.constraint, where, { ...names, self: true });
      checkMessage(f.constraintMessage, where, { ...names, self: true });
      if (f.constraint && !f.constraintMessage) out.push(`${at(where)}有校验规则但没有提示语`);
      if (f.calculate && f.kind !== 'number' && f.kind !== 'money') out.push(`${at(where)}是计算字段，只能是数字或金额`);
      if (f.calculate && f.relevant) out.push(`${at(where)}是计算字段，不能再设显示条件`);
      const badDefault = defaultProblem(f);
      if (badDefault) out.push(`${at(where)}的默认值${badDefault}`);
      for (const c of f.columns ?? []) {
        const cw = `${where}的列“${c.label}”`;
        const rowNames: ExpressionNames = { fields, row: new Set((f.columns ?? []).map((x) => x.key)), self: true, params };
        if (c.relevant || c.calculate) out.push(`${at(cw)}：表格的列不支持显示条件或计算`);
        check(c.requiredIf, cw, rowNames);
        check(c.constraint, cw, rowNames);
        checkMessage(c.constraintMessage, cw, rowNames);
        if (c.constraint && !c.constraintMessage) out.push(`${at(cw)}有校验规则但没有提示语`);
      }
    }
    for (const r of item.form.rules) {
      const where = `的跨字段规则（显示在“${r.field}”）`;
      const names: ExpressionNames = { fields, self: false, params };
      if (!fields.has(r.field)) out.push(`${at(where)}指向不存在的字段`);
      check(r.assert, where, names);
      check(r.when, where, names);
      checkMessage(r.message, where, names);
    }
  }
  return out;
}

/** A field's `default` must be an answer the field would accept as it stands (checked again on submit). */
function defaultProblem(f: LogicField): string | null {
  const d = f.default;
  if (d === undefined) return null;
  if (f.calculate || f.kind === 'members') return '不适用于计算字段或表格';
  if (f.kind === 'select') return typeof d === 'string' && f.options?.includes(d) ? null : `“${String(d)}”不在选项中`;
  if (f.kind === 'boolean') return typeof d === 'boolean' ? null : '应为是或否';
  if (f.kind === 'number' || f.kind === 'money') return typeof d === 'number' ? null : '应为数字';
  return typeof d === 'string' ? null : '应为文字';
}
