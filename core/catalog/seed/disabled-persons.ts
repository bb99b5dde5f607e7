import type { CatalogItemInput } from '../model';
import {
  DISABILITY_CATEGORIES,
  disabilityCertMaterial,
  guardianFields,
  householdRegisterMaterial,
  idCardMaterial,
  NO_FEE,
  phoneField,
  photoMaterial,
} from './common';

/** 残疾人联合会: the disability certificate and rehabilitation assistance for disabled children. */

const DEPARTMENT = '残疾人联合会';
const COUNTY = '县级残疾人联合会';

const disabilityCertificate: CatalogItemInput = {
  code: 'CL-0001',
  name: '残疾人证办理（新办）',
  type: '行政确认',
  department: DEPARTMENT,
  implementingAgency: COUNTY,
  legalBasis: ['《中华人民共和国残疾人保障法》第二条', '《中华人民共和国残疾人证管理办法》（中国残联）', '《残疾人残疾分类和分级》（GB/T 26341—2010）'],
  conditions: [
    '符合《残疾人残疾分类和分级》国家标准的视力、听力、言语、肢体、智力、精神及多重残疾人',
    '在户籍所在地申请，本人尚未持有残疾人证',
    '未满16周岁或无民事行为能力、限制民事行为能力的，由法定监护人代为申请',
  ],
  materials: [
    { key: 'application', name: '残疾人证申请表', form: 'original', count: 1, required: true },
    idCardMaterial('未满16周岁的可提供户口簿'),
    householdRegisterMaterial(),
    photoMaterial(3, '近期二寸白底免冠彩色照片'),
    {
      key: 'medicalRecords',
      name: '相关病历、诊断证明或检查报告',
      form: 'copy',
      count: 1,
      required: false,
      note: '有则提供，便于评定医生参考',
    },
    {
      key: 'guardianIdCard',
      name: '法定监护人居民身份证',
      form: 'original_and_copy',
      count: 1,
      required: false,
      note: '由监护人代为申请的提供',
    },
  ],
  process: [
    '申请人或监护人到村代办点提出申请，代办员受理并出具回执，材料报送县级残联',
    '县级残联审核申请材料，开具残疾评定通知，申请人到指定医疗机构进行残疾评定（行动不便的可申请上门评定）',
    '评定医疗机构出具残疾评定结论',
    '县级残联审核评定结论，符合标准的核发第二代残疾人证；不符合的书面告知',
    '证件下发到村代办点或县级残联，通知申请人领取',
  ],
  promisedDays: 15,
  statutoryDays: 20,
  fee: NO_FEE,
  keywords: ['残疾证', '残疾人证', '办残疾证', '评残', '残疾评定', '新办残疾证'],
  form: {
    fields: [
      {
        key: 'disabilityCategory',
        label: '申请评定残疾类别',
        kind: 'select',
        required: true,
        options: DISABILITY_CATEGORIES,
      },
      {
        key: 'causeOfDisability',
        label: '致残原因',
        kind: 'select',
        required: true,
        options: ['先天或发育障碍', '疾病', '意外伤害', '工伤', '交通事故', '其他'],
      },
      { key: 'onsetDate', label: '致残（发病）时间', kind: 'date', notFuture: true },
      {
        key: 'needsHomeAssessment',
        label: '是否需要上门评定',
        kind: 'boolean',
        required: true,
        help: '行动不便、无法到指定医疗机构评定的选“是”',
      },
      { key: 'symptoms', label: '主要症状及就医情况', kind: 'textarea', maxLength: 300 },
      ...guardianFields(false),
      phoneField(),
    ],
  },
};

const childRehabilitation: CatalogItemInput = {
  code: 'CL-0002',
  name: '残疾儿童康复救助申请',
  type: '行政给付',
  department: DEPARTMENT,
  implementingAgency: COUNTY,
  legalBasis: ['《国务院关于建立残疾儿童康复救助制度的意见》（国发〔2018〕20号）', '《中华人民共和国残疾人保障法》'],
  conditions: [
    '0至6岁视力、听力、言语、肢体、智力等残疾儿童和孤独症儿童（有条件的地方按本省规定扩大年龄和对象范围）',
    '经医疗机构诊断或评估需要康复',
    '具有本县户籍，或持有本县居住证',
  ],
  materials: [
    { key: 'application', name: '残疾儿童康复救助申请审批表', form: 'original', count: 1, required: true },
    householdRegisterMaterial(true, '复印户主页和儿童本人页'),
    {
      key: 'guardianIdCard',
      name: '监护人居民身份证',
      form: 'original_and_copy',
      count: 1,
      required: true,
    },
    {
      key: 'diagnosisCertificate',
      name: '县级及以上医疗机构出具的诊断证明或评估报告',
      form: 'copy',
      count: 1,
      required: true,
    },
    disabilityCertMaterial(false, '已办理残疾人证的提供'),
    {
      key: 'difficultyProof',
      name: '低保、特困等困难家庭证明',
      form: 'copy',
      count: 1,
      required: false,
      note: '困难家庭优先救助，部门间可共享的免交',
    },
  ],
  process: [
    '监护人到村代办点提出申请，代办员受理并出具回执，材料报送县级残联',
    '县级残联审核，确定救助对象和康复服务项目',
    '监护人选择定点康复机构，儿童接受康复服务',
    '救助费用由县级残联与定点康复机构按规定直接结算',
  ],
  promisedDays: 10,
  statutoryDays: 15,
  fee: NO_FEE,
  keywords: ['残疾儿童', '康复救助', '儿童康复', '孤独症', '自闭症', '抢救性康复', '人工耳蜗'],
  form: {
    fields: [
      {
        key: 'childDisabilityType',
        label: '残疾类型',
        kind: 'select',
        required: true,
        options: ['视力残疾', '听力残疾', '言语残疾', '肢体残疾', '智力残疾', '孤独症'],
      },
      { key: 'diagnosisHospital', label: '诊断医疗机构', kind: 'text', required: true, maxLength: 60 },
      { key: 'diagnosisDate', label: '诊断日期', kind: 'date', required: true, notFuture: true },
      {
        key: 'rehabService',
        label: '申请康复服务项目',
        kind: 'select',
        required: true,
        options: ['康复手术', '辅助器具适配', '康复训练', '其他'],
      },
      { key: 'institution', label: '拟选择的定点康复机构', kind: 'text', maxLength: 60 },
      {
        key: 'familyStatus',
        label: '家庭经济状况',
        kind: 'select',
        required: true,
        options: ['最低生活保障家庭', '特困供养', '低保边缘家庭', '其他家庭'],
      },
      ...guardianFields(true, ['父母', '祖父母', '外祖父母', '其他监护人']),
    ],
  },
};

export const DISABLED_PERSONS_ITEMS: CatalogItemInput[] = [disabilityCertificate, childRehabilitation];
