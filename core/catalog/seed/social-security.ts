import type { CatalogItemInput } from '../model';
import { bankCardMaterial, bankFields, householdRegisterMaterial, idCardMaterial, NO_FEE, phoneField, photoMaterial, proxyMaterials } from './common';

/** 人力资源社会保障部门: 城乡居民养老保险, employment registration, the social security card. */

const DEPARTMENT = '人力资源社会保障部门';

const RESIDENT_PENSION_BASIS = [
  '《中华人民共和国社会保险法》第二十条至第二十二条',
  '《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）',
  '《城乡居民基本养老保险经办规程》',
];

const residentPensionEnrolment: CatalogItemInput = {
  code: 'RS-0001',
  name: '城乡居民基本养老保险参保登记',
  type: '公共服务',
  department: DEPARTMENT,
  implementingAgency: '县级社会保险经办机构（乡镇人力资源社会保障服务平台受理）',
  legalBasis: RESIDENT_PENSION_BASIS,
  conditions: ['年满16周岁（不含在校学生）', '非国家机关和事业单位工作人员，且不属于职工基本养老保险覆盖范围', '在户籍所在地参保，未参加其他基本养老保险'],
  materials: [
    {
      key: 'enrolmentForm',
      name: '城乡居民基本养老保险参保登记表',
      form: 'original',
      count: 1,
      required: true,
      note: '可由代办员按系统信息打印后本人签字',
    },
    idCardMaterial(),
    householdRegisterMaterial(),
    {
      key: 'specialGroupProof',
      name: '困难群体身份证明',
      form: 'copy',
      count: 1,
      required: false,
      note: '享受政府代缴保费的低保对象、特困人员、重度残疾人等提供，部门间可共享的免交',
    },
  ],
  process: [
    '参保人持居民身份证或户口簿到户籍所在村代办点申请，填写参保登记表',
    '村代办员核对身份信息，查询是否已参加其他基本养老保险，受理并出具回执',
    '乡镇人力资源社会保障服务平台审核后录入信息系统',
    '县级社会保险经办机构确认参保登记',
    '参保人按年自主选择缴费档次缴费，困难群体由政府按规定代缴',
  ],
  promisedDays: 5,
  statutoryDays: 10,
  fee: NO_FEE,
  keywords: ['新农保', '城居保', '居民养老保险', '养老保险', '养老金', '交养老保险', '参保'],
  form: {
    fields: [
      {
        key: 'contributionLevel',
        label: '缴费档次',
        kind: 'select',
        required: true,
        options: ['每年200元', '每年300元', '每年400元', '每年500元', '每年600元', '每年800元', '每年1000元', '每年1500元', '每年2000元', '每年3000元'],
        help: '以本省当年公布的缴费档次为准',
      },
      {
        key: 'specialGroup',
        label: '困难群体类别',
        kind: 'select',
        required: true,
        options: ['无', '最低生活保障对象', '特困人员', '防止返贫监测对象', '重度残疾人', '其他困难群体'],
        help: '属于困难群体的，由政府按规定代缴部分或全部最低档次保费',
      },
      { key: 'hasOtherPension', label: '是否已参加其他基本养老保险', kind: 'boolean', required: true },
      {
        key: 'paymentMethod',
        label: '缴费方式',
        kind: 'select',
        required: true,
        options: ['社会保障卡金融账户代扣', '其他银行账户代扣', '手机线上自助缴费'],
      },
      { key: 'debitAccount', label: '代扣银行账号', kind: 'bankAccount', help: '选择银行代扣的填写' },
      phoneField(),
    ],
  },
};

const residentPensionClaim: CatalogItemInput = {
  code: 'RS-0002',
  name: '城乡居民养老保险待遇申领',
  type: '行政给付',
  department: DEPARTMENT,
  implementingAgency: '县级社会保险经办机构',
  legalBasis: RESIDENT_PENSION_BASIS,
  conditions: [
    '参加城乡居民基本养老保险，年满60周岁',
    '累计缴费满15年；制度实施时已年满60周岁的可直接领取基础养老金，距领取年龄不足15年的按规定逐年缴费或补缴',
    '未领取国家规定的其他基本养老保障待遇',
  ],
  materials: [
    {
      key: 'claimForm',
      name: '城乡居民基本养老保险待遇领取申请表',
      form: 'original',
      count: 1,
      required: true,
    },
    idCardMaterial(),
    householdRegisterMaterial(),
    bankCardMaterial(true, '本人'),
    ...proxyMaterials(),
  ],
  process: [
    '参保人在达到待遇领取年龄前3个月内到村代办点提出申请',
    '村代办员核对缴费年限和是否重复领取，受理并出具回执',
    '乡镇人力资源社会保障服务平台初审',
    '县级社会保险经办机构审核，核定基础养老金和个人账户养老金',
    '自符合领取条件的次月起按月发放至社会保障卡',
  ],
  promisedDays: 10,
  statutoryDays: 20,
  fee: NO_FEE,
  keywords: ['养老金', '领养老金', '养老待遇', '新农保领取', '养老保险待遇', '居民养老金', '退休'],
  form: {
    fields: [
      {
        key: 'contributionYears',
        label: '累计缴费年限',
        kind: 'number',
        required: true,
        integer: true,
        min: 0,
        max: 50,
        unit: '年',
      },
      {
        key: 'receiveMethod',
        label: '待遇领取方式',
        kind: 'select',
        required: true,
        options: ['社会保障卡金融账户', '本人其他银行账户'],
      },
      ...bankFields(),
      { key: 'hasOtherPension', label: '是否领取其他基本养老保障待遇', kind: 'boolean', required: true },
      { key: 'agentName', label: '代办家属姓名', kind: 'text', maxLength: 20 },
      phoneField(),
    ],
  },
};

const employmentRegistration: CatalogItemInput = {
  code: 'RS-0003',
  name: '就业失业登记',
  type: '公共服务',
  department: DEPARTMENT,
  implementingAgency: '县级公共就业服务机构（乡镇人力资源社会保障服务平台受理）',
  legalBasis: [
    '《中华人民共和国就业促进法》第三十五条',
    '《就业服务与就业管理规定》（劳动和社会保障部令第28号）',
    '《人力资源社会保障部关于进一步完善就业失业登记管理办法的通知》（人社部发〔2014〕97号）',
  ],
  conditions: ['法定劳动年龄内、有劳动能力的城乡劳动者', '就业登记：已实现就业（含灵活就业、自主创业）', '失业登记：有就业要求、处于无业状态，可在常住地办理'],
  materials: [
    { key: 'registrationForm', name: '就业失业登记表', form: 'original', count: 1, required: true },
    idCardMaterial(),
    {
      key: 'employmentProof',
      name: '劳动合同或就业创业相关证明',
      form: 'copy',
      count: 1,
      required: false,
      note: '办理就业登记的提供，如劳动合同、营业执照',
    },
    {
      key: 'terminationProof',
      name: '解除或终止劳动关系证明',
      form: 'copy',
      count: 1,
      required: false,
      note: '原有单位就业、办理失业登记的提供',
    },
  ],
  process: [
    '劳动者到村代办点提出登记申请',
    '村代办员核对身份信息，受理并录入',
    '乡镇人力资源社会保障服务平台审核',
    '县级公共就业服务机构办理登记，发放或更新《就业创业证》，失业人员可享受职业介绍、技能培训等服务',
  ],
  promisedDays: 3,
  statutoryDays: 5,
  fee: NO_FEE,
  keywords: ['失业登记', '就业登记', '就业创业证', '失业证', '找工作', '求职', '返乡'],
  form: {
    fields: [
      {
        key: 'registrationType',
        label: '登记类型',
        kind: 'select',
        required: true,
        options: ['就业登记', '失业登记'],
      },
      {
        key: 'employmentForm',
        label: '就业形式',
        kind: 'select',
        options: ['单位就业', '灵活就业', '自主创业', '公益性岗位'],
        help: '办理就业登记的填写',
      },
      { key: 'employerName', label: '就业单位（经营项目）名称', kind: 'text', maxLength: 60 },
      { key: 'eventDate', label: '就业或失业日期', kind: 'date', required: true, notFuture: true },
      {
        key: 'unemploymentReason',
        label: '失业原因',
        kind: 'select',
        options: ['劳动合同期满', '被单位解除劳动合同', '个人辞职', '返乡', '毕业后未就业', '其他'],
        help: '办理失业登记的填写',
      },
      {
        key: 'educationLevel',
        label: '文化程度',
        kind: 'select',
        required: true,
        options: ['小学及以下', '初中', '高中或中专', '大专', '本科及以上'],
      },
      { key: 'jobIntention', label: '求职意向', kind: 'text', maxLength: 60 },
      { key: 'needsTraining', label: '是否需要职业技能培训', kind: 'boolean' },
      phoneField(),
    ],
  },
};

const socialSecurityCard: CatalogItemInput = {
  code: 'RS-0004',
  name: '社会保障卡申领',
  type: '公共服务',
  department: DEPARTMENT,
  implementingAgency: '县级人力资源社会保障部门（社会保障卡服务网点）',
  legalBasis: ['《中华人民共和国社会保险法》第五十八条', '《社会保障卡管理办法》'],
  conditions: ['参加社会保险或享受人力资源社会保障服务的人员', '首次申领，或原卡遗失、损坏需要补领、换领', '未满16周岁的由监护人代为申领'],
  materials: [
    idCardMaterial('未满16周岁的可提供户口簿'),
    photoMaterial(1, '近期白底免冠彩色证件照片', false),
    {
      key: 'guardianIdCard',
      name: '监护人居民身份证',
      form: 'original_and_copy',
      count: 1,
      required: false,
      note: '未满16周岁的申请人提供',
    },
    ...proxyMaterials(),
  ],
  process: [
    '申请人到村代办点填写申领信息，采集照片',
    '村代办员核验身份并受理，出具回执',
    '县级人力资源社会保障部门会同合作银行审核制卡',
    '卡片下发到领卡网点，通知本人领取并激活金融账户',
  ],
  promisedDays: 15,
  statutoryDays: 20,
  fee: '首次申领不收费；补领、换领按本省规定收取工本费',
  keywords: ['社保卡', '社会保障卡', '一卡通', '补社保卡', '电子社保卡', '办社保卡'],
  form: {
    fields: [
      {
        key: 'applyType',
        label: '申领类型',
        kind: 'select',
        required: true,
        options: ['首次申领', '补领', '换领'],
      },
      {
        key: 'cooperativeBank',
        label: '选择合作银行',
        kind: 'select',
        required: true,
        options: ['中国农业银行', '中国工商银行', '中国建设银行', '中国银行', '中国邮政储蓄银行', '农村商业银行'],
      },
      {
        key: 'occupation',
        label: '职业',
        kind: 'select',
        options: ['农民', '个体工商户', '灵活就业人员', '学生', '其他'],
      },
      { key: 'guardianName', label: '监护人姓名', kind: 'text', maxLength: 20, help: '未满16周岁的填写' },
      { key: 'guardianIdNumber', label: '监护人公民身份号码', kind: 'citizenId' },
      {
        key: 'deliveryMethod',
        label: '领卡方式',
        kind: 'select',
        required: true,
        options: ['村代办点领取', '银行网点领取', '邮寄到家'],
      },
      phoneField(),
    ],
  },
};

export const SOCIAL_SECURITY_ITEMS: CatalogItemInput[] = [residentPensionEnrolment, residentPensionClaim, employmentRegistration, socialSecurityCard];
