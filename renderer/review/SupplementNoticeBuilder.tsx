import { useState } from 'react';
import { Alert, Button, Checkbox, Input, Modal, Space, Tag } from 'antd';
import type { CatalogItem, ReceivedMaterials } from '../../core/catalog/model';
import { MATERIAL_FORM_LABEL } from '../../core/catalog/model';
import type { SupplementItem } from '../../core/sync/messages';
import { errorMessage } from '../api/client';
import { useAction } from '../shared/use-action';

interface Entry {
  kind: SupplementItem['kind'];
  key: string;
  label: string;
  hint: string | null;
}

interface Props {
  open: boolean;
  item: CatalogItem;
  materials: ReceivedMaterials;
  /** Shown above the summary (the 5-working-day limit near or passed). */
  deadlineWarning: string | null;
  onCancel(): void;
  onSubmit(items: SupplementItem[], note: string): Promise<void>;
}

const MATERIAL_PHRASES = ['未提供', '不清晰，请重新提供', '需提供原件核验', '与申请表不一致'];
const FIELD_PHRASES = ['填写有误，请核实', '漏填', '与证件不一致'];

const id = (e: Pick<Entry, 'kind' | 'key'>) => `${e.kind}:${e.key}`;

function entriesOf(item: CatalogItem, materials: ReceivedMaterials): { materials: Entry[]; fields: Entry[] } {
  return {
    materials: item.materials.map((m) => ({
      kind: 'material',
      key: m.key,
      label: m.name.slice(0, 60),
      hint: `${MATERIAL_FORM_LABEL[m.form]}${materials[m.key]?.received ? `，已收${materials[m.key]?.count ?? 0}份` : '，未收取'}`,
    })),
    fields: item.form.fields.map((f) => ({ kind: 'field', key: f.key, label: f.label.slice(0, 60), hint: f.required ? '必填' : null })),
  };
}

/**
 * 一次性告知: every material and every form field of the item, each with a checkbox and, once ticked, what is
 * missing or wrong; then a summary ("将一次性告知以下N项") before the return for supplement is saved.
 */
export function SupplementNoticeBuilder({ open, item, materials, deadlineWarning, onCancel, onSubmit }: Props) {
  const groups = entriesOf(item, materials);
  const all = [...groups.materials, ...groups.fields];
  const [picked, setPicked] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [step, setStep] = useState<'edit' | 'confirm'>('edit');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  const chosen = all.filter((e) => picked[id(e)] !== undefined);
  const toggle = (e: Entry, on: boolean) => {
    setPicked((p) => {
      const next = { ...p };
      if (on) next[id(e)] = e.kind === 'material' && !materials[e.key]?.received ? '未提供' : '';
      else delete next[id(e)];
      return next;
    });
    setErrors((x) => ({ ...x, [id(e)]: '' }));
    setError(null);
  };
  const setProblem = (e: Entry, text: string) => {
    setPicked((p) => ({ ...p, [id(e)]: text }));
    setErrors((x) => ({ ...x, [id(e)]: '' }));
  };

  const next = () => {
    if (chosen.length === 0) {
      setError('请勾选需要补正的材料或填写内容，至少一项。');
      return;
    }
    const bad: Record<string, string> = {};
    for (const e of chosen) if ((picked[id(e)] ?? '').trim().length < 2) bad[id(e)] = '请写明问题（至少2个字）';
    setErrors(bad);
    if (Object.keys(bad).length > 0) {
      setError(`还有${Object.keys(bad).length}项没有写明问题。`);
      return;
    }
    setError(null);
    setStep('confirm');
  };

  const sending = useAction(
    () =>
      onSubmit(
        chosen.map((e) => ({ kind: e.kind, key: e.key, label: e.label, problem: (picked[id(e)] ?? '').trim() })),
        note.trim(),
      ),
    (e) => {
      setError(errorMessage(e));
      setStep('edit');
      return null;
    },
  );
  const busy = sending.busy;
  const submit = () => {
    setError(null);
    void sending.run();
  };

  const renderEntry = (e: Entry) => {
    const k = id(e);
    const on = picked[k] !== undefined;
    const phrases = e.kind === 'material' ? MATERIAL_PHRASES : FIELD_PHRASES;
    return (
      <li key={k} data-entry={k} style={{ padding: '6px 8px', borderBottom: '1px solid #f0f0f0', background: on ? '#fff7e6' : undefined }}>
        <Checkbox checked={on} onChange={(ev) => toggle(e, ev.target.checked)} style={{ fontSize: 15 }}>
          {e.label}
          {e.hint ? (
            <span className="muted" style={{ fontSize: 13 }}>
              （{e.hint}）
            </span>
          ) : null}
        </Checkbox>
        {on && (
          <div style={{ paddingLeft: 24, marginTop: 4 }}>
            <Input
              aria-label={`${e.label}的问题`}
              value={picked[k]}
              onChange={(ev) => setProblem(e, ev.target.value)}
              maxLength={200}
              placeholder="写明缺什么或哪里不对"
              status={errors[k] ? 'error' : undefined}
              autoFocus={picked[k] === ''}
            />
            {errors[k] ? <div className="cell-error">{errors[k]}</div> : null}
            <Space size={4} wrap style={{ marginTop: 4 }}>
              {phrases.map((p) => (
                <Tag key={p} style={{ cursor: 'pointer', fontSize: 13 }} onClick={() => setProblem(e, p)}>
                  {p}
                </Tag>
              ))}
            </Space>
          </div>
        )}
      </li>
    );
  };

  const column = (title: string, list: Entry[]) => (
    <div style={{ flex: 1, minWidth: 0 }}>
      <div style={{ fontWeight: 600, marginBottom: 4 }}>{title}</div>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0, border: '1px solid #f0f0f0' }}>{list.map(renderEntry)}</ul>
    </div>
  );

  return (
    <Modal
      open={open}
      width={980}
      title={step === 'edit' ? '退回补正：一次性告知需要补正的全部内容' : `将一次性告知以下${chosen.length}项`}
      onCancel={onCancel}
      maskClosable={false}
      destroyOnHidden
      styles={{ body: { maxHeight: 470, overflowY: 'auto' } }}
      footer={
        step === 'edit' ? (
          <Space>
            <Button size="large" onClick={onCancel}>
              取消
            </Button>
            <Button size="large" type="primary" onClick={next}>
              下一步：核对告知内容（已选{chosen.length}项）
            </Button>
          </Space>
        ) : (
          <Space>
            <Button size="large" onClick={() => setStep('edit')} disabled={busy}>
              返回修改
            </Button>
            <Button size="large" type="primary" danger onClick={submit} loading={busy}>
              确认退回补正
            </Button>
          </Space>
        )
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} role="alert" />}
      {step === 'edit' ? (
        <>
          <p style={{ marginTop: 0 }}>
            请把需要补正的<strong>全部</strong>材料和填写内容一次勾选齐全，并写明问题。申请人将按这张告知书一次补齐，不再来回跑。
          </p>
          <div style={{ display: 'flex', gap: 16 }}>
            {column(`申请材料（${groups.materials.length}项）`, groups.materials)}
            {column(`申请表填写内容（${groups.fields.length}项）`, groups.fields)}
          </div>
          <div style={{ marginTop: 12 }}>
            <label htmlFor="supplement-note" style={{ fontWeight: 600 }}>
              补充说明（可不填）
            </label>
            <Input.TextArea id="supplement-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} autoSize={{ minRows: 2, maxRows: 3 }} />
          </div>
        </>
      ) : (
        <>
          {deadlineWarning && <Alert type="warning" showIcon title={deadlineWarning} style={{ marginBottom: 8 }} />}
          <ol style={{ paddingLeft: 24, fontSize: 16 }} aria-label="告知内容">
            {chosen.map((e) => (
              <li key={id(e)} style={{ marginBottom: 4 }}>
                <strong>{e.label}</strong>
                <span className="muted">（{e.kind === 'material' ? '材料' : '填写内容'}）</span>：{picked[id(e)]?.trim()}
              </li>
            ))}
          </ol>
          {note.trim() ? <p>补充说明：{note.trim()}</p> : null}
          <Alert type="info" showIcon title="确认后，村代办员将收到这份一次性告知书并打印给申请人。上报成功后不能再更改。" />
        </>
      )}
    </Modal>
  );
}
