import { match, pinyin } from 'pinyin-pro';
import type { CatalogItem } from './model';

/**
 * Finding a service item the way a village cadre types: the Chinese name or part of it ("低保"), a synonym
 * cadres use ("五保", "老年证", "新农合"), the item code ("MZ-0001"), full pinyin ("dibao", "yanglao") or
 * pinyin initials ("zdsh" for 最低生活…, "ylj" for 养老金).
 *
 * Pinyin is computed once per catalog version by `buildCatalogIndex`; a search is then plain string work,
 * with pinyin-pro's `match` as the last, fuzziest tier (mixed full/initial spellings such as "zuidish").
 */

/** Pinyin and normalised text of one searchable string (an item name or a keyword). */
interface TextKeys {
  /** NFKC, lower case, no whitespace. */
  readonly text: string;
  /** Full pinyin without tones, 'ü' written 'v' (the IME convention): "zuidishenghuo…". */
  readonly full: string;
  /** First letter of every syllable: "zdshbzsq". */
  readonly initials: string;
  /** Offsets in `full` where a syllable starts, so "anglao" does not match inside "yanglao". */
  readonly starts: ReadonlySet<number>;
  /** The original string, for pinyin-pro's `match`. */
  readonly original: string;
}

interface IndexEntry {
  readonly item: CatalogItem;
  readonly code: string;
  readonly name: TextKeys;
  readonly keywords: readonly TextKeys[];
}

export interface CatalogIndex {
  /** The items in catalog order. */
  readonly items: readonly CatalogItem[];
  readonly entries: readonly IndexEntry[];
}

/**
 * Rank tiers, best first. Within a tier, catalog order decides.
 * exact name/code/keyword > name prefix > name substring > (whole name or keyword spelled in pinyin) >
 * pinyin initials prefix > full pinyin prefix/substring > keyword substring > keyword pinyin > fuzzy pinyin.
 */
const Rank = {
  exact: 0,
  namePrefix: 1,
  nameSubstring: 2,
  /** The whole name or a whole keyword spelled in pinyin: "dibao" = 低保, "ylj" = 养老金. */
  pinyinExact: 3,
  initialsPrefix: 4,
  fullPinyinPrefix: 5,
  /** Full pinyin from a syllable boundary, or initials anywhere in the name. */
  pinyinSubstring: 6,
  keywordSubstring: 7,
  /** A keyword's pinyin or initials start with the query, or its full pinyin contains it at a syllable. */
  keywordPinyin: 8,
  /** pinyin-pro `match`: mixed spellings ("zuidish") and other readings of polyphonic characters. */
  fuzzyName: 9,
  fuzzyKeyword: 10,
} as const;

const NO_MATCH = Number.POSITIVE_INFINITY;

function normalise(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s'’]+/g, '')
    .replace(/ü/g, 'v');
}

function textKeys(original: string): TextKeys {
  const syllables = pinyin(original, { toneType: 'none', type: 'array', v: true })
    .map((s) => normalise(s))
    .filter((s) => /^[a-z0-9]+$/.test(s));
  const starts = new Set<number>();
  let full = '';
  for (const s of syllables) {
    starts.add(full.length);
    full += s;
  }
  return {
    text: normalise(original),
    full,
    initials: syllables.map((s) => s[0] ?? '').join(''),
    starts,
    original,
  };
}

/** Builds the search index of one catalog version (pinyin is computed here, once). */
export function buildCatalogIndex(items: readonly CatalogItem[]): CatalogIndex {
  return {
    items: [...items],
    entries: items.map((item) => ({
      item,
      code: normalise(item.code),
      name: textKeys(item.name),
      keywords: item.keywords.map(textKeys),
    })),
  };
}

/** True when `q` occurs in `keys.full` starting at a syllable boundary. */
function fullPinyinFromBoundary(keys: TextKeys, q: string): boolean {
  for (let at = keys.full.indexOf(q); at !== -1; at = keys.full.indexOf(q, at + 1)) {
    if (keys.starts.has(at)) return true;
  }
  return false;
}

function isPinyinQuery(q: string): boolean {
  return /^[a-z]+$/.test(q);
}

function fuzzyMatches(original: string, q: string): boolean {
  return match(original, q, { continuous: true, insensitive: true, v: true }) !== null;
}

/** The best (lowest) rank at which one normalised query token matches an entry, or NO_MATCH. */
function rankToken(entry: IndexEntry, q: string): number {
  const { name, keywords, code } = entry;

  if (name.text === q || code === q || keywords.some((k) => k.text === q)) return Rank.exact;
  if (name.text.startsWith(q) || code.startsWith(q)) return Rank.namePrefix;
  if (name.text.includes(q)) return Rank.nameSubstring;

  const pinyinQuery = isPinyinQuery(q);
  if (pinyinQuery) {
    const spelled = (k: TextKeys): boolean => k.full === q || k.initials === q;
    if (spelled(name) || keywords.some(spelled)) return Rank.pinyinExact;
    if (name.initials.startsWith(q)) return Rank.initialsPrefix;
    if (name.full.startsWith(q)) return Rank.fullPinyinPrefix;
    if (fullPinyinFromBoundary(name, q) || name.initials.includes(q)) return Rank.pinyinSubstring;
  }

  if (keywords.some((k) => k.text.includes(q))) return Rank.keywordSubstring;

  if (pinyinQuery) {
    if (keywords.some((k) => k.full.startsWith(q) || k.initials.startsWith(q) || fullPinyinFromBoundary(k, q))) {
      return Rank.keywordPinyin;
    }
    if (fuzzyMatches(name.original, q)) return Rank.fuzzyName;
    if (keywords.some((k) => fuzzyMatches(k.original, q))) return Rank.fuzzyKeyword;
  }
  return NO_MATCH;
}

interface Scored {
  item: CatalogItem;
  rank: number;
  order: number;
}

function rankAll(index: CatalogIndex, rankOf: (entry: IndexEntry) => number): Scored[] {
  const scored: Scored[] = [];
  index.entries.forEach((entry, order) => {
    const rank = rankOf(entry);
    if (rank !== NO_MATCH) scored.push({ item: entry.item, rank, order });
  });
  return scored;
}

/**
 * Searches the catalog. An empty query returns every item in catalog order; otherwise the matching items,
 * best match first (ties keep catalog order), at most `limit` of them.
 */
export function searchCatalog(index: CatalogIndex, query: string, limit = Number.POSITIVE_INFINITY): CatalogItem[] {
  const max = Math.max(0, Math.floor(limit));
  const tokens = query
    .normalize('NFKC')
    .split(/\s+/)
    .map(normalise)
    .filter((t) => t.length > 0);
  if (tokens.length === 0) return index.items.slice(0, max);

  // The query as one string first, spaces removed ("di bao" is "dibao"). Only when that finds nothing
  // must every space-separated word match on its own ("养老 领取"), the worst word deciding the rank.
  let scored = rankAll(index, (entry) => rankToken(entry, tokens.join('')));
  if (scored.length === 0 && tokens.length > 1) {
    scored = rankAll(index, (entry) => {
      let worst = 0;
      for (const t of tokens) {
        const r = rankToken(entry, t);
        if (r === NO_MATCH) return NO_MATCH;
        worst = Math.max(worst, r);
      }
      return worst;
    });
  }
  scored.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return scored.slice(0, max).map((s) => s.item);
}
