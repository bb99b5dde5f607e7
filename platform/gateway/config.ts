import { z } from 'zod';
import { textField } from '../../core/text';

/**
 * A gateway connector (docs/gateway.md): where the province's own platform takes applications (办件), the
 * secret both sides sign with, which divisions it serves, how its fields are named, and whether the
 * province keeps review in its own system (then its decisions come back through the gateway).
 */

/** What the platform knows of an application, by name: the 办件 record a mapping picks from (record.ts). */
export const RECORD_FIELDS = [
  'applicationId',
  'receiptNo',
  'itemCode',
  'implementationCode',
  'itemName',
  'itemType',
  'department',
  'implementingAgency',
  'catalogVersion',
  'applicantName',
  'applicantIdType',
  'applicantIdNumber',
  'applicantPhone',
  'applicantAddress',
  'divisionCode',
  'divisionName',
  'servicePointName',
  'cadreName',
  'submittedAt',
  'acceptedAt',
  'promisedDays',
  'dueDate',
  'materials',
  'attachments',
  'form',
] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

/** Every field under its own name: the mapping a province starts from and renames (docs/gateway.md). */
export const DEFAULT_FIELD_MAP: Record<string, RecordField> = Object.fromEntries(RECORD_FIELDS.map((f) => [f, f]));

const externalName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/, '外部字段名只能由字母、数字、下划线、点和连字符组成，且以字母或下划线开头');

export const connectorConfigSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, '接口名称须为2至40个小写字母、数字或连字符，以字母开头'),
  url: z
    .string()
    .url('外部系统地址不是有效的网址')
    .refine((u) => /^https?:\/\//.test(u), '外部系统地址须以 http:// 或 https:// 开头'),
  /** HMAC-SHA256 key both sides sign with; at least 32 characters. */
  secret: z.string().min(32, '签名密钥至少32个字符').max(256),
  timeoutMs: z.number().int().min(1_000).max(120_000).default(15_000),
  /** Division code prefixes this connector serves; empty: every application. */
  divisions: z
    .array(z.string().regex(/^\d{2,12}$/, '区划代码前缀须为2至12位数字'))
    .max(500)
    .default([]),
  /** The province reviews in its own system: decisions it sends back are applied (decisions.ts). */
  reviewExternally: z.boolean().default(false),
  fields: z
    .record(externalName, z.enum(RECORD_FIELDS, { message: '映射的来源不是平台认识的办件字段' }))
    .refine((m) => Object.keys(m).length > 0, '字段映射不能为空')
    .default(DEFAULT_FIELD_MAP),
});
export type ConnectorConfig = z.infer<typeof connectorConfigSchema>;

/**
 * A decision the external system sends back (POST /v1/gateway/{name}/decisions): its own decision id (one
 * decision, once, however often it is sent), the application as it was handed over, approve or reject.
 */
export const externalDecisionSchema = z
  .object({
    decisionId: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, '决定编号须为1至64个字母、数字或 _ . : -'),
    applicationId: z.string().uuid('申请编号不是平台交出的编号'),
    decision: z.enum(['approve', 'reject']),
    reason: textField('理由', { max: 500, multiline: true, min: { length: 2, message: '理由至少2个字' } })
      .nullable()
      .default(null),
    reviewerName: textField('审核人', { max: 40, min: { length: 1, message: '请写明审核人' } }),
    decidedAt: z.string().datetime({ offset: true }),
  })
  .refine((d) => d.decision !== 'reject' || d.reason !== null, { message: '不予通过须写明理由', path: ['reason'] });
export type ExternalDecision = z.infer<typeof externalDecisionSchema>;
