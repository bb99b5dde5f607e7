import type { CatalogItemInput } from '../model';
import {
  bankCardMaterial,
  bankFields,
  checkAuthorizationMaterial,
  householdMembersField,
  householdRegisterMaterial,
  idCardMaterial,
  NO_FEE,
  phoneField,
} from './common';

/** 住房城乡建设部门: rural dilapidated-house renovation and housing assistance (公共租赁住房). */

const DEPARTMENT = '住房城乡建设部门';

const dilapidatedHouseRenovation: CatalogItemInput = {
  code: 'ZJ-0001',
  name: '农村危房改造申请',
  type: '行政给付',
  department: DEPARTMENT,
  implementingAgency: '县级住房城乡建设部门',
  legalBasis: [
    '《住房和城乡建设部 财政部 民政部 国家乡村振兴局关于做好农村低收入群体等重点对象住房安全保障工作的实施意见》（建村〔2021〕35号）',
  ],
  conditions: [
    '属于农村低保户、农村分散供养特困人员、低保边缘家庭、未享受过农村住房保障政策且依靠自身力量无法解决住房安全问题的脱贫户，或因病因灾因意外事故等导致基本生活出现严重困难的家庭',
    '现住房经鉴定为C级或D级危房，或为无房户',
    '改造后住房须达到安全要求并由农户自住',
  ],
  materials: [
    { key: 'application', name: '农村危房改造申请表', form: 'original', count: 1, required: true },
    idCardMaterial('户主本人'),
    householdRegisterMaterial(),
    {
      key: 'identityProof',
      name: '低保、特困、低保边缘等身份证明',
      form: 'copy',
      count: 1,
      required: false,
      note: '部门间可共享的免交',
    },
    {
      key: 'housingProof',
      name: '住房产权或宅基地使用证明',
      form: 'copy',
      count: 1,
      required: false,
    },
    {
      key: 'housePhotos',
      name: '现住房照片',
      form: 'original',
      count: 1,
      required: true,
      note: '含房屋正面、侧面和主要危险部位，可由代办员现场拍摄',
    },
    checkAuthorizationMaterial(),
    bankCardMaterial(true, '户主'),
  ],
  process: [
    '农户向村民委员会提出申请，村代办员受理并出具回执',
    '村民委员会组织评议，并在村务公开栏公示',
    '乡镇人民政府审核，组织开展房屋安全性鉴定',
    '县级住房城乡建设部门会同民政等部门审批，公示补助对象',
    '签订改造协议，农户实施改造；竣工验收合格后拨付补助资金',
  ],
  promisedDays: 20,
  statutoryDays: 30,
  fee: NO_FEE,
  keywords: ['危房改造', '危改', '危房', '房屋鉴定', 'C级危房', 'D级危房', '住房安全'],
  form: {
    fields: [
      {
        key: 'identityCategory',
        label: '保障对象类别',
        kind: 'select',
        required: true,
        options: ['农村低保户', '农村分散供养特困人员', '低保边缘家庭', '防止返贫监测对象', '其他农村低收入群体'],
      },
      {
        key: 'houseStructure',
        label: '现住房结构',
        kind: 'select',
        required: true,
        options: ['土木结构', '砖木结构', '砖混结构', '石木结构', '其他'],
      },
      { key: 'builtYear', label: '建造年份', kind: 'number', integer: true, min: 1900, max: 2100 },
      {
        key: 'houseArea',
        label: '现住房建筑面积',
        kind: 'number',
        required: true,
        min: 0,
        max: 2000,
        unit: '平方米',
      },
      {
        key: 'dangerDescription',
        label: '房屋危险情况描述',
        kind: 'textarea',
        required: true,
        maxLength: 500,
        help: '如墙体开裂、屋面漏雨、梁柱腐朽等',
      },
      {
        key: 'renovationMethod',
        label: '拟改造方式',
        kind: 'select',
        required: true,
        options: ['加固改造', '拆除重建', '统建农房', '置换或租赁', '其他'],
      },
      householdMembersField(),
      ...bankFields(),
      phoneField(),
    ],
  },
};

const publicRentalHousing: CatalogItemInput = {
  code: 'ZJ-0002',
  name: '公共租赁住房保障申请',
  type: '行政给付',
  department: DEPARTMENT,
  implementingAgency: '县级住房保障主管部门',
  legalBasis: [
    '《社会救助暂行办法》（国务院令第649号）第七章',
    '《公共租赁住房管理办法》（住房和城乡建设部令第11号）',
  ],
  conditions: [
    '以家庭为单位申请，申请人年满18周岁',
    '在本县无住房或者住房面积低于规定标准',
    '家庭收入、财产低于规定标准；最低生活保障家庭、特困人员等住房困难家庭优先',
    '外来务工人员在本县稳定就业达到规定年限',
  ],
  materials: [
    { key: 'application', name: '公共租赁住房申请表', form: 'original', count: 1, required: true },
    idCardMaterial('申请人及共同申请的家庭成员'),
    householdRegisterMaterial(),
    checkAuthorizationMaterial(),
    {
      key: 'housingStatement',
      name: '家庭住房情况申报表',
      form: 'original',
      count: 1,
      required: true,
    },
    {
      key: 'marriageProof',
      name: '结婚证或离婚证',
      form: 'copy',
      count: 1,
      required: false,
      note: '已婚或离异的提供',
    },
    {
      key: 'employmentProof',
      name: '劳动合同或就业证明',
      form: 'copy',
      count: 1,
      required: false,
      note: '外来务工人员提供',
    },
  ],
  process: [
    '申请人向户籍所在地或工作所在地乡镇人民政府（街道办事处）提出申请，村代办员代为受理',
    '乡镇人民政府（街道办事处）初审，并在村（居）务公开栏公示',
    '县级住房保障主管部门会同民政等部门审核家庭收入、财产和住房状况',
    '审核结果公示无异议的，登记为轮候对象',
    '按轮候顺序实物配租，或发放租赁补贴',
  ],
  promisedDays: 20,
  statutoryDays: 30,
  fee: NO_FEE,
  keywords: ['公租房', '廉租房', '住房救助', '租房补贴', '保障房', '住房困难'],
  form: {
    fields: [
      {
        key: 'guaranteeMethod',
        label: '申请保障方式',
        kind: 'select',
        required: true,
        options: ['实物配租', '租赁补贴'],
      },
      {
        key: 'housingStatus',
        label: '现住房情况',
        kind: 'select',
        required: true,
        options: ['无自有住房', '自有住房人均面积低于标准', '借住亲友住房', '租住私房'],
      },
      { key: 'currentArea', label: '现住房面积', kind: 'number', min: 0, max: 2000, unit: '平方米' },
      {
        key: 'identityCategory',
        label: '申请人身份类别',
        kind: 'select',
        required: true,
        options: ['最低生活保障家庭', '特困人员', '低收入家庭', '外来务工人员', '新就业无房职工', '其他'],
      },
      { key: 'monthlyIncome', label: '家庭月总收入', kind: 'money', required: true, min: 0 },
      householdMembersField('共同申请的家庭成员（含申请人）'),
      phoneField(),
    ],
  },
};

export const HOUSING_ITEMS: CatalogItemInput[] = [dilapidatedHouseRenovation, publicRentalHousing];
