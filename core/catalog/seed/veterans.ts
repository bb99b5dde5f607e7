import type { CatalogItemInput } from '../model';
import { bankCardMaterial, bankFields, householdRegisterMaterial, idCardMaterial, NO_FEE, phoneField, photoMaterial, proxyMaterials } from './common';

/** 退役军人事务部门: pensions and subsidies for entitled groups (优抚对象), the veterans' preferential card. */

const DEPARTMENT = '退役军人事务部门';
const COUNTY = '县级退役军人事务部门';

const serviceCertMaterial = {
  key: 'serviceCert',
  name: '退伍证、复员证、转业证或其他服役证明',
  form: 'original_and_copy',
  count: 1,
  required: true,
  note: '遗属申请的提供烈士证明书或军人牺牲、病故证明',
} as const;

const entitledGroupSubsidy: CatalogItemInput = {
  code: 'TY-0001',
  name: '优抚对象抚恤补助申请',
  type: '行政给付',
  department: DEPARTMENT,
  implementingAgency: COUNTY,
  legalBasis: ['《中华人民共和国退役军人保障法》', '《军人抚恤优待条例》'],
  conditions: [
    '属于烈士遗属、因公牺牲军人遗属、病故军人遗属、在乡复员军人、带病回乡退伍军人、参战参试退役人员等优抚对象',
    '户籍在本县，身份经退役军人事务部门审核认定',
    '未因违法犯罪等情形被取消或中止抚恤补助资格',
  ],
  materials: [
    { key: 'application', name: '优抚对象抚恤补助申请表', form: 'original', count: 1, required: true },
    idCardMaterial(),
    householdRegisterMaterial(),
    { ...serviceCertMaterial },
    {
      key: 'combatProof',
      name: '参战或参加核试验的证明材料',
      form: 'copy',
      count: 1,
      required: false,
      note: '参战参试退役人员提供，以档案记载为准',
    },
    bankCardMaterial(),
    ...proxyMaterials(),
  ],
  process: [
    '本人或遗属到村退役军人服务站（村代办点）提出申请，代办员受理并出具回执',
    '乡镇退役军人服务站调查核实并审核',
    '县级退役军人事务部门查阅档案、认定身份并审批',
    '自批准次月起按月或按季度发放定期抚恤金或生活补助',
  ],
  promisedDays: 20,
  statutoryDays: 30,
  fee: NO_FEE,
  keywords: ['优抚', '抚恤', '抚恤金', '定补', '定期生活补助', '复员军人', '带病回乡', '参战补助', '烈属'],
  form: {
    fields: [
      {
        key: 'category',
        label: '优抚对象类别',
        kind: 'select',
        required: true,
        options: ['烈士遗属', '因公牺牲军人遗属', '病故军人遗属', '在乡复员军人', '带病回乡退伍军人', '参战退役人员', '参试退役人员', '其他'],
      },
      { key: 'servicemanName', label: '军人（烈士）姓名', kind: 'text', maxLength: 20, help: '遗属申请的填写' },
      {
        key: 'relationToServiceman',
        label: '申请人与军人关系',
        kind: 'select',
        required: true,
        options: ['本人', '配偶', '父母', '子女', '兄弟姐妹'],
      },
      { key: 'enlistmentDate', label: '入伍时间', kind: 'date', required: true, notFuture: true },
      { key: 'dischargeDate', label: '退伍（复员）时间', kind: 'date', notFuture: true },
      { key: 'militaryUnit', label: '原服役部队', kind: 'text', maxLength: 60 },
      { key: 'serviceCertNo', label: '退伍（复员）证号', kind: 'text', maxLength: 40 },
      ...bankFields(),
      phoneField(),
    ],
  },
};

const veteranPreferentialCard: CatalogItemInput = {
  code: 'TY-0002',
  name: '退役军人优待证申领',
  type: '公共服务',
  department: DEPARTMENT,
  implementingAgency: COUNTY,
  legalBasis: ['《中华人民共和国退役军人保障法》', '《退役军人、其他优抚对象优待证管理办法（试行）》'],
  conditions: ['退役军人、烈士遗属、因公牺牲军人遗属、病故军人遗属', '户籍在本县，已完成退役军人信息采集', '正在服刑等按规定暂不发放的情形除外'],
  materials: [
    idCardMaterial(),
    { ...serviceCertMaterial },
    householdRegisterMaterial(false, '居民身份证信息不全时提供'),
    photoMaterial(1, '近期白底免冠彩色证件照片', false),
  ],
  process: [
    '申请人到村退役军人服务站（村代办点）提出申请，代办员核验身份并出具回执',
    '乡镇退役军人服务站审核',
    '县级退役军人事务部门审核后报送制证',
    '证件下发，通知申请人领取并按合作银行要求激活金融功能',
  ],
  promisedDays: 20,
  statutoryDays: 30,
  fee: NO_FEE,
  keywords: ['优待证', '退役军人优待证', '军人优待证', '退伍军人', '老兵'],
  form: {
    fields: [
      {
        key: 'applicantCategory',
        label: '申领人类别',
        kind: 'select',
        required: true,
        options: ['退役军人', '烈士遗属', '因公牺牲军人遗属', '病故军人遗属'],
      },
      { key: 'applyType', label: '申领类型', kind: 'select', required: true, options: ['首次申领', '补领', '换领'] },
      { key: 'serviceCertNo', label: '退役证件编号', kind: 'text', maxLength: 40 },
      {
        key: 'cooperativeBank',
        label: '选择合作银行',
        kind: 'select',
        required: true,
        options: ['中国建设银行', '中国工商银行', '中国农业银行', '中国银行', '中国邮政储蓄银行', '其他合作银行'],
      },
      {
        key: 'deliveryMethod',
        label: '领证方式',
        kind: 'select',
        required: true,
        options: ['村退役军人服务站领取', '乡镇退役军人服务站领取', '邮寄到家'],
      },
      phoneField(),
    ],
  },
};

export const VETERANS_ITEMS: CatalogItemInput[] = [entitledGroupSubsidy, veteranPreferentialCard];
