import { REDACTED } from '../../core/diagnostics/bundle';
import type { StoreDb } from '../../db';

/**
 * Takes names, ID numbers and phone numbers out of text copied into a diagnostics bundle. Two passes:
 * every such value the store holds (read only to be redacted), then patterns for the ones it does not
 * (a mistyped ID number in a log line, a resident who was never registered).
 */
export interface Scrubber {
  scrub(text: string): string;
  /** Only the values known from the store, no patterns (for the bundle's own strings: times, hashes, versions). */
  scrubKnown(text: string): string;
  /** Replacements made so far. */
  readonly redactions: number;
}

/** Any run of 15 or more digits (15- and 18-digit ID numbers, with or without the X), and 6-8-4 spaced IDs. */
const ID_PATTERNS = [/\d{6}[ -]\d{8}[ -]\d{3}[\dXx]/g, /\d{15,}[Xx]?/g];
/** Bank card numbers written in groups of four (6217 0000 1234 5678 901). */
const ACCOUNT_PATTERNS = [/(?<!\d)\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,4})?(?!\d)/g];
/** Mobile and landline numbers not glued to other letters or digits (a hash or a timestamp stays). */
const PHONE_PATTERNS = [/(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g, /(?<![0-9A-Za-z])0\d{2,3}-?\d{7,8}(?![0-9A-Za-z])/g];

/** Names shorter than this are not looked for: a one-character "name" would blank out every such character. */
const MIN_NAME_CHARS = 2;

/**
 * Known values in one set, plus the lengths that start with each character (longest first, so "欧阳明华" goes
 * before "欧阳明"): a position costs a map lookup and a few set lookups however many residents there are.
 */
class KnownValues {
  private readonly values = new Set<string>();
  private readonly lengthsByFirst = new Map<string, number[]>();

  add(value: string | null | undefined, minChars: number): void {
    const v = value?.trim();
    if (!v || [...v].length < minChars || this.values.has(v)) return;
    this.values.add(v);
    const lengths = this.lengthsByFirst.get(v[0]!) ?? [];
    if (!lengths.includes(v.length)) {
      lengths.push(v.length);
      lengths.sort((a, b) => b - a);
    }
    this.lengthsByFirst.set(v[0]!, lengths);
  }

  get size(): number {
    return this.values.size;
  }

  /** One left-to-right walk; at each position the longest known value that starts there is replaced. */
  replace(text: string, onHit: () => void): string {
    let out = '';
    let i = 0;
    while (i < text.length) {
      const lengths = this.lengthsByFirst.get(text[i]!);
      const len = lengths?.find((l) => i + l <= text.length && this.values.has(text.slice(i, i + l)));
      if (len) {
        out += REDACTED;
        i += len;
        onHit();
      } else {
        out += text[i];
        i++;
      }
    }
    return out;
  }
}

function residentJson(text: string): { name?: unknown; idNumber?: unknown; phone?: unknown; address?: unknown } {
  try {
    return JSON.parse(text) as { name?: unknown; idNumber?: unknown; phone?: unknown; address?: unknown };
  } catch {
    return {};
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** Form fields that hold a person's data: household members' and guardians' names, ID numbers, phones, accounts. */
const PERSONAL_KEY = /(name|phone|mobile|tel|account|address|idnumber|citizenid|idcard)$/i;

/** Every personal-looking value in an application form (a JSON text), household member tables included. */
function addFormValues(known: KnownValues, formJson: string): void {
  let form: unknown;
  try {
    form = JSON.parse(formJson);
  } catch {
    return;
  }
  const walk = (value: unknown, key: string | null): void => {
    if (Array.isArray(value)) for (const v of value) walk(v, key);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
    else if (typeof value === 'string' && key !== null && PERSONAL_KEY.test(key)) known.add(value, MIN_NAME_CHARS);
  };
  walk(form, null);
}

/**
 * Reads every person's name, ID number, phone number and address the store holds: residents, the people in
 * application forms (household members, guardians), the township replica's, and the terminal's own staff.
 * Only to know what to redact; nothing read here is kept anywhere else.
 */
export function createScrubber(db: StoreDb): Scrubber {
  const known = new KnownValues();
  const residents = db.prepare('SELECT id_number AS idNumber, name, name_pinyin AS pinyin, phone, address FROM residents').iterate() as IterableIterator<{
    idNumber: string;
    name: string;
    pinyin: string;
    phone: string | null;
    address: string | null;
  }>;
  for (const r of residents) {
    known.add(r.idNumber, 6);
    known.add(r.name, MIN_NAME_CHARS);
    known.add(r.pinyin, 6);
    known.add(r.phone, 7);
    known.add(r.address, 6);
  }
  for (const a of db.prepare('SELECT form FROM applications').iterate() as IterableIterator<{ form: string }>) addFormValues(known, a.form);
  const replica = db.prepare('SELECT resident, resident_name AS name, cadre_name AS cadre, form FROM review_applications').iterate() as IterableIterator<{
    resident: string;
    name: string;
    cadre: string;
    form: string;
  }>;
  for (const r of replica) {
    const person = residentJson(r.resident);
    known.add(r.name, MIN_NAME_CHARS);
    known.add(r.cadre, MIN_NAME_CHARS);
    known.add(str(person.name), MIN_NAME_CHARS);
    known.add(str(person.idNumber), 6);
    known.add(str(person.phone), 7);
    known.add(str(person.address), 6);
    addFormValues(known, r.form);
  }
  for (const u of db.prepare('SELECT display_name AS name FROM users').iterate() as IterableIterator<{ name: string }>) {
    known.add(u.name, MIN_NAME_CHARS);
  }
  return scrubberOf(known);
}

function scrubberOf(known: KnownValues): Scrubber {
  let redactions = 0;
  const hit = () => redactions++;
  return {
    scrub(text: string): string {
      let out = known.size > 0 ? known.replace(text, hit) : text;
      for (const p of [...ID_PATTERNS, ...ACCOUNT_PATTERNS, ...PHONE_PATTERNS]) {
        out = out.replace(p, () => {
          hit();
          return REDACTED;
        });
      }
      return out;
    },
    scrubKnown(text: string): string {
      return known.size > 0 ? known.replace(text, hit) : text;
    },
    get redactions() {
      return redactions;
    },
  };
}

/** Only the patterns (tests, and text from outside any store). */
export function patternScrubber(): Scrubber {
  return scrubberOf(new KnownValues());
}
