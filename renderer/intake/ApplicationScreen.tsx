import { useState } from 'react';
import { Alert, App, Button, Card, Space } from 'antd';
import { ArrowLeftOutlined, CheckOutlined, PrinterOutlined, SendOutlined } from '@ant-design/icons';
import type { ApplicationDetail } from '../../core/api/views';
import { validateForm } from '../../core/forms/validate';
import { call } from '../api/client';
import { useAction } from '../shared/use-action';
import { ReasonDialog } from '../shared/ReasonDialog';
import { useNav } from '../app/nav';
import { ApplicationInStatus } from '../applications/ApplicationInStatus';
import { ApplicationFormLayout } from '../form/ApplicationFormLayout';
import { ReviewSummary } from '../form/ReviewSummary';
import { SaveIndicator } from '../form/SaveIndicator';
import { useApplicationForm } from '../form/use-application-form';
import { useAutosave } from '../form/use-autosave';

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
  const [step, setStep] = useState<'fill' | 'review'>('fill');
  const hasSaved = detail.updatedAt !== detail.createdAt;
  // Autosave reads the latest data when it fires, by then the form hook below has run.
  const autosave = useAutosave(detail.id, () => form.current.current, hasSaved ? detail.updatedAt : null);
  const form = useApplicationForm(detail, { onEdit: autosave.changed });

  const toReview = () => {
    if (!form.check()) return;
    form.clearRefusal();
    autosave.flush().catch(() => undefined);
    setStep('review');
    window.scrollTo(0, 0);
  };

  const submission = useAction(
    async () => {
      await autosave.flush();
      await call('applications.submit', { id: detail.id });
      autosave.stop();
      message.success('已提交，请打印受理回执交给申请人。');
      go({ name: 'receipt', applicationId: detail.id });
    },
    (e) => {
      form.refused(e);
      setStep('fill');
      return null;
    },
  );
  const submitting = submission.busy;
  // The resident came without every required paper: the draft is kept, and a page lists what to bring.
  const missingRequired = item.materials.filter((m) => m.required && !(form.materials[m.key]?.received && form.materials[m.key]!.count >= m.count)).length;
  const printIntakeNotice = async () => {
    await autosave.flush();
    go({ name: 'document', kind: 'intake_notice', id: detail.id, back: { name: 'form', applicationId: detail.id } });
  };
  // A draft the resident will not go on with: withdrawn with a reason (audited; nothing goes up).
  const [discarding, setDiscarding] = useState(false);
  const discard = async (reason: string) => {
    autosave.stop();
    await call('applications.withdraw', { id: detail.id, reason });
    setDiscarding(false);
    message.success('草稿已作废');
    go({ name: 'queue' });
  };
  const submit = () => void submission.run();

  const normalised = (() => {
    const r = validateForm(form.checks.form, form.values, form.checks.options);
    return r.ok ? r.value : form.values;
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
          <ReviewSummary item={item} values={normalised} materials={form.materials} scanCount={form.attachments.length} />
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
      <ApplicationFormLayout guide item={item} applicationId={detail.id} titles={{ form: '申请表', materials: '收取的纸质材料', scans: '扫描件' }} form={form}>
        <Button type="primary" size="large" block icon={<CheckOutlined />} onClick={toReview} data-next-step>
          下一步：核对信息
        </Button>
        <Button block style={{ marginTop: 8 }} onClick={() => go({ name: 'queue' })}>
          暂存，稍后继续
        </Button>
        {missingRequired > 0 && (
          <Button block icon={<PrinterOutlined />} style={{ marginTop: 8 }} onClick={() => void printIntakeNotice()}>
            缺{missingRequired}项材料：打印一次性告知单
          </Button>
        )}
        <Button block danger type="text" style={{ marginTop: 8 }} onClick={() => setDiscarding(true)}>
          作废这份草稿
        </Button>
      </ApplicationFormLayout>
      <ReasonDialog
        open={discarding}
        title="作废这份草稿"
        prompt="作废后这份草稿不再办理（它从未上报，平台不知道它），办理记录会保留。请写明原因，例如“申请人决定暂不申请”："
        label="作废原因"
        okText="确认作废"
        tooShort="请写明作废原因（至少2个字）"
        maxLength={200}
        onSubmit={discard}
        onCancel={() => setDiscarding(false)}
      />
    </div>
  );
}
