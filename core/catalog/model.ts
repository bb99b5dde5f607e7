import { z } from 'zod';
import { catalogLogicProblems } from './check-logic';
import { reviewLevelsSchema, SINGLE_LEVEL } from '../review-levels';

/**
 * The catalog model: one service item per entry, with the implementation-list fields of GB/T 39554
 * (事项名称, 事项编码, 事项类型, 主管部门, 实施机关, 设定依据, 受理条件, 申请材料, 办理流程, 承诺时限, 法定时限, 收费)
 * and the form schema the cadre fills for it.
 */

const fieldKey = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'field keys are ASCII identifiers');

/** An expression of the form logic language (core/forms/expression.ts, docs/form-logic.md). */
const expression = z.string().min(1).max(500);

const fieldBase = {
  key: fieldKey,
  label: z.string().min(1),
  required: z.boolean().default(false),
  help: z.string().optional(),
  /** Shown and checked only when this is true (XLSForm's `relevant`); a hidden field's value is dropped. */
  relevant: expression.optional(),
  /** Required when this is true, on top of `required`. */
  requiredIf: expression.optional(),
  /** Must hold for a filled value (`self` is the value); `constraintMessage` says why in Chinese. */
  constraint: expression.optional(),
  constraintMessage: z.string().min(2).max(200).optional(),
  /** A computed field (number or money): filled by the evaluator, read-only on screen. */
  calculate: expression.optional(),
  /** Where the rule comes from (a policy document), shown to the cadre beside the field. */
  basis: z.string().max(200).optional(),
  /** The value a new form starts with (the answer most residents give), as XLSForm's `default`. */
  default: z.union([z.string().max(200), z.number(), z.boolean()]).optional(),
};

export const scalarFieldSchema = z.discriminatedUnion('kind', [
  z.object({ ...fieldBase, kind: z.literal('text'), maxLength: z.number().int().positive().optional() }),
  z.object({ ...fieldBase, kind: z.literal('textarea'), maxLength: z.number().int().positive().optional() }),
  z.object({
    ...fieldBase,
    kind: z.literal('number'),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().optional(),
    unit: z.string().optional(),
  }),
  /** Amount in yuan, at most two decimals. */
  z.object({ ...fieldBase, kind: z.literal('money'), min: z.number().optional(), max: z.number().optional() }),
  z.object({
    ...fieldBase,
    kind: z.literal('date'),
    notFuture: z.boolean().optional(),
  }),
  z.object({ ...fieldBase, kind: z.literal('select'), options: z.array(z.string().min(1)).min(1) }),
  z.object({ ...fieldBase, kind: z.literal('boolean') }),
  z.object({ ...fieldBase, kind: z.literal('citizenId') }),
  z.object({ ...fieldBase, kind: z.literal('phone') }),
  z.object({ ...fieldBase, kind: z.literal('address') }),
  z.object({ ...fieldBase, kind: z.literal('bankAccount') }),
]);

/** A table of household members: each row has the given columns. */
export const membersFieldSchema = z.object({
  ...fieldBase,
  kind: z.literal('members'),
  columns: z.array(scalarFieldSchema).min(1),
  minRows: z.number().int().nonnegative().optional(),
  maxRows: z.number().int().positive().optional(),
});

export const formFieldSchema = z.union([scalarFieldSchema, membersFieldSchema]);

/** A rule across fields or tables (household size equals member rows …), shown at `field` when broken. */
export const formRuleSchema = z.object({
  field: fieldKey,
  assert: expression,
  /** The rule applies only when this is true. */
  when: expression.optional(),
  /** Chinese, for the cadre; `{{expr}}` placeholders are filled with values. */
  message: z.string().min(2).max(300),
  basis: z.string().max(200).optional(),
});

/** A threshold a county sets for its catalog (its 低保标准 …), published with the catalog version. */
export const catalogParameterSchema = z.object({
  key: fieldKey,
  label: z.string().min(2).max(60),
  value: z.number().finite(),
  unit: z.string().max(20).optional(),
  basis: z.string().max(200).optional(),
});

export const materialSchema = z.object({
  key: fieldKey,
  /** 材料名称 */
  name: z.string().min(1),
  /** 原件 / 复印件 / 原件及复印件 */
  form: z.enum(['original', 'copy', 'original_and_copy']),
  /** 份数 */
  count: z.number().int().positive(),
  required: z.boolean(),
  note: z.string().optional(),
});

export const itemTypeSchema = z.enum(['行政给付', '行政确认', '行政许可', '公共服务', '其他行政权力']);

export const catalogItemSchema = z.object({
  /** 事项编码: stable across versions, e.g. "MZ-0001". */
  code: z.string().regex(/^[A-Z]{2,4}-\d{4}$/),
  /**
   * 实施编码: the item's code in the province's implementation list (GB/T 39554), when the province gave one;
   * the gateway hands it over with each application (docs/gateway.md).
   */
  implementationCode: z
    .string()
    .regex(/^[0-9A-Z]{8,40}$/, '实施编码应为8至40位数字或大写字母')
    .optional(),
  /** 事项名称 */
  name: z.string().min(2),
  /** 事项类型 */
  type: itemTypeSchema,
  /** 主管部门, e.g. 民政部门 */
  department: z.string().min(2),
  /** 实施机关, e.g. 县级民政部门 */
  implementingAgency: z.string().min(2),
  /** 设定依据 */
  legalBasis: z.array(z.string().min(2)).min(1),
  /** 受理条件 */
  conditions: z.array(z.string().min(2)).min(1),
  /** 申请材料 */
  materials: z.array(materialSchema).min(1),
  /** 办理流程 */
  process: z.array(z.string().min(2)).min(1),
  /** The review steps after the village's acceptance (core/review-levels.ts); one township level by default. */
  levels: reviewLevelsSchema.default(SINGLE_LEVEL),
  /** 承诺时限, working days */
  promisedDays: z.number().int().positive(),
  /** 法定时限, working days */
  statutoryDays: z.number().int().positive(),
  /** 收费 */
  fee: z.string().min(1),
  /** Extra search words (synonyms cadres use). */
  keywords: z.array(z.string()).default([]),
  form: z.object({
    fields: z.array(formFieldSchema).min(1),
    rules: z.array(formRuleSchema).default([]),
    /** The version's parameters by key, attached when the version is parsed (see catalogVersionSchema). */
    parameters: z.record(z.string(), z.number()).default({}),
  }),
});

/**
 * A catalog version. Its parameters are copied into each item's form when parsed, so an item carries what
 * its rules need wherever it goes (renderer, station, platform); every rule is checked here, so a version
 * with a malformed or dangling expression is refused wherever it arrives, first of all at publish time.
 */
export const catalogVersionSchema = z
  .object({
    version: z.string().regex(/^\d{4}\.\d+$/),
    publishedAt: z.string(),
    parameters: z.array(catalogParameterSchema).default([]),
    /**
     * The province's public progress page (https): when set, receipts and notices print their signed code in
     * its query (`?daiban=DBR1:…`, core/receipt-code.ts) so a resident's phone opens the page.
     */
    receiptQueryUrl: z
      .string()
      .max(200)
      .regex(/^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~\/-]*)?(\?[A-Za-z0-9._~=&-]*)?$/, '公开查询页地址应为 https 开头的网址')
      .optional(),
    items: z.array(catalogItemSchema).min(1),
  })
  .superRefine((v, ctx) => {
    for (const message of catalogLogicProblems(
      v.items,
      v.parameters.map((p) => p.key),
    ))
      ctx.addIssue({ code: 'custom', message, path: ['items'] });
  })
  .transform((v) => {
    const parameters = Object.fromEntries(v.parameters.map((p) => [p.key, p.value]));
    return { ...v, items: v.items.map((i) => ({ ...i, form: { ...i.form, parameters } })) };
  });

export type ScalarField = z.infer<typeof scalarFieldSchema>;
export type MembersField = z.infer<typeof membersFieldSchema>;
export type FormField = z.infer<typeof formFieldSchema>;
export type FormRule = z.infer<typeof formRuleSchema>;
export type CatalogParameter = z.infer<typeof catalogParameterSchema>;
export type ItemForm = CatalogItem['form'];
export type Material = z.infer<typeof materialSchema>;
export type CatalogItem = z.infer<typeof catalogItemSchema>;
export type CatalogItemInput = z.input<typeof catalogItemSchema>;
export type CatalogVersion = z.infer<typeof catalogVersionSchema>;

export const MATERIAL_FORM_LABEL: Record<Material['form'], string> = {
  original: '原件',
  copy: '复印件',
  original_and_copy: '原件及复印件',
};

/** What the cadre ticked for one material when taking the application. */
export const receivedMaterialSchema = z.object({
  received: z.boolean(),
  count: z.number().int().nonnegative(),
});
export type ReceivedMaterial = z.infer<typeof receivedMaterialSchema>;
export type ReceivedMaterials = Record<string, ReceivedMaterial>;
