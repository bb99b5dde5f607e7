import type { CatalogItemInput } from '../model';

/**
 * Building blocks shared by the seed items: the materials and form fields nearly every county list repeats
 * (居民身份证, 户口簿, 家庭经济状况核对授权书, the bank account a benefit is paid into, a household members
 * table …). Each helper returns a fresh object, so items never share mutable state.
 */

export type FieldInput = CatalogItemInput['form']['fields'][number];
export type ScalarFieldInput = Exclude<FieldInput, { kind: 'members' }>;
export type MaterialInput = CatalogItemInput['materials'][number];

/** 与申请人关系 — used by household tables. */
export const RELATIONS = ['本人', '配偶', '子女', '父母', '儿媳', '女婿', '孙子女', '外孙子女', '祖父母', '外祖父母', '兄弟姐妹', '其他'];

export const GUARDIAN_RELATIONS = ['父母', '祖父母', '外祖父母', '兄弟姐妹', '其他亲属', '其他'];

export const DISABILITY_CATEGORIES = ['视力残疾', '听力残疾', '言语残疾', '肢体残疾', '智力残疾', '精神残疾', '多重残疾'];

export const DISABILITY_LEVELS = ['一级', '二级', '三级', '四级'];

export const GENDERS = ['男', '女'];

/** 收费 for nearly every item. */
export const NO_FEE = '不收费';

// ---------------------------------------------------------------------------------------------------------
// Materials

export function idCardMaterial(note?: string): MaterialInput {
  return {
    key: 'idCard',
    name: '申请人居民身份证',
    form: 'original_and_copy',
    count: 1,
    required: true,
    note: note ?? '原件当场核验后退还',
  };
}

export function householdRegisterMaterial(required = true, note?: string): MaterialInput {
  return {
    key: 'householdRegister',
    name: '居民户口簿',
    form: 'original_and_copy',
    count: 1,
    required,
    note: note ?? '复印户主页和申请人本人页',
  };
}

export function checkAuthorizationMaterial(): MaterialInput {
  return {
    key: 'checkAuthorization',
    name: '家庭经济状况核对授权书',
    form: 'original',
    count: 1,
    required: true,
    note: '共同生活的成年家庭成员均须本人签字（或按手印）',
  };
}

export function bankCardMaterial(required = true, holder = '申请人'): MaterialInput {
  return {
    key: 'bankCard',
    name: `${holder}社会保障卡或银行卡（存折）`,
    form: 'copy',
    count: 1,
    required,
    note: '用于惠民惠农财政补贴资金“一卡通”发放，须为本人实名账户',
  };
}

export function photoMaterial(count: number, name = '近期免冠彩色证件照片', required = true): MaterialInput {
  return { key: 'photo', name, form: 'original', count, required, note: '可在代办点现场拍照采集' };
}

export function proxyMaterials(): MaterialInput[] {
  return [
    {
      key: 'powerOfAttorney',
      name: '授权委托书',
      form: 'original',
      count: 1,
      required: false,
      note: '由家属或他人代为申请的提供',
    },
    {
      key: 'agentIdCard',
      name: '代理人居民身份证',
      form: 'original_and_copy',
      count: 1,
      required: false,
      note: '由家属或他人代为申请的提供',
    },
  ];
}

export function disabilityCertMaterial(required = false, note = '家庭成员中有残疾人的提供'): MaterialInput {
  return { key: 'disabilityCert', name: '中华人民共和国残疾人证', form: 'copy', count: 1, required, note };
}

// ---------------------------------------------------------------------------------------------------------
// Form fields

export function phoneField(label = '联系电话', key = 'phone', required = true): ScalarFieldInput {
  return { key, label, kind: 'phone', required };
}

/** 开户银行 + 银行账号: where a benefit is paid (社会保障卡金融账户 by preference). */
export function bankFields(required = true): ScalarFieldInput[] {
  return [
    {
      key: 'bankName',
      label: '开户银行',
      kind: 'text',
      required,
      maxLength: 40,
      help: '如：××农村商业银行××支行',
    },
    {
      key: 'bankAccount',
      label: '银行账号',
      kind: 'bankAccount',
      required,
      help: '优先使用本人社会保障卡金融账户',
    },
  ];
}

export function applyReasonField(label = '申请原因', help = '简要说明家庭困难情况及致困原因'): ScalarFieldInput {
  return { key: 'applyReason', label, kind: 'textarea', required: true, maxLength: 500, help };
}

export function guardianFields(required: boolean, relations = GUARDIAN_RELATIONS): ScalarFieldInput[] {
  return [
    { key: 'guardianName', label: '监护人姓名', kind: 'text', required, maxLength: 20 },
    { key: 'guardianIdNumber', label: '监护人公民身份号码', kind: 'citizenId', required },
    { key: 'guardianRelation', label: '监护人与申请人关系', kind: 'select', required, options: relations },
    { key: 'guardianPhone', label: '监护人联系电话', kind: 'phone', required },
  ];
}

/**
 * 共同生活家庭成员: the household table of the social-assistance items (低保, 临时救助, 危房改造 …).
 * The applicant is row one.
 */
export function householdMembersField(label = '共同生活家庭成员（含申请人）'): FieldInput {
  return {
    key: 'members',
    label,
    kind: 'members',
    required: true,
    minRows: 1,
    maxRows: 20,
    help: '第一行填写申请人本人；收入为近12个月月平均收入',
    columns: [
      { key: 'name', label: '姓名', kind: 'text', required: true, maxLength: 20 },
      { key: 'idNumber', label: '公民身份号码', kind: 'citizenId', required: true },
      { key: 'relation', label: '与申请人关系', kind: 'select', required: true, options: RELATIONS },
      {
        key: 'healthStatus',
        label: '健康状况',
        kind: 'select',
        required: true,
        options: ['健康', '患慢性病', '患重大疾病', '残疾'],
      },
      {
        key: 'workStatus',
        label: '就业状况',
        kind: 'select',
        required: false,
        options: ['务农', '务工', '个体经营', '在校学生', '学龄前儿童', '无劳动能力', '无业', '其他'],
      },
      { key: 'monthlyIncome', label: '月收入（元）', kind: 'money', required: false, min: 0 },
    ],
  };
}
