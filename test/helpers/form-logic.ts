import type { ItemForm } from '../../core/catalog/model';
import { SEED_CATALOG } from '../../core/catalog/seed';

/** The seed's 最低生活保障申请 form, with its rules and the demo county's parameters. */
export const dibaoForm = (): ItemForm => SEED_CATALOG.items.find((i) => i.code === 'MZ-0001')!.form;

/**
 * The 低保 form of the issue that passed before the form logic: a household of five with one member row, a
 * monthly income of 300,000 yuan and savings of 9,000,000. Every field is well-formed on its own.
 */
export const DIBAO_BAD: Record<string, unknown> = {
  hardshipCause: '因病',
  applyReason: '丈夫患尿毒症长期透析，家中无稳定收入。',
  householdSize: 5,
  members: [{ name: '钟桂香', idNumber: '360781195603140020', relation: '本人', healthStatus: '患慢性病', monthlyIncome: 300 }],
  monthlyIncome: 300000,
  savings: 9000000,
  ownsVehicle: false,
  bankName: '江西瑞金农村商业银行',
  bankAccount: '6217 0000 1234 5678 901',
  phone: '13907971234',
};

/** The same household as it should be: two people, two rows, 450 yuan a head, 6,000 saved each. */
export const DIBAO_GOOD: Record<string, unknown> = {
  ...DIBAO_BAD,
  householdSize: 2,
  monthlyIncome: 900,
  savings: 12000,
  members: [
    { name: '钟桂香', idNumber: '360781195603140020', relation: '本人', healthStatus: '患慢性病', monthlyIncome: 300 },
    { name: '刘德福', idNumber: '360781195401010017', relation: '配偶', healthStatus: '残疾' },
  ],
};
