import type { FormField, ItemForm, Material, MembersField, ReceivedMaterials, ScalarField } from '../catalog/model';
import { MATERIAL_FORM_LABEL } from '../catalog/model';
import { shanghaiDate } from '../calendar';
import { applyCalculations, brokenRules, constraintProblem, isRelevant, isRequired, scopeOf, type LogicContext } from './logic';
import { isMissing } from './normalize';
import { checkScalar } from './scalar';

/**
 * Validates an application's form against its catalog item. Every problem is collected at once, keyed by
 * dot path ('income', 'members.2.idNumber'), so the cadre fixes the whole form in one pass.
 */
export type FormValidation = { ok: true; value: Record<string, unknown> } | { ok: false; fields: Record<string, string> };

export type MaterialsValidation = { ok: true } | { ok: false; fields: Record<string, string> };

/** The form part of a catalog item: its fields, and the rules and parameters when it has them. */
export type FormSpec = Pick<ItemForm, 'fields'> & Partial<Pick<ItemForm, 'rules' | 'parameters'>>;

export interface FormCheckOptions {
  /** 'YYYY-MM-DD' (default today in Asia/Shanghai): bounds dates and birth dates. */
  today?: string;
  /** What is known of the applicant (age from the ID number …) for rules that name `applicant`. */
  applicant?: LogicContext['applicant'];
}

function missingMessage(field: ScalarField | MembersField): string {
  const verb = field.kind === 'select' || field.kind === 'boolean' ? '请选择' : '请填写';
  return `${verb}“${field.label}”`;
}

/**
 * Returns the normalised values (trimmed text, numbers as numbers, 18-digit upper-case ID numbers,
 * 'YYYY-MM-DD' dates …) with computed fields filled. Unknown keys are dropped, and so are optional fields
 * left empty and fields the form's logic hides. The same function runs in the renderer (live), the station
 * (on submit) and the platform (on ingest), so all three refuse the same form with the same words.
 */
export function validateForm(form: FormSpec, values: Record<string, unknown>, o: FormCheckOptions = {}): FormValidation {
  const today = o.today ?? shanghaiDate(new Date());
  const ctx: LogicContext = { params: form.parameters ?? {}, applicant: o.applicant ?? {} };
  const errors: Record<string, string> = {};
  const input = values ?? {};
  const { value, problems, hidden } = readForm(form, input, today, ctx, errors);

  for (const field of form.fields) {
    if (field.kind === 'members' || field.calculate || hidden.has(field.key)) continue;
    const scope = scopeOf(value, ctx, { self: value[field.key] });
    if (problems[field.key]) errors[field.key] = problems[field.key]!;
    else if (!Object.hasOwn(value, field.key)) {
      if (isRequired(field, scope)) errors[field.key] = missingMessage(field);
    } else {
      const broken = constraintProblem(field, scope);
      if (broken) errors[field.key] = broken;
    }
  }
  for (const [field, message] of brokenRules(form.rules ?? [], value, ctx)) errors[field] ??= message;

  return Object.keys(errors).length === 0 ? { ok: true, value } : { ok: false, fields: errors };
}

/**
 * The first step of a check, and all the screen needs to show the form live: what each scalar field says of
 * itself (clean values, or its problem), which fields the logic hides, the tables' clean rows (their problems
 * into `errors`), and the computed fields.
 */
function readForm(form: FormSpec, input: Record<string, unknown>, today: string, ctx: LogicContext, errors: Record<string, string>) {
  const value: Record<string, unknown> = {};
  const problems: Record<string, string> = {};
  for (const field of form.fields) {
    if (field.calculate) continue;
    const raw = Object.hasOwn(input, field.key) ? input[field.key] : undefined;
    if (isMissing(raw)) continue;
    if (field.kind === 'members') {
      value[field.key] = raw;
      continue;
    }
    const r = checkScalar(field, raw, today);
    if (r.ok) value[field.key] = r.value;
    else problems[field.key] = `“${field.label}”${r.problem}`;
  }
  const hidden = new Set(form.fields.filter((f) => !isRelevant(f, value, ctx)).map((f) => f.key));
  for (const key of hidden) delete value[key];
  for (const field of form.fields) {
    if (field.kind !== 'members' || hidden.has(field.key)) continue;
    const rows = checkMembers(field, input[field.key], today, errors, (row, self) => scopeOf(value, ctx, { row, self }));
    if (rows !== undefined) value[field.key] = rows;
    else delete value[field.key];
  }
  applyCalculations(form, value, ctx);
  return { value, problems, hidden };
}

/** The form as the screen shows it while the cadre types: hidden fields, fields required now, computed values. */
export interface FormLiveState {
  hidden: ReadonlySet<string>;
  required: ReadonlySet<string>;
  computed: Record<string, number | undefined>;
}

export function formLiveState(form: FormSpec, values: Record<string, unknown>, o: FormCheckOptions = {}): FormLiveState {
  const today = o.today ?? shanghaiDate(new Date());
  const ctx: LogicContext = { params: form.parameters ?? {}, applicant: o.applicant ?? {} };
  // Tables are read as on submit (their problems are the field's own business here, so they are dropped).
  const { value, hidden } = readForm(form, values ?? {}, today, ctx, {});
  const required = new Set<string>();
  const computed: Record<string, number | undefined> = {};
  for (const f of form.fields) {
    if (f.calculate) computed[f.key] = typeof value[f.key] === 'number' ? (value[f.key] as number) : undefined;
    else if (!hidden.has(f.key) && isRequired(f, scopeOf(value, ctx, { self: value[f.key] }))) required.add(f.key);
  }
  return { hidden, required, computed };
}

type RowScope = (row: Record<string, unknown>, self: unknown) => ReturnType<typeof scopeOf>;

/** Checks a members table; writes its errors into `errors` and returns the normalised rows (or undefined to omit). */
function checkMembers(
  field: MembersField,
  raw: unknown,
  today: string,
  errors: Record<string, string>,
  rowScope: RowScope,
): Record<string, unknown>[] | undefined {
  const label = `“${field.label}”`;
  const min = field.minRows ?? 0;
  if (isMissing(raw) || (Array.isArray(raw) && raw.length === 0)) {
    // Optional tables may be left out entirely; minRows applies once rows are given.
    if (field.required) errors[field.key] = `${missingMessage(field)}${min > 1 ? `（至少${min}行）` : ''}`;
    return undefined;
  }
  if (!Array.isArray(raw)) {
    errors[field.key] = `${label}格式不正确，请重新填写`;
    return undefined;
  }
  if (raw.length < min) errors[field.key] = `${label}至少需要填写${min}行（当前${raw.length}行）`;
  if (field.maxRows !== undefined && raw.length > field.maxRows) {
    errors[field.key] = `${label}最多只能填写${field.maxRows}行（当前${raw.length}行）`;
  }

  const rows: Record<string, unknown>[] = [];
  const seenIds = new Map<string, number>(); // one person listed twice is a typo the cadre should see
  raw.forEach((row: unknown, i) => {
    const path = `${field.key}.${i}`;
    const where = `${label}第${i + 1}行`;
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      errors[path] = `${where}格式不正确，请重新填写`;
      return;
    }
    const cells = row as Record<string, unknown>;
    if (field.columns.every((c) => isMissing(cells[c.key]))) {
      errors[path] = `${where}是空行，请填写（不需要的行请删除）`;
      return;
    }
    const out: Record<string, unknown> = {};
    const cellProblems: Record<string, string> = {};
    for (const col of field.columns) {
      const cell = Object.hasOwn(cells, col.key) ? cells[col.key] : undefined;
      if (isMissing(cell)) continue;
      const r = checkScalar(col, cell, today);
      if (r.ok) out[col.key] = r.value;
      else cellProblems[col.key] = `${where}“${col.label}”${r.problem}`;
    }
    for (const col of field.columns) {
      const cellPath = `${path}.${col.key}`;
      const scope = rowScope(out, out[col.key]);
      if (cellProblems[col.key]) errors[cellPath] = cellProblems[col.key]!;
      else if (!Object.hasOwn(out, col.key)) {
        if (isRequired(col, scope)) errors[cellPath] = `${where}：${missingMessage(col)}`;
      } else if (col.kind === 'citizenId' && seenIds.has(`${col.key}:${String(out[col.key])}`)) {
        errors[cellPath] = `${where}“${col.label}”与第${seenIds.get(`${col.key}:${String(out[col.key])}`)! + 1}行重复`;
      } else {
        if (col.kind === 'citizenId') seenIds.set(`${col.key}:${String(out[col.key])}`, i);
        const broken = constraintProblem(col, scope);
        if (broken) errors[cellPath] = `${where}：${broken}`;
      }
    }
    rows.push(out);
  });
  return rows;
}

/**
 * Every required material must be ticked as received with at least its required count.
 * Optional materials are never demanded.
 */
export function validateMaterials(materials: Material[], received: ReceivedMaterials): MaterialsValidation {
  const errors: Record<string, string> = {};
  for (const m of materials) {
    if (!m.required) continue;
    const got = received?.[m.key];
    const what = `${MATERIAL_FORM_LABEL[m.form]}，${m.count}份`;
    if (!got || !got.received || got.count <= 0) {
      errors[`materials.${m.key}`] = `缺少“${m.name}”（${what}）`;
    } else if (got.count < m.count) {
      errors[`materials.${m.key}`] = `“${m.name}”份数不够：需要${what}，只收到${got.count}份`;
    }
  }
  return Object.keys(errors).length === 0 ? { ok: true } : { ok: false, fields: errors };
}

/** Values for a new form: each field's default, else '' for text-like fields, null for numbers and yes/no, minRows blank rows. */
export function emptyFormValues(fields: FormField[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.calculate) continue;
    if (f.kind === 'members') {
      out[f.key] = Array.from({ length: f.minRows ?? 0 }, () => emptyFormValues(f.columns));
    } else {
      out[f.key] = f.default ?? (f.kind === 'number' || f.kind === 'money' || f.kind === 'boolean' ? null : '');
    }
  }
  return out;
}
