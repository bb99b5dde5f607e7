import type { FormInstance } from 'antd';
import { StationCallError } from '../api/client';

/**
 * Puts the station's per-field refusals (`details.fields`) under the form's own fields named in `names`.
 * Returns false when none of them was refused, so the caller shows the message in one alert instead.
 */
export function markFieldRefusals<V>(form: FormInstance<V>, names: readonly (keyof V & string)[], e: unknown): boolean {
  const fields = StationCallError.from(e).fields;
  const marked = names.filter((f) => fields[f]);
  // antd types a field name as a path into V; a top-level key is one.
  (form as FormInstance).setFields(marked.map((name) => ({ name, errors: [fields[name] ?? ''] })));
  return marked.length > 0;
}
