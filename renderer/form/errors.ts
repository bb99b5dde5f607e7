import type { FormField, Material, ReceivedMaterials } from '../../core/catalog/model';
import { validateForm, validateMaterials, type FormCheckOptions, type FormSpec } from '../../core/forms/validate';

/** Pure helpers that decide which Chinese messages are shown on which field (dot paths, as the API uses). */

export type Errors = Record<string, string>;

/** The item's form and what its rules know of the applicant: what the checks below run against. */
export interface FormCheck {
  form: FormSpec;
  options: FormCheckOptions;
}

function formErrors(check: FormCheck, values: Record<string, unknown>): Errors {
  const r = validateForm(check.form, values, check.options);
  return r.ok ? {} : r.fields;
}

/** The paths a blur on `path` decides: the cell, its row and its table; or the scalar field itself. */
function pathsFor(path: string): string[] {
  const parts = path.split('.');
  return parts.length === 3 ? [path, `${parts[0]}.${parts[1]}`, parts[0] as string] : [path];
}

/** On leaving a field: show or clear its own error (and its row's and table's). */
export function afterBlur(errors: Errors, path: string, check: FormCheck, values: Record<string, unknown>): Errors {
  const all = formErrors(check, values);
  const next = { ...errors };
  for (const p of pathsFor(path)) {
    if (all[p]) next[p] = all[p];
    else delete next[p];
  }
  return next;
}

/** While typing: errors already shown under `key` disappear as soon as they are fixed; no new ones appear. */
export function afterChange(errors: Errors, key: string, check: FormCheck, values: Record<string, unknown>): Errors {
  const shown = Object.keys(errors).filter((p) => p === key || p.startsWith(`${key}.`));
  if (shown.length === 0) return errors;
  const all = formErrors(check, values);
  const next = { ...errors };
  for (const p of shown) {
    if (all[p]) next[p] = all[p];
    else delete next[p];
  }
  return next;
}

export function afterMaterialsChange(errors: Errors, materials: Material[], received: ReceivedMaterials): Errors {
  const shown = Object.keys(errors).filter((p) => p.startsWith('materials.'));
  if (shown.length === 0) return errors;
  const r = validateMaterials(materials, received);
  const all = r.ok ? {} : r.fields;
  const next = { ...errors };
  for (const p of shown) {
    if (all[p]) next[p] = all[p];
    else delete next[p];
  }
  return next;
}

/** Everything at once, before review: form and materials. */
export function allErrors(check: FormCheck, values: Record<string, unknown>, materials: Material[], received: ReceivedMaterials): Errors {
  const m = validateMaterials(materials, received);
  return { ...formErrors(check, values), ...(m.ok ? {} : m.fields) };
}

/** Moves the cursor to the first field with an error. */
export function focusFirstError(errors: Errors, fields: FormField[]): void {
  for (const f of fields) {
    const p = Object.keys(errors).find((k) => k === f.key || k.startsWith(`${f.key}.`));
    if (!p) continue;
    const parts = p.split('.');
    const id = parts.length === 3 ? `f-${parts.join('-')}` : parts.length === 2 ? `f-${parts[0]}-${parts[1]}-${''}` : `f-${f.key}`;
    const el = document.getElementById(id) ?? document.querySelector<HTMLElement>(`[data-field="${f.key}"] input, [data-field="${f.key}"] textarea`);
    el?.scrollIntoView({ block: 'center' });
    el?.focus();
    return;
  }
  document.querySelector('[data-material] .cell-error')?.scrollIntoView({ block: 'center' });
}
