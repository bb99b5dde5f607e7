import type { CatalogItemInput } from '../model';
import { householdRegisterMaterial, idCardMaterial, phoneField, photoMaterial } from './common';

/** 公安机关: items the village point collects and forwards to the local police station (派出所). */

const DEPARTMENT = '公安机关';

const idCardRenewal: CatalogItemInput = {
  code: 'GA-0001',
  name: '居民身份证换领',
  type: '公共服务',
  department: DEPARTMENT,
  implementingAgency: '县级公安机关（户籍所在地公安派出所）',
  legalBasis: ['《中华人民共和国居民身份证法》第八条、第十一条'],
  conditions: [
    '居民身份证有效期满或即将期满（期满前3个月内）',
    '姓名等登记项目变更、登记项目错误或证件严重损坏不能辨认',
    '本人须采集人像和指纹；老、弱、病、残等行动不便的可申请派出所上门服务',
  ],
  materials: [
    {
      key: 'oldIdCard',
      name: '原居民身份证',
      form: 'original',
      count: 1,
      required: true,
      note: '领取新证时交回原证',
    },
    householdRegisterMaterial(true, '原件核验后退还'),
    {
      key: 'changeProof',
      name: '登记项目变更的证明材料',
      form: 'copy',
      count: 1,
      required: false,
      note: '因姓名等登记项目变更换领的提供',
    },
  ],
  process: [
    '申请人到村代办点提出换领申请，代办员核对户籍信息，受理并预约派出所办理',
    '申请人到派出所或由派出所上门采集人像、指纹，填写《居民身份证申领登记表》',
    '县级公安机关审核签发，制作证件',
    '证件下发到领证地点，通知本人领取并交回原证',
  ],
  promisedDays: 20,
  // The law allows 60 calendar days (《居民身份证法》); counted here as about 40 working days.
  statutoryDays: 40,
  fee: '工本费每证20元；城市最低生活保障对象和农村有特殊生活困难的居民换领时免收',
  keywords: ['身份证', '换身份证', '身份证到期', '身份证过期', '二代证', '换证', '代办身份证'],
  form: {
    fields: [
      {
        key: 'reason',
        label: '换领原因',
        kind: 'select',
        required: true,
        options: ['有效期满', '证件严重损坏', '登记项目变更', '登记项目错误'],
      },
      { key: 'oldExpiryDate', label: '原证有效期截止日期', kind: 'date' },
      {
        key: 'needsHomeService',
        label: '是否需要上门采集',
        kind: 'boolean',
        required: true,
        help: '老、弱、病、残等行动不便人员可申请',
      },
      {
        key: 'deliveryMethod',
        label: '领证方式',
        kind: 'select',
        required: true,
        options: ['村代办点领取', '派出所领取', '邮寄到家'],
      },
      { key: 'mailingAddress', label: '邮寄地址', kind: 'address', help: '选择邮寄到家的填写' },
      phoneField(),
    ],
  },
};

const residencePermit: CatalogItemInput = {
  code: 'GA-0002',
  name: '居住证申领',
  type: '公共服务',
  department: DEPARTMENT,
  implementingAgency: '县级公安机关（居住地公安派出所）',
  legalBasis: ['《居住证暂行条例》（国务院令第663号）第二条、第九条、第十条'],
  conditions: ['离开常住户口所在地，到本县居住半年以上', '符合有合法稳定就业、合法稳定住所、连续就读条件之一', '已在居住地办理居住登记'],
  materials: [
    idCardMaterial(),
    photoMaterial(1, '近期白底免冠彩色证件照片', false),
    {
      key: 'residenceProof',
      name: '居住地住址证明',
      form: 'copy',
      count: 1,
      required: true,
      note: '房屋租赁合同、房屋产权证明或单位宿舍证明等',
    },
    {
      key: 'employmentOrStudyProof',
      name: '就业或就读证明',
      form: 'copy',
      count: 1,
      required: false,
      note: '劳动合同、营业执照或学校就读证明，以就业、就读为申领条件的提供',
    },
  ],
  process: [
    '申请人到居住地村代办点（受公安机关委托的社区服务机构）提出申请，代办员核对材料并出具回执',
    '材料报送居住地公安派出所审核',
    '公安派出所制作居住证',
    '证件下发到村代办点，通知本人领取',
  ],
  promisedDays: 7,
  // 《居住证暂行条例》第十条: 15 calendar days, about 10 working days.
  statutoryDays: 10,
  fee: '首次申领免收工本费；换领、补领按规定缴纳工本费',
  keywords: ['居住证', '居住登记', '流动人口', '暂住证', '外来人口'],
  form: {
    fields: [
      { key: 'applyType', label: '申领类型', kind: 'select', required: true, options: ['首次申领', '换领', '补领'] },
      { key: 'householdRegAddress', label: '户籍地址', kind: 'address', required: true },
      { key: 'residenceAddress', label: '居住地住址', kind: 'address', required: true },
      { key: 'residenceStartDate', label: '来本地居住日期', kind: 'date', required: true, notFuture: true },
      {
        key: 'residenceType',
        label: '住所类型',
        kind: 'select',
        required: true,
        options: ['租赁房屋', '自有房屋', '单位宿舍', '借住亲友住房', '其他'],
      },
      {
        key: 'qualifyingCondition',
        label: '申领条件',
        kind: 'select',
        required: true,
        options: ['合法稳定就业', '合法稳定住所', '连续就读'],
      },
      { key: 'employerOrSchool', label: '就业单位或就读学校', kind: 'text', maxLength: 60 },
      phoneField(),
    ],
  },
};

export const PUBLIC_SECURITY_ITEMS: CatalogItemInput[] = [idCardRenewal, residencePermit];
