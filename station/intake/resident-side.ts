import type { StationParsedInput } from '../../core/api/schemas';
import type { ApplicationView } from '../../core/api/views';
import { shanghaiDate } from '../../core/calendar';
import { DaibanError } from '../../core/errors';
import { applicantFacts } from '../../core/forms/logic';
import { validateForm, validateMaterials } from '../../core/forms/validate';
import { loadResident } from '../residents/handlers';
import { transition } from '../../core/lifecycle';
import type { ApplicationCompleted, ApplicationSupplemented } from '../../core/sync/messages';
import { latestDecision, listAttachments, loadMaterials, replaceMaterials, updateApplication, type ApplicationRow, type DecisionRow } from '../../db';
import { resumedDueDate } from '../../core/due-date';
import { answerItems, askedKey, diffVersions, type SupplementResponse } from '../../core/supplement-diff';
import type { ReceivedMaterials } from '../../core/catalog/model';
import { recordChange } from '../runtime/record-change';
import type { StationContext } from '../context';
import { loadApplication, toApplicationView } from './applications';
import { INTAKE_ROLES, requireUser } from '../runtime/guard';

/**
 * The resident's supplement (补正), recorded by the cadre: the corrected form and materials are checked like a
 * submission, and the whole application (every scan, old and new) goes back to review as
 * `application.supplemented`; new scans ride the agent's blob upload before the message does.
 */
export function supplement(ctx: StationContext, input: StationParsedInput<'applications.supplement'>): ApplicationView {
  const user = requireUser(ctx, INTAKE_ROLES);
  const before = loadApplication(ctx, input.id);
  const status = transition(before.status, 'supplement');
  const item = ctx.catalog.item(before.itemCode, before.catalogVersion);
  const at = ctx.clock.now().toISOString();
  const keys = new Set(item.materials.map((m) => m.key));
  const materials = Object.fromEntries(Object.entries(input.materials).filter(([k]) => keys.has(k)));
  const today = shanghaiDate(at);
  const form = validateForm(item.form, input.form, { today, applicant: applicantFacts(loadResident(ctx, before.residentId), today) });
  const received = validateMaterials(item.materials, materials);
  if (!form.ok || !received.ok) {
    const fields = { ...(form.ok ? {} : form.fields), ...(received.ok ? {} : received.fields) };
    throw new DaibanError(form.ok ? 'MATERIALS_MISSING' : 'FORM_INVALID', `还有${Object.keys(fields).length}处需要补充或更正，请查看标红的项目。`, { fields });
  }
  const request = latestDecision(ctx.db, before.id);
  const responses = answerRequest(ctx, before, request, { form: form.value, materials }, input.unavailable ?? []);
  // 补正期间不计入承诺时限: the days since the township asked are given back.
  const dueDate =
    before.dueDate && request?.decision === 'request_supplement'
      ? resumedDueDate(ctx.calendar, { dueDate: before.dueDate, requestedOn: shanghaiDate(request.decidedAt), supplementedOn: today })
      : before.dueDate;
  const after: ApplicationRow = { ...before, status, form: form.value, dueDate, updatedAt: at };
  const note = input.note || null;
  ctx.db.transaction(() => {
    updateApplication(ctx.db, after);
    replaceMaterials(ctx.db, after.id, materials);
    const body: ApplicationSupplemented = {
      applicationId: after.id,
      form: form.value,
      materials: loadMaterials(ctx.db, after.id),
      attachments: listAttachments(ctx.db, after.id).map((a) => ({ sha256: a.sha256, fileName: a.fileName, mimeType: a.mimeType, size: a.size })),
      note,
      supplementedAt: at,
      cadre: { id: user.id, name: user.displayName },
      ...(dueDate ? { dueDate } : {}),
      ...(responses ? { responses } : {}),
    };
    recordChange(ctx, {
      at,
      actorId: user.id,
      event: { applicationId: after.id, type: 'supplement', fromStatus: before.status, toStatus: status, note },
      outbox: { kind: 'application.supplemented', body },
      audit: { action: 'application_supplemented', entityType: 'application', entityId: after.id, detail: { receiptNo: after.receiptNo } },
    });
  })();
  return toApplicationView(ctx, after);
}

/**
 * Every item the township asked for must be answered: its field changed, its material ticked or a page
 * scanned since the request, or marked as what the resident cannot provide, with the reason. Otherwise the
 * supplement is refused with each unanswered item marked on the form (so the loop does not come back empty).
 */
function answerRequest(
  ctx: StationContext,
  before: ApplicationRow,
  request: DecisionRow | null,
  after: { form: Record<string, unknown>; materials: ReceivedMaterials },
  unavailable: { kind: 'material' | 'field'; key: string; note: string }[],
): SupplementResponse[] | null {
  const items = request?.decision === 'request_supplement' ? (request.supplement?.items ?? []) : [];
  if (items.length === 0) return null;
  const attachments = listAttachments(ctx.db, before.id);
  const diff = diffVersions(
    { form: before.form, materials: loadMaterials(ctx.db, before.id), attachments: attachments.filter((a) => a.createdAt <= request!.recordedAt) },
    { form: after.form, materials: after.materials, attachments },
  );
  const { responses, unanswered } = answerItems(items, diff, Object.fromEntries(unavailable.map((u) => [askedKey(u), u.note])));
  if (unanswered.length > 0) {
    const fields = Object.fromEntries(
      unanswered.map((i) => [
        i.kind === 'material' ? `materials.${i.key}` : i.key,
        `乡镇要求补正这一项（${i.problem}），请更正或补交；居民无法提供的请注明原因`,
      ]),
    );
    throw new DaibanError(
      'FORM_INVALID',
      `乡镇要求补正的${unanswered.map((i) => `“${i.label}”`).join('、')}还没有补正，请更正、补交，或注明居民无法提供的原因。`,
      {
        fields,
      },
    );
  }
  return responses;
}

/** The resident has been told the result (and given the notice): the application is closed. */
export function complete(ctx: StationContext, input: StationParsedInput<'applications.complete'>): ApplicationView {
  const user = requireUser(ctx, INTAKE_ROLES);
  const before = loadApplication(ctx, input.id);
  const status = transition(before.status, 'complete');
  const at = ctx.clock.now().toISOString();
  const after: ApplicationRow = { ...before, status, updatedAt: at };
  const body: ApplicationCompleted = { applicationId: after.id, completedAt: at, by: { id: user.id, name: user.displayName } };
  ctx.db.transaction(() => {
    updateApplication(ctx.db, after);
    recordChange(ctx, {
      at,
      actorId: user.id,
      event: { applicationId: after.id, type: 'complete', fromStatus: before.status, toStatus: status },
      outbox: { kind: 'application.completed', body },
      audit: { action: 'application_completed', entityType: 'application', entityId: after.id, detail: { receiptNo: after.receiptNo } },
    });
  })();
  return toApplicationView(ctx, after);
}
