import type { FormField, Material, MembersField, ReceivedMaterials, ScalarField } from '../catalog/model';
import { MATERIAL_FORM_LABEL } from '../catalog/model';
import { shanghaiDate } from '../calendar';
import { isMissing } from './normalize';
import { checkScalar } from './scalar';

/**
 * Validates an application's form against its catalog item. Every problem is collected at once, keyed by
 * dot path ('income', 'members.2.idNumber'), so the cadre fixes the whole form in one pass.
 */
export type FormValidation = { ok: true; value: Record<string, unknown> } | { ok: false; fields: Record<string, string> };

export type MaterialsValidation = { ok: true } | { ok: false; fields: Record<string, string> };

function missingMessage(field: ScalarField | MembersField): string {
  const verb = field.kind === 'select' || field.kind === 'boolean' ? '请选择' : '请填写';
  return `${verb}“${field.label}”`;
}

/**
 * Returns the normalised values (trimmed text, numbers as numbers, 18-digit upper-case ID numbers,
 * 'YYYY-MM-DD' dates …). Unknown keys are dropped; optional fields left empty are omitted.
 * `today` ('YYYY-MM-DD', default today in Asia/Shanghai) bounds dates and birth dates.
 */
export function validateForm(fields: FormField[], values: Record<string, unknown>, today: string = shanghaiDate(new Date())): FormValidation {
  const errors: Record<string, string> = {};
  const value: Record<string, unknown> = {};
  const input = values ?? {};

  for (const field of fields) {
    const raw = Object.hasOwn(input, field.key) ? input[field.key] : undefined;
    if (field.kind === 'members') {
      const rows = checkMembers(field, raw, today, errors);
      if (rows !== undefined) value[field.key] = rows;
      continue;
    }
    if (isMissing(raw)) {
      if (field.required) errors[field.key] = missingMessage(field);
      continue;
    }
    const r = checkScalar(field, raw, today);
    if (r.ok) value[field.key] = r.value;
    else errors[field.key] = `“${field.label}”${r.problem}`;
  }

  return Object.keys(errors).length === 0 ? { ok: true, value } : { ok: false, fields: errors };
}

/** Checks a members table; writes its errors into `errors` and returns the normalised rows (or undefined to omit). */
function checkMembers(field: MembersField, raw: unknown, today: string, errors: Record<string, string>): Record<string, unknown>[] | undefined {
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
    for (const col of field.columns) {
      const cell = Object.hasOwn(cells, col.key) ? cells[col.key] : undefined;
      const cellPath = `${path}.${col.key}`;
      if (isMissing(cell)) {
        if (col.required) errors[cellPath] = `${where}：${missingMessage(col)}`;
        continue;
      }
      const r = checkScalar(col, cell, today);
      if (!r.ok) {
        errors[cellPath] = `${where}“${col.label}”${r.problem}`;
        continue;
      }
      if (col.kind === 'citizenId') {
        const idKey = `${col.key}:${String(r.value)}`;
        const first = seenIds.get(idKey);
        if (first !== undefined) errors[cellPath] = `${where}“${col.label}”与第${first + 1}行重复`;
        else seenIds.set(idKey, i);
      }
      out[col.key] = r.value;
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

/** Blank values for a new form: '' for text-like fields, null for numbers and yes/no, minRows blank rows. */
export function emptyFormValues(fields: FormField[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.kind === 'members') {
      out[f.key] = Array.from({ length: f.minRows ?? 0 }, () => emptyFormValues(f.columns));
    } else {
      out[f.key] = f.kind === 'number' || f.kind === 'money' || f.kind === 'boolean' ? null : '';
    }
  }
  return out;
}
