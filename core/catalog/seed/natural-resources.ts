import type { CatalogItemInput } from '../model';
import { householdRegisterMaterial, idCardMaterial, phoneField, RELATIONS } from './common';

/** 自然资源部门: first registration of a rural homestead and house (房地一体不动产登记). */

const homesteadFirstRegistration: CatalogItemInput = {
  code: 'ZR-0001',
  name: '宅基地使用权及房屋所有权首次登记',
  type: '行政确认',
  department: '自然资源部门',
  implementingAgency: '县级不动产登记机构',
  legalBasis: ['《中华人民共和国民法典》第二百零九条、第二百一十条', '《不动产登记暂行条例》第二十条', '《不动产登记暂行条例实施细则》（国土资源部令第63号）'],
  conditions: ['宅基地经依法批准取得，房屋已建成', '权属来源合法，界址清楚、面积准确、无权属争议', '以户为单位申请，权利人为本集体经济组织成员'],
  materials: [
    { key: 'application', name: '不动产登记申请书', form: 'original', count: 1, required: true },
    idCardMaterial('权利人及共有人'),
    householdRegisterMaterial(),
    {
      key: 'homesteadApproval',
      name: '宅基地批准书或其他权属来源证明',
      form: 'copy',
      count: 1,
      required: true,
    },
    {
      key: 'surveyReport',
      name: '不动产权籍调查成果（宗地图、房屋平面图）',
      form: 'original',
      count: 1,
      required: true,
    },
    {
      key: 'completionProof',
      name: '房屋竣工验收或符合规划建设的证明',
      form: 'copy',
      count: 1,
      required: false,
    },
    {
      key: 'noDisputeProof',
      name: '村民委员会出具的权属无争议证明',
      form: 'original',
      count: 1,
      required: false,
      note: '权属来源材料不全的提供',
    },
  ],
  process: [
    '权利人到村代办点申请，代办员收件并出具回执，材料送交县级不动产登记机构',
    '县级不动产登记机构受理、查验材料，必要时实地查看',
    '首次登记按规定公告，公告期不少于15个工作日（不计入办理时限）',
    '公告无异议的记载于不动产登记簿',
    '缮证并颁发不动产权证书，可在村代办点领取',
  ],
  promisedDays: 10,
  statutoryDays: 30,
  // 财税〔2016〕79号: 宅基地使用权及房屋所有权登记 pays only the certificate's 工本费.
  fee: '免收不动产登记费，仅收取不动产权属证书工本费每本10元',
  keywords: ['房产证', '不动产证', '不动产登记', '宅基地确权', '房地一体', '确权登记', '土地证'],
  form: {
    fields: [
      { key: 'parcelLocation', label: '不动产坐落', kind: 'address', required: true },
      {
        key: 'parcelArea',
        label: '宗地面积',
        kind: 'number',
        required: true,
        min: 1,
        max: 5000,
        unit: '平方米',
      },
      {
        key: 'buildingArea',
        label: '房屋建筑面积',
        kind: 'number',
        required: true,
        min: 1,
        max: 5000,
        unit: '平方米',
      },
      { key: 'completionYear', label: '房屋建成年份', kind: 'number', integer: true, min: 1900, max: 2100 },
      { key: 'approvalNo', label: '宅基地批准书编号', kind: 'text', maxLength: 40 },
      {
        key: 'shareType',
        label: '共有方式',
        kind: 'select',
        required: true,
        options: ['单独所有', '共同共有', '按份共有'],
      },
      {
        key: 'coOwners',
        label: '共有人',
        kind: 'members',
        maxRows: 10,
        help: '共有的填写除申请人外的全部共有人',
        columns: [
          { key: 'name', label: '姓名', kind: 'text', required: true, maxLength: 20 },
          { key: 'idNumber', label: '公民身份号码', kind: 'citizenId', required: true },
          { key: 'relation', label: '与申请人关系', kind: 'select', required: true, options: RELATIONS.slice(1) },
          { key: 'sharePercent', label: '份额（%）', kind: 'number', min: 0, max: 100 },
        ],
      },
      phoneField(),
    ],
  },
};

export const NATURAL_RESOURCES_ITEMS: CatalogItemInput[] = [homesteadFirstRegistration];
