import { useState } from 'react';
import { Alert, Checkbox, Input, Modal } from 'antd';
import type { HandoverView } from '../../core/api/views';
import { call } from '../api/client';
import { useAction } from '../shared/use-action';

interface Props {
  list: HandoverView;
  onClose(): void;
  onDone(next: HandoverView): void;
}

/** Township: the paper of a list arrived — all of it, or tick what did not, with a note. */
export function HandoverConfirmModal({ list, onClose, onDone }: Props) {
  const [missing, setMissing] = useState<Record<string, string>>({});
  const n = Object.keys(missing).length;

  const toggle = (k: string, on: boolean) =>
    setMissing((m) => {
      const next = { ...m };
      if (on) next[k] = '';
      else delete next[k];
      return next;
    });

  const confirm = useAction(async () => {
    const next = await call('handover.confirm', {
      listId: list.id,
      missing: Object.entries(missing).map(([k, note]) => {
        const [applicationId = '', materialKey = ''] = k.split('|');
        return { applicationId, materialKey, ...(note.trim() ? { note: note.trim() } : {}) };
      }),
    });
    onDone(next);
  });
  const { busy, error } = confirm;

  return (
    <Modal
      open
      width={860}
      title={`核对交接清单 ${list.listNo}`}
      okText={n === 0 ? '确认全部收到' : `确认收到（${n}项未收到）`}
      cancelText="取消"
      okButtonProps={{ size: 'large', loading: busy }}
      cancelButtonProps={{ size: 'large' }}
      onOk={() => void confirm.run()}
      onCancel={onClose}
      styles={{ body: { maxHeight: 470, overflowY: 'auto' } }}
    >
      <p style={{ marginTop: 0 }}>请对照送来的纸质材料逐项核对。全部收到直接点“确认全部收到”；有没收到的，请勾选并写明情况。</p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      {list.applications.map((a) => (
        <div key={a.applicationId} style={{ border: '1px solid #f0f0f0', padding: 8, marginBottom: 8 }}>
          <div style={{ fontWeight: 600 }}>
            {a.residentName} · {a.itemName}{' '}
            <span className="muted" style={{ fontWeight: 'normal', fontSize: 14 }}>
              {a.receiptNo}
            </span>
          </div>
          {a.materials.map((m) => {
            const k = `${a.applicationId}|${m.key}`;
            const on = missing[k] !== undefined;
            return (
              <div key={m.key} style={{ display: 'flex', gap: 8, alignItems: 'center', padding: '2px 0' }}>
                <Checkbox checked={on} onChange={(e) => toggle(k, e.target.checked)} style={{ width: 330 }}>
                  未收到：{m.name} {m.count}份
                </Checkbox>
                {on && (
                  <Input
                    aria-label={`${m.name}的情况说明`}
                    placeholder="情况说明，例如：只收到1份"
                    value={missing[k]}
                    onChange={(e) => setMissing((x) => ({ ...x, [k]: e.target.value }))}
                    maxLength={200}
                    style={{ flex: 1 }}
                  />
                )}
              </div>
            );
          })}
        </div>
      ))}
    </Modal>
  );
}
