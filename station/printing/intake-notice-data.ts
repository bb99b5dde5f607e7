import { maskCitizenId } from '../../core/citizen-id';
import { MATERIAL_FORM_LABEL } from '../../core/catalog/model';
import { DaibanError } from '../../core/errors';
import { loadMaterials } from '../../db';
import type { StationContext } from '../context';
import { loadApplication } from '../intake/applications';
import { loadResident } from '../residents/handlers';
import type { IntakeNoticeData } from './documents/intake-notice';

/**
 * The 一次性告知单 of a draft: the required materials not ticked as received (in the count asked). Only a
 * draft has one; once everything is there there is nothing to tell, and the cadre is told so in Chinese.
 */
export function intakeNoticeData(ctx: StationContext, applicationId: string, cadreName: string): IntakeNoticeData {
  const a = loadApplication(ctx, applicationId);
  if (a.status !== 'draft') throw new DaibanError('ILLEGAL_TRANSITION', '这件申请已经提交，不需要再打印一次性告知单。', { applicationId });
  const item = ctx.catalog.item(a.itemCode, a.catalogVersion);
  const received = loadMaterials(ctx.db, a.id);
  const missing = item.materials
    .filter((m) => m.required && !(received[m.key]?.received && received[m.key]!.count >= m.count))
    .map((m) => ({ name: m.name, form: MATERIAL_FORM_LABEL[m.form], count: m.count, ...(m.note ? { note: m.note } : {}) }));
  if (missing.length === 0) throw new DaibanError('NOT_FOUND', '必需的材料都已收齐，不需要打印一次性告知单。', { applicationId });
  const resident = loadResident(ctx, a.residentId);
  const point = ctx.servicePoint();
  return {
    applicationId: a.id,
    servicePoint: { name: point.name, divisionCode: point.divisionCode },
    item: { name: item.name, department: item.department, conditions: item.conditions },
    applicant: { name: resident.name, idNumberMasked: maskCitizenId(resident.idNumber) },
    missing,
    cadre: { name: cadreName },
    issuedAt: ctx.clock.now().toISOString(),
  };
}
