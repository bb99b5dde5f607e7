import { useState } from 'react';
import { Alert, App, Button, Card, Input, Space } from 'antd';
import { ArrowLeftOutlined, SendOutlined } from '@ant-design/icons';
import type { ApplicationDetail } from '../../core/api/views';
import type { SupplementItem } from '../../core/sync/messages';
import { call } from '../api/client';
import { useAction } from '../shared/use-action';
import { useNav } from '../app/nav';
import { ApplicationInStatus } from '../applications/ApplicationInStatus';
import { ApplicationFormLayout } from '../form/ApplicationFormLayout';
import type { Errors } from '../form/errors';
import { useApplicationForm } from '../form/use-application-form';
import { decisionOf } from './decision';
import { UnavailableItems, unavailableList, type Unavailable } from './UnavailableItems';

/** Loads the application; only one waiting for a supplement can be supplemented. */
export function SupplementScreen({ applicationId }: { applicationId: string }) {
  return (
    <ApplicationInStatus
      applicationId={applicationId}
      status="needs_supplement"
      wrongStatusTitle="该申请现在不需要补正"
      back={{ route: { name: 'home' }, label: '返回首页' }}
    >
      {(detail) => <SupplementEditor detail={detail} />}
    </ApplicationInStatus>
  );
}

/** What the township asked for, as marks on the form: fields by key, materials as `materials.<key>`. */
function highlights(items: SupplementItem[]): Errors {
  return Object.fromEntries(items.map((i) => [i.kind === 'material' ? `materials.${i.key}` : i.key, `需补正：${i.problem}`]));
}

/** 登记补正: the saved values in the intake form, the items to supplement on top, new scans, then 提交补正. */
function SupplementEditor({ detail }: { detail: ApplicationDetail }) {
  const { go } = useNav();
  const { message } = App.useApp();
  const item = detail.item;
  const asked = decisionOf(detail)?.supplement ?? null;
  const form = useApplicationForm(detail, { initialErrors: highlights(asked?.items ?? []) });
  const [note, setNote] = useState('');
  const [unavailable, setUnavailable] = useState<Unavailable>({});
  const scansBefore = detail.attachments.length;

  const submission = useAction(
    async () => {
      form.clearRefusal();
      const { form: values, materials } = form.current.current;
      const cannot = unavailableList(asked?.items ?? [], unavailable);
      await call('applications.supplement', {
        id: detail.id,
        form: values,
        materials,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(cannot.length ? { unavailable: cannot } : {}),
      });
      message.success('补正已登记，将随下次同步送回乡镇审核。');
      go({ name: 'detail', applicationId: detail.id });
    },
    (e) => {
      form.refused(e);
      return null;
    },
  );
  const saving = submission.busy;
  const submit = () => {
    if (form.check()) void submission.run();
  };

  return (
    <div className="screen">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} align="center">
        <h1 className="screen-title" style={{ margin: 0 }}>
          登记补正：{item.name}
          <span className="muted" style={{ fontWeight: 'normal', fontSize: 16, marginLeft: 16 }}>
            申请人：{detail.residentName}（{detail.residentIdMasked}）　受理编号 {detail.receiptNo}
          </span>
        </h1>
      </Space>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={
          asked
            ? `乡镇要求补正以下${asked.items.length}项，请逐项更正表格、勾选补交的材料或扫描新材料；居民确实无法提供的，勾选“居民无法提供”并写明原因：`
            : '请按一次性告知书补正。'
        }
        description={
          asked ? (
            <>
              <UnavailableItems items={asked.items} value={unavailable} onChange={setUnavailable} />
              {asked.note ? <div>说明：{asked.note}</div> : null}
            </>
          ) : undefined
        }
      />
      <ApplicationFormLayout
        item={item}
        applicationId={detail.id}
        titles={{
          form: '申请表（已填内容，改需要更正的项）',
          materials: '纸质材料（勾选补交的）',
          scans: `扫描件（本次新增${form.attachments.length - scansBefore}页）`,
        }}
        form={form}
      >
        <Card size="small" title="补正说明（可不填）" style={{ marginBottom: 12 }}>
          <Input.TextArea aria-label="补正说明" value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Card>
        <Button type="primary" size="large" block icon={<SendOutlined />} onClick={submit} loading={saving}>
          提交补正
        </Button>
        <Button block size="large" style={{ marginTop: 8 }} icon={<ArrowLeftOutlined />} onClick={() => go({ name: 'detail', applicationId: detail.id })}>
          返回
        </Button>
      </ApplicationFormLayout>
    </div>
  );
}
