import type { ReceivedMaterials } from './catalog/model';
import type { SupplementItem } from './sync/messages';

/**
 * The supplement loop (issue #15): what a supplement changed against the version the township saw, and how each
 * item the township asked for was answered. The village refuses a supplement that leaves an item unanswered;
 * the township shows the changes beside the application. Pure, so both sides compute it alike.
 */
export interface AppVersion {
  form: Record<string, unknown>;
  materials: ReceivedMaterials;
  attachments: readonly { sha256: string; fileName: string }[];
}

export interface SupplementDiff {
  fields: { key: string; before: unknown; after: unknown }[];
  materials: { key: string; before: { received: boolean; count: number } | null; after: { received: boolean; count: number } | null }[];
  scansAdded: { sha256: string; fileName: string }[];
  scansRemoved: { sha256: string; fileName: string }[];
}

/** How one asked-for item was answered: the field changed, the material ticked or scanned, or 居民无法提供. */
export interface SupplementResponse {
  kind: SupplementItem['kind'];
  key: string;
  how: 'changed' | 'attached' | 'unavailable';
  note: string | null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function diffVersions(before: AppVersion, after: AppVersion): SupplementDiff {
  const keys = <T extends object>(a: T, b: T) => [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const material = (m: ReceivedMaterials[string] | undefined) => (m ? { received: m.received, count: m.count } : null);
  const had = new Set(before.attachments.map((a) => a.sha256));
  const has = new Set(after.attachments.map((a) => a.sha256));
  return {
    fields: keys(before.form, after.form)
      .filter((k) => !same(before.form[k], after.form[k]))
      .map((k) => ({ key: k, before: before.form[k] ?? null, after: after.form[k] ?? null })),
    materials: keys(before.materials, after.materials)
      .filter((k) => !same(material(before.materials[k]), material(after.materials[k])))
      .map((k) => ({ key: k, before: material(before.materials[k]), after: material(after.materials[k]) })),
    scansAdded: after.attachments.filter((a) => !had.has(a.sha256)).map((a) => ({ sha256: a.sha256, fileName: a.fileName })),
    scansRemoved: before.attachments.filter((a) => !has.has(a.sha256)).map((a) => ({ sha256: a.sha256, fileName: a.fileName })),
  };
}

/** `kind:key`, how an asked-for item is named in `unavailable`. */
export const askedKey = (i: Pick<SupplementItem, 'kind' | 'key'>) => `${i.kind}:${i.key}`;

/**
 * Each asked-for item's answer, and those left unanswered. A field is answered when its value changed; a
 * material when its tick or count changed or a new page was scanned; any item when the cadre noted that the
 * resident cannot provide it (`unavailable`, by askedKey, with the reason).
 */
export function answerItems(
  items: readonly SupplementItem[],
  diff: SupplementDiff,
  unavailable: Readonly<Record<string, string>>,
): { responses: SupplementResponse[]; unanswered: SupplementItem[] } {
  const responses: SupplementResponse[] = [];
  const unanswered: SupplementItem[] = [];
  for (const i of items) {
    const note = unavailable[askedKey(i)]?.trim() ?? '';
    const changed = i.kind === 'field' ? diff.fields.some((f) => f.key === i.key) : diff.materials.some((m) => m.key === i.key);
    if (note.length >= 2) responses.push({ kind: i.kind, key: i.key, how: 'unavailable', note });
    else if (changed) responses.push({ kind: i.kind, key: i.key, how: 'changed', note: null });
    else if (i.kind === 'material' && diff.scansAdded.length > 0) responses.push({ kind: i.kind, key: i.key, how: 'attached', note: null });
    else unanswered.push(i);
  }
  return { responses, unanswered };
}
