import { describeIssue } from '../refusal';
import { divisionEntrySchema, type NamedDivision } from './model';

/** A county's list is a few hundred lines and a whole province's under 100,000 (河南 has about 48,000 villages). */
export const DIVISION_LIST_MAX_ENTRIES = 100_000;
export const DIVISION_LIST_MAX_BYTES = 8 * 1024 * 1024;

export interface DivisionListProblem {
  /** 1-based line of a CSV file, or 1-based position in a JSON array. */
  line: number;
  message: string;
}

export interface ParsedDivisionList {
  divisions: NamedDivision[];
  /** Lines that were left out, each with its reason; the rest still load (one bad line stops nothing). */
  problems: DivisionListProblem[];
}

/**
 * Reads a list of divisions as the statistics bureau publishes it (统计用区划代码): one division per line,
 * code then name, separated by a comma, a tab or spaces (a further column, such as the 城乡分类代码, is
 * ignored; a header line is skipped), or a JSON array of `{ code, name }`. A code given twice keeps its last name.
 */
export function parseDivisionList(text: string): ParsedDivisionList {
  if (text.length > DIVISION_LIST_MAX_BYTES) {
    return { divisions: [], problems: [{ line: 0, message: `文件太大（超过${DIVISION_LIST_MAX_BYTES / 1024 / 1024} MB），请按县拆分后分别导入` }] };
  }
  const body = text.replace(/^\uFEFF/, '').trim();
  const rows = body.startsWith('[') ? jsonRows(body) : csvRows(body);
  if ('problem' in rows) return { divisions: [], problems: [rows.problem] };
  const byCode = new Map<string, NamedDivision>();
  const problems: DivisionListProblem[] = [];
  for (const { line, code, name } of rows.rows) {
    if (byCode.size >= DIVISION_LIST_MAX_ENTRIES) {
      problems.push({ line, message: `一次最多导入${DIVISION_LIST_MAX_ENTRIES}个区划，其余未导入` });
      break;
    }
    const parsed = divisionEntrySchema.safeParse({ code, name });
    if (parsed.success) byCode.set(parsed.data.code, parsed.data);
    else problems.push({ line, message: `${code} ${name}：${describeIssue(parsed.error.issues[0]!)}` });
  }
  return { divisions: [...byCode.values()], problems };
}

type Rows = { rows: { line: number; code: string; name: string }[] } | { problem: DivisionListProblem };

function csvRows(body: string): Rows {
  const rows: { line: number; code: string; name: string }[] = [];
  for (const [i, raw] of body.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const [code = '', name = ''] = line.split(/\s*[,，\t]\s*|\s+/).map((c) => c.replace(/^"|"$/g, ''));
    // A header (代码,名称 / code,name) has no digits in its first column.
    if (i === 0 && !/\d/.test(code)) continue;
    rows.push({ line: i + 1, code, name });
  }
  return { rows };
}

function jsonRows(body: string): Rows {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return { problem: { line: 0, message: '文件不是有效的 JSON，也不是“代码,名称”格式的表格' } };
  }
  if (!Array.isArray(data)) return { problem: { line: 0, message: 'JSON 文件应为 [{"code": "…", "name": "…"}] 形式的数组' } };
  return {
    rows: data.map((e, i) => {
      const o = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
      return { line: i + 1, code: typeof o.code === 'string' ? o.code : String(o.code ?? ''), name: typeof o.name === 'string' ? o.name : '' };
    }),
  };
}
