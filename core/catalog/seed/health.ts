import type { CatalogItemInput } from '../model';
import { bankCardMaterial, bankFields, GENDERS, householdRegisterMaterial, idCardMaterial, NO_FEE, phoneField, photoMaterial, proxyMaterials } from './common';

/** 卫生健康部门: 生育登记, family-planning assistance, and the senior card (老龄工作机构 sits here since 2018). */

const DEPARTMENT = '卫生健康部门';

const FAMILY_PLANNING_LAW = '《中华人民共和国人口与计划生育法》';

const birthRegistration: CatalogItemInput = {
  code: 'WJ-0001',
  name: '生育登记',
  type: '公共服务',
  department: DEPARTMENT,
  implementingAgency: '乡镇人民政府（街道办事处）',
  legalBasis: [
    FAMILY_PLANNING_LAW,
    '《中共中央 国务院关于优化生育政策促进人口长期均衡发展的决定》',
    '《国家卫生计生委关于做好生育登记服务工作的指导意见》（国卫指导发〔2016〕4号）',
  ],
  conditions: ['夫妻双方或一方户籍在本地，或在本地居住', '已怀孕或已生育的家庭均可登记，不设前置审批条件', '实行告知承诺制，由夫妻一方办理'],
  materials: [
    idCardMaterial('夫妻双方居民身份证，另一方可提供复印件'),
    householdRegisterMaterial(false, '有则提供'),
    {
      key: 'marriageCertificate',
      name: '结婚证',
      form: 'copy',
      count: 1,
      required: false,
      note: '按本省规定提供；未提供的不影响登记',
    },
    {
      key: 'birthCertificate',
      name: '出生医学证明',
      form: 'copy',
      count: 1,
      required: false,
      note: '已生育的提供',
    },
  ],
  process: [
    '夫妻一方到村代办点申请生育登记，如实填报并签署承诺',
    '村代办员核对信息，受理并出具回执',
    '乡镇人民政府（街道办事处）登记，出具生育服务登记凭证（电子凭证可打印）',
    '登记信息推送至妇幼保健机构，提供孕产期保健服务',
  ],
  promisedDays: 1,
  statutoryDays: 5,
  fee: NO_FEE,
  keywords: ['准生证', '生育服务证', '生育登记', '怀孕登记', '生二胎', '生三胎', '计生'],
  form: {
    fields: [
      { key: 'spouseName', label: '配偶姓名', kind: 'text', required: true, maxLength: 20 },
      { key: 'spouseIdNumber', label: '配偶公民身份号码', kind: 'citizenId', required: true },
      { key: 'marriageStatus', label: '婚姻状况', kind: 'select', required: true, options: ['初婚', '再婚', '其他'] },
      {
        key: 'childOrder',
        label: '本次登记为第几个孩子',
        kind: 'select',
        required: true,
        options: ['第一个孩子', '第二个孩子', '第三个孩子', '第四个及以上孩子'],
      },
      {
        key: 'existingChildren',
        label: '现有子女',
        kind: 'members',
        maxRows: 10,
        help: '已有子女的逐一填写',
        columns: [
          { key: 'name', label: '姓名', kind: 'text', required: true, maxLength: 20 },
          { key: 'idNumber', label: '公民身份号码', kind: 'citizenId' },
          { key: 'gender', label: '性别', kind: 'select', required: true, options: GENDERS },
          { key: 'birthDate', label: '出生日期', kind: 'date', required: true, notFuture: true },
        ],
      },
      {
        key: 'pregnancyStatus',
        label: '生育状态',
        kind: 'select',
        required: true,
        options: ['已怀孕', '已生育'],
      },
      { key: 'expectedDate', label: '预产期或出生日期', kind: 'date' },
      phoneField(),
    ],
  },
};

const ruralFamilyPlanningReward: CatalogItemInput = {
  code: 'WJ-0002',
  name: '农村部分计划生育家庭奖励扶助申请',
  type: '行政给付',
  department: DEPARTMENT,
  implementingAgency: '县级卫生健康部门',
  legalBasis: [
    FAMILY_PLANNING_LAW,
    '《国务院办公厅转发人口计生委 财政部关于开展对农村部分计划生育家庭实行奖励扶助制度试点工作意见的通知》（国办发〔2004〕21号）',
  ],
  conditions: [
    '本人及配偶均为农业户口或界定为农村居民户口',
    '1973年至2001年期间没有违反计划生育法律法规和政策规定生育',
    '现存一个子女或两个女孩，或子女死亡现无子女',
    '年满60周岁',
  ],
  materials: [
    {
      key: 'declarationForm',
      name: '农村部分计划生育家庭奖励扶助对象申报表',
      form: 'original',
      count: 1,
      required: true,
    },
    idCardMaterial('本人及配偶'),
    householdRegisterMaterial(),
    {
      key: 'marriageProof',
      name: '结婚证或婚姻状况证明',
      form: 'copy',
      count: 1,
      required: false,
    },
    {
      key: 'childrenProof',
      name: '子女情况证明',
      form: 'copy',
      count: 1,
      required: true,
      note: '子女户口簿页或居民身份证；子女死亡的提供死亡证明',
    },
    bankCardMaterial(),
  ],
  process: [
    '符合条件的本人到村代办点提出申请，填写申报表',
    '村民委员会初审，并在村务公开栏张榜公示',
    '乡镇人民政府（街道办事处）审核，并在乡镇公示',
    '县级卫生健康部门审批并公布',
    '奖励扶助金由代理发放机构按年直接发放到个人账户',
  ],
  promisedDays: 20,
  statutoryDays: 30,
  fee: NO_FEE,
  keywords: ['奖扶', '奖励扶助', '计生奖扶', '农村奖扶', '独生子女', '双女户', '计划生育'],
  form: {
    fields: [
      { key: 'spouseName', label: '配偶姓名', kind: 'text', required: true, maxLength: 20 },
      { key: 'spouseIdNumber', label: '配偶公民身份号码', kind: 'citizenId', required: true },
      { key: 'marriageDate', label: '结婚日期', kind: 'date', notFuture: true },
      {
        key: 'familyType',
        label: '家庭类型',
        kind: 'select',
        required: true,
        options: ['现存一个子女', '现存两个女孩', '子女死亡现无子女'],
      },
      {
        key: 'children',
        label: '子女情况',
        kind: 'members',
        required: true,
        minRows: 1,
        maxRows: 6,
        help: '包括已死亡的子女',
        columns: [
          { key: 'name', label: '姓名', kind: 'text', required: true, maxLength: 20 },
          { key: 'idNumber', label: '公民身份号码', kind: 'citizenId' },
          { key: 'gender', label: '性别', kind: 'select', required: true, options: GENDERS },
          { key: 'birthDate', label: '出生日期', kind: 'date', required: true, notFuture: true },
          { key: 'status', label: '现状', kind: 'select', required: true, options: ['健在', '死亡'] },
        ],
      },
      ...bankFields(),
      phoneField(),
    ],
  },
};

const familyPlanningSpecialAssistance: CatalogItemInput = {
  code: 'WJ-0003',
  name: '计划生育家庭特别扶助金申请',
  type: '行政给付',
  department: DEPARTMENT,
  implementingAgency: '县级卫生健康部门',
  legalBasis: [FAMILY_PLANNING_LAW, '《国家人口计生委 财政部关于印发〈全国独生子女伤残死亡家庭扶助制度试点方案〉的通知》（国人口发〔2007〕78号）'],
  conditions: ['1933年1月1日以后出生', '女方年满49周岁', '只生育一个子女或合法收养一个子女', '现无存活子女，或独生子女被依法鉴定为残疾（伤病残达到三级以上）'],
  materials: [
    {
      key: 'declarationForm',
      name: '计划生育家庭特别扶助对象申报表',
      form: 'original',
      count: 1,
      required: true,
    },
    idCardMaterial('本人及配偶'),
    householdRegisterMaterial(),
    {
      key: 'childDeathProof',
      name: '独生子女死亡证明',
      form: 'copy',
      count: 1,
      required: false,
      note: '独生子女死亡的提供',
    },
    {
      key: 'childDisabilityProof',
      name: '独生子女残疾人证或伤病残鉴定结论',
      form: 'copy',
      count: 1,
      required: false,
      note: '独生子女伤残的提供，须为三级以上',
    },
    {
      key: 'onlyChildProof',
      name: '独生子女父母光荣证或只生育一个子女的证明',
      form: 'copy',
      count: 1,
      required: false,
    },
    bankCardMaterial(),
  ],
  process: [
    '本人到村代办点提出申请，填写申报表',
    '村民委员会初审并公示',
    '乡镇人民政府（街道办事处）审核并公示',
    '县级卫生健康部门审批并公布',
    '特别扶助金按年直接发放到个人账户',
  ],
  promisedDays: 20,
  statutoryDays: 30,
  fee: NO_FEE,
  keywords: ['特扶', '特别扶助', '失独', '独生子女伤残', '独生子女死亡', '计生特扶'],
  form: {
    fields: [
      {
        key: 'assistanceType',
        label: '扶助类型',
        kind: 'select',
        required: true,
        options: ['独生子女死亡', '独生子女伤残'],
      },
      { key: 'spouseName', label: '配偶姓名', kind: 'text', required: true, maxLength: 20 },
      { key: 'spouseIdNumber', label: '配偶公民身份号码', kind: 'citizenId', required: true },
      { key: 'childName', label: '独生子女姓名', kind: 'text', required: true, maxLength: 20 },
      { key: 'childIdNumber', label: '独生子女公民身份号码', kind: 'citizenId' },
      { key: 'eventDate', label: '子女死亡或伤残鉴定日期', kind: 'date', required: true, notFuture: true },
      {
        key: 'childDisabilityLevel',
        label: '子女伤残等级',
        kind: 'select',
        options: ['一级', '二级', '三级'],
        help: '独生子女伤残的填写',
      },
      ...bankFields(),
      phoneField(),
    ],
  },
};

const seniorCard: CatalogItemInput = {
  code: 'WJ-0004',
  name: '老年人优待证办理',
  type: '公共服务',
  department: DEPARTMENT,
  implementingAgency: '县级老龄工作机构（县级卫生健康部门）',
  legalBasis: [
    '《中华人民共和国老年人权益保障法》第五章',
    '《全国老龄办 国家发展改革委等24部门关于进一步加强老年人优待工作的意见》（全国老龄办发〔2013〕97号）',
  ],
  conditions: ['年满60周岁的本县户籍老年人；常住本县的非本地户籍老年人按本地规定同等享受', '本人未持有有效的老年人优待证'],
  materials: [idCardMaterial(), householdRegisterMaterial(false, '居民身份证信息不全时提供'), photoMaterial(1, '近期一寸免冠彩色照片'), ...proxyMaterials()],
  process: [
    '老年人本人或家属到村代办点提出申请',
    '村代办员核验年龄和户籍，采集照片，受理并出具回执',
    '县级老龄工作机构审核并制证',
    '证件下发到领证地点，通知本人或家属领取',
  ],
  promisedDays: 10,
  statutoryDays: 15,
  fee: NO_FEE,
  keywords: ['老年证', '老人证', '老年人证', '老年优待证', '敬老卡', '老年卡', '乘车证'],
  form: {
    fields: [
      { key: 'applyType', label: '办理类型', kind: 'select', required: true, options: ['新办', '补办', '换证'], default: '新办' },
      {
        key: 'photoSource',
        label: '照片来源',
        kind: 'select',
        required: true,
        options: ['代办点现场拍照', '本人提供纸质照片'],
        default: '代办点现场拍照',
      },
      {
        key: 'deliveryMethod',
        label: '领证方式',
        kind: 'select',
        required: true,
        options: ['村代办点领取', '县级老龄工作机构领取', '邮寄到家'],
        default: '村代办点领取',
      },
      {
        key: 'mailingAddress',
        label: '邮寄地址',
        kind: 'address',
        relevant: "deliveryMethod == '邮寄到家'",
        requiredIf: "deliveryMethod == '邮寄到家'",
      },
      { key: 'emergencyContact', label: '紧急联系人', kind: 'text', maxLength: 20 },
      { ...phoneField('紧急联系人电话', 'emergencyPhone', false), requiredIf: '!empty(emergencyContact)' },
      phoneField(),
    ],
    rules: [
      {
        field: 'applyType',
        assert: 'applicant.age >= 60',
        message: '申请人今年{{applicant.age}}周岁，年满60周岁才能办理老年人优待证',
        basis: '《中华人民共和国老年人权益保障法》第二条',
      },
    ],
  },
};

export const HEALTH_ITEMS: CatalogItemInput[] = [birthRegistration, ruralFamilyPlanningReward, familyPlanningSpecialAssistance, seniorCard];
