import type { z } from 'zod';
import { inputShape, textProblemMessage, type ShapeProblem } from './text';

/**
 * Turns validation issues into sentences a cadre can act on, naming the field in plain Chinese. A schema's
 * own Chinese message is kept as written; zod's defaults (English, or its locale's "无效输入：期望 string")
 * are never shown. One function for the station's boundary, the platform's bodies and its outbox verdicts.
 */

/** Field keys as the person filling them in calls them. The last key of a path that is listed names it. */
const FIELD_LABELS: Record<string, string> = {
  username: '账号',
  password: '密码',
  oldPassword: '原密码',
  newPassword: '新密码',
  idNumber: '身份证号码',
  name: '姓名',
  displayName: '姓名',
  phone: '联系电话',
  address: '地址',
  query: '查询内容',
  id: '编号',
  residentId: '居民',
  applicationId: '申请',
  itemCode: '事项',
  code: '编码',
  scanned: '扫码内容',
  version: '版本',
  form: '表单',
  materials: '材料',
  fileName: '文件名',
  mimeType: '文件类型',
  dataBase64: '文件内容',
  reason: '理由',
  note: '备注',
  format: '纸张格式',
  printerId: '打印机',
  copies: '份数',
  limit: '每页条数',
  before: '翻页位置',
  status: '状态',
  villageCode: '村',
  divisionCode: '区划代码',
  decision: '审核决定',
  supplement: '补正内容',
  items: '补正项目',
  label: '名称',
  problem: '问题说明',
  key: '项目',
  kind: '类型',
  missing: '缺少的材料',
  materialKey: '材料',
  listId: '交接清单',
  from: '开始日期',
  to: '结束日期',
  platformUrl: '省级平台地址',
  sha256: '文件校验值',
  channel: '发布渠道',
  percentage: '推送比例',
  role: '角色',
  terminalId: '终端',
  receiptNo: '受理编号',
  resident: '居民信息',
  gender: '性别',
  birthDate: '出生日期',
  attachments: '扫描件',
  cadre: '代办员',
  reviewer: '审核员',
  submittedAt: '提交时间',
  dueDate: '承诺办结日期',
  catalogVersion: '事项目录版本',
  servicePointName: '服务点名称',
  ttlHours: '有效期',
  notes: '说明',
  backupId: '备份',
  confirm: '确认',
};

/** The label of a dot path ('members.2.name' → 姓名), or null when nothing in it is known. */
export function fieldLabel(path: readonly PropertyKey[] | string): string | null {
  const parts = typeof path === 'string' ? path.split('.') : path.map(String);
  for (let i = parts.length - 1; i >= 0; i--) {
    if (Object.hasOwn(FIELD_LABELS, parts[i]!)) return FIELD_LABELS[parts[i]!]!;
  }
  return null;
}

const hasHan = (s: string) => /\p{Script=Han}/u.test(s);

/** One issue as a sentence: the schema's own Chinese message, or ours made from its code and field. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  if (hasHan(issue.message)) return issue.message;
  const label = fieldLabel(issue.path);
  const what = label ? `“${label}”` : '提交的内容';
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined/.test(issue.message) ? `缺少${what}` : `${what}的格式不对`;
    case 'too_big':
      if (issue.origin === 'string') return `${what}不能超过${String(issue.maximum)}个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${what}最多${String(issue.maximum)}项`;
      return `${what}不能大于${String(issue.maximum)}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? `请填写${what.replace(/[“”]/g, '')}` : `${what}至少${String(issue.minimum)}个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${what}至少${String(issue.minimum)}项`;
      return `${what}不能小于${String(issue.minimum)}`;
    case 'invalid_format':
      return `${what}的格式不对`;
    case 'invalid_value':
      return `${what}不是可选的值`;
    case 'unrecognized_keys':
      return `提交的内容中有不认识的项目：${issue.keys.slice(0, 3).join('、')}`;
    default:
      return `${what}填写有误`;
  }
}

/** Every issue keyed by its dot path ('_' for the whole input), the first per path kept. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[issue.path.join('.') || '_'] ??= describeIssue(issue);
  return fields;
}

/** A value read against a schema: its output, or one Chinese sentence per refused field (by dot path). */
export type Checked<T> = { ok: true; value: T } | { ok: false; fields: Record<string, string> };

/**
 * The one way every boundary reads a value (the StationApi, an outbox body when it is queued and when it is
 * ingested, a platform request body): its shape first (depth, prototype keys), so no schema walks 5,000
 * levels; then the schema, whose text fields name themselves; then the text rule on every other string
 * (form values, ids), so nothing gets through unchecked.
 */
export function checkInput<S extends z.ZodType>(schema: S, value: unknown, o: { maxDepth?: number } = {}): Checked<z.output<S>> {
  const shapeRefusal = (p: ShapeProblem): Checked<never> => ({ ok: false, fields: { [p.path || '_']: describeShapeProblem(p) } });
  const shape = inputShape(value, o.maxDepth);
  if (shape.structure) return shapeRefusal(shape.structure);
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, fields: describeIssues(parsed.error.issues) };
  if (shape.text) return shapeRefusal(shape.text);
  return { ok: true, value: parsed.data };
}

/** The first refusal of a check, for a one-line message. */
export function firstRefusal(fields: Record<string, string>): string {
  return Object.values(fields)[0] ?? '输入内容不正确';
}

/** A shape problem (core/text.ts) as a sentence. */
export function describeShapeProblem(p: ShapeProblem): string {
  const label = fieldLabel(p.path) ?? '提交的内容';
  switch (p.kind) {
    case 'depth':
      return '提交的内容层级过深，不是有效的表单数据';
    case 'key':
      return `提交的内容中有不允许的项目名（${p.key}）`;
    case 'text':
      return textProblemMessage(label, p.problem);
  }
}
