import { useCallback, useMemo, useRef, useState } from 'react';
import { App } from 'antd';
import type { ApplicationDetail, AttachmentView } from '../../core/api/views';
import type { ReceivedMaterials } from '../../core/catalog/model';
import { emptyFormValues, formLiveState } from '../../core/forms/validate';
import { StationCallError } from '../api/client';
import { afterBlur, afterChange, afterMaterialsChange, allErrors, focusFirstError, type Errors, type FormCheck } from './errors';
import { initialMaterials } from './initial-materials';
import type { DraftData } from './use-autosave';

/**
 * The state of an application's form, materials and scans while a cadre edits it (intake and 补正 alike):
 * values, per-field marks that follow each edit, the refusal of the last call, and the checks before sending.
 */
export type ApplicationFormState = ReturnType<typeof useApplicationForm>;

export function useApplicationForm(detail: ApplicationDetail, o: { initialErrors?: Errors; onEdit?: () => void } = {}) {
  const { message } = App.useApp();
  const item = detail.item;
  const fields = item.form.fields;
  const checks = useMemo<FormCheck>(() => ({ form: item.form, options: { applicant: detail.applicant } }), [item.form, detail.applicant]);
  const [values, setValues] = useState<Record<string, unknown>>(() => ({ ...emptyFormValues(fields), ...detail.form }));
  const [materials, setMaterials] = useState<ReceivedMaterials>(() => initialMaterials(detail));
  const [attachments, setAttachments] = useState<AttachmentView[]>(detail.attachments);
  const [errors, setErrors] = useState<Errors>(() => o.initialErrors ?? {});
  const [refusal, setRefusal] = useState<string | null>(null);
  // Which fields the item's logic shows, requires and computes, as the cadre types.
  const live = useMemo(() => formLiveState(checks.form, values, checks.options), [checks, values]);
  // The latest data, readable synchronously (autosave, submit): state updates land a render later.
  const current = useRef<DraftData>({ form: values, materials });
  const onEdit = o.onEdit;

  const onChange = useCallback(
    (key: string, v: unknown) => {
      const next = { ...current.current.form, [key]: v };
      current.current = { ...current.current, form: next };
      setValues(next);
      setErrors((e) => afterChange(e, key, checks, next));
      onEdit?.();
    },
    [checks, onEdit],
  );
  const onBlur = useCallback((path: string) => setErrors((e) => afterBlur(e, path, checks, current.current.form)), [checks]);
  const onMaterials = (next: ReceivedMaterials) => {
    current.current = { ...current.current, materials: next };
    setMaterials(next);
    setErrors((e) => afterMaterialsChange(e, item.materials, next));
    onEdit?.();
  };

  /** Marks every problem of the form and materials; true when there is none (else the cadre is told). */
  const check = (): boolean => {
    const found = allErrors(checks, current.current.form, item.materials, current.current.materials);
    setErrors(found);
    const n = Object.keys(found).length;
    if (n === 0) return true;
    message.error(`还有${n}处需要补充或更正，请查看标红的项目。`);
    setTimeout(() => focusFirstError(found, fields), 0);
    return false;
  };

  /** Shows the station's refusal: its message on top, its per-field messages on the fields. */
  const refused = (e: unknown) => {
    const err = StationCallError.from(e);
    setErrors(err.fields);
    setRefusal(err.message);
    setTimeout(() => focusFirstError(err.fields, fields), 0);
  };

  return {
    checks,
    live,
    values,
    materials,
    attachments,
    errors,
    refusal,
    current,
    onChange,
    onBlur,
    onMaterials,
    onScanAdded: (a: AttachmentView) => setAttachments((list) => [...list, a]),
    clearRefusal: () => setRefusal(null),
    check,
    refused,
  };
}
