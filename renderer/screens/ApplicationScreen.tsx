import { useCallback, useRef, useState } from 'react';
import { Alert, App, Button, Card, Space } from 'antd';
import { ArrowLeftOutlined, CheckOutlined, SendOutlined } from '@ant-design/icons';
import type { ApplicationDetail, AttachmentView } from '../../core/api/views';
import type { ReceivedMaterials } from '../../core/catalog/model';
import { emptyFormValues, validateForm } from '../../core/forms/validate';
import { call, StationCallError } from '../api/client';
import { useNav } from '../app/nav';
import { ApplicationInStatus } from '../components/ApplicationInStatus';
import { ApplicationFormLayout } from '../form/ApplicationFormLayout';
import { afterBlur, afterChange, afterMaterialsChange, allErrors, focusFirstError, type Errors } from '../form/errors';
import { initialMaterials } from '../form/initial-materials';
import { ReviewSummary } from '../form/ReviewSummary';
import { SaveIndicator } from '../form/SaveIndicator';
import { useAutosave, type DraftData } from '../form/use-autosave';

/** Loads the draft, then hands it to the editor (which owns autosave for its whole life). */
export function ApplicationScreen({ applicationId }: { applicationId: string }) {
  return (
    <ApplicationInStatus
      applicationId={applicationId}
      status="draft"
      wrongStatusTitle="该申请已经提交，不能再修改"
      back={{ route: { name: 'queue' }, label: '返回申请队列' }}
    >
      {(detail) => <ApplicationEditor detail={detail} />}
    </ApplicationInStatus>
  );
}

function ApplicationEditor({ detail }: { detail: ApplicationDetail }) {
  const { go } = useNav();
  const { message } = App.useApp();
  const item = detail.item;
  const fields = item.form.fields;
  const [values, setValues] = useState<Record<string, unknown>>(() => ({ ...emptyFormValues(fields), ...detail.form }));
  const [materials, setMaterials] = useState<ReceivedMaterials>(() => initialMaterials(detail));
  const [attachments, setAttachments] = useState<AttachmentView[]>(detail.attachments);
  const [errors, setErrors] = useState<Errors>({});
  const [step, setStep] = useState<'fill' | 'review'>('fill');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  // The latest data, readable synchronously by autosave (state updates land a render later).
  const data = useRef<DraftData>({ form: values, materials });
  const hasSaved = detail.updatedAt !== detail.createdAt;
  const autosave = useAutosave(detail.id, () => data.current, hasSaved ? detail.updatedAt : null);

  const onChange = useCallback(
    (key: string, v: unknown) => {
      const next = { ...data.current.form, [key]: v };
      data.current = { ...data.current, form: next };
      setValues(next);
      setErrors((e) => afterChange(e, key, fields, next));
      autosave.changed();
    },
    [fields, autosave],
  );
  const onBlur = useCallback((path: string) => setErrors((e) => afterBlur(e, path, fields, data.current.form)), [fields]);
  const onMaterials = (next: ReceivedMaterials) => {
    data.current = { ...data.current, materials: next };
    setMaterials(next);
    setErrors((e) => afterMaterialsChange(e, item.materials, next));
    autosave.changed();
  };

  const toReview = async () => {
    const found = allErrors(fields, data.current.form, item.materials, data.current.materials);
    setErrors(found);
    const n = Object.keys(found).length;
    if (n > 0) {
      message.error(`还有${n}处需要补充或更正，请查看标红的项目。`);
      setTimeout(() => focusFirstError(found, fields), 0);
      return;
    }
    setRefusal(null);
    autosave.flush().catch(() => undefined);
    setStep('review');
    window.scrollTo(0, 0);
  };

  const submit = async () => {
    setSubmitting(true);
    try {
      await autosave.flush();
      await call('applications.submit', { id: detail.id });
      autosave.stop();
      message.success('已提交，请打印受理回执交给申请人。');
      go({ name: 'receipt', applicationId: detail.id });
    } catch (e) {
      const err = StationCallError.from(e);
      setErrors(err.fields);
      setRefusal(err.message);
      setStep('fill');
      setSubmitting(false);
      setTimeout(() => focusFirstError(err.fields, fields), 0);
    }
  };

  const normalised = (() => {
    const r = validateForm(fields, values);
    return r.ok ? r.value : values;
  })();

  const header = (
    <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} align="center" wrap={false}>
      <h1 className="screen-title" style={{ margin: 0 }}>
        {step === 'fill' ? '填写申请' : '核对并提交'}：{item.name}
        <span className="muted" style={{ fontWeight: 'normal', fontSize: 16, marginLeft: 16 }}>
          申请人：{detail.residentName}（{detail.residentIdMasked}）
        </span>
      </h1>
      <SaveIndicator state={autosave.state} onRetry={() => void autosave.flush().catch(() => undefined)} />
    </Space>
  );

  if (step === 'review') {
    return (
      <div className="screen">
        {header}
        <Alert type="info" showIcon title="请向申请人逐项读一遍，确认无误后点“确认提交”。提交后将生成受理回执编号，不能再修改。" style={{ marginBottom: 12 }} />
        <Card size="small">
          <ReviewSummary item={item} values={normalised} materials={materials} scanCount={attachments.length} />
        </Card>
        <Space style={{ marginTop: 12 }}>
          <Button size="large" icon={<ArrowLeftOutlined />} onClick={() => setStep('fill')} disabled={submitting}>
            返回修改
          </Button>
          <Button size="large" type="primary" icon={<SendOutlined />} onClick={submit} loading={submitting} autoFocus>
            确认提交
          </Button>
        </Space>
      </div>
    );
  }

  return (
    <div className="screen">
      {header}
      <ApplicationFormLayout
        item={item}
        applicationId={detail.id}
        titles={{ form: '申请表', materials: '收取的纸质材料', scans: '扫描件' }}
        values={values}
        errors={errors}
        onChange={onChange}
        onBlur={onBlur}
        materials={materials}
        onMaterials={onMaterials}
        attachments={attachments}
        onScanAdded={(a) => setAttachments((list) => [...list, a])}
        refusal={refusal}
        onRefusalClose={() => setRefusal(null)}
      >
        <Button type="primary" size="large" block icon={<CheckOutlined />} onClick={toReview}>
          下一步：核对信息
        </Button>
        <Button block style={{ marginTop: 8 }} onClick={() => go({ name: 'queue' })}>
          暂存，稍后继续
        </Button>
      </ApplicationFormLayout>
    </div>
  );
}
