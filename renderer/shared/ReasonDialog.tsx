import { useEffect, useState } from 'react';
import { Alert, Input, Modal } from 'antd';
import { useAction } from './use-action';

export interface ReasonDialogProps {
  open: boolean;
  title: string;
  /** The sentence above the box: what happens and who reads the reason. */
  prompt: string;
  /** The box's accessible name, e.g. 撤回原因. */
  label: string;
  okText: string;
  /** Shown when fewer than `minLength` characters were written. */
  tooShort: string;
  /** 0 makes the reason optional (an approval's comment). */
  minLength?: number;
  maxLength?: number;
  /** A step that cannot be taken back is red (the default); an approval is not. */
  danger?: boolean;
  /** Saves the reason; a refusal stays in the dialog, success closes it (the caller sets `open` false). */
  onSubmit(reason: string): Promise<void>;
  onCancel(): void;
}

/** The one dialog that asks for a written reason before a step that cannot be taken back (撤回, 不予通过), or for an approval's optional comment. */
export function ReasonDialog(p: ReasonDialogProps) {
  const [reason, setReason] = useState('');
  const submit = useAction(p.onSubmit);
  const { clear } = submit;
  useEffect(() => {
    if (p.open) {
      setReason('');
      clear();
    }
    // Only a newly opened dialog starts empty.
  }, [p.open]);

  const ok = () => {
    const text = reason.trim();
    if (text.length < (p.minLength ?? 2)) submit.fail(p.tooShort);
    else void submit.run(text);
  };

  return (
    <Modal
      open={p.open}
      title={p.title}
      okText={p.okText}
      okButtonProps={{ danger: p.danger ?? true, loading: submit.busy, size: 'large' }}
      cancelButtonProps={{ size: 'large' }}
      cancelText="取消"
      onOk={ok}
      onCancel={p.onCancel}
      destroyOnHidden
    >
      <p>{p.prompt}</p>
      <Input.TextArea
        aria-label={p.label}
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          submit.clear();
        }}
        autoSize={{ minRows: 3, maxRows: 6 }}
        maxLength={p.maxLength ?? 500}
        showCount
        autoFocus
        status={submit.error ? 'error' : undefined}
      />
      {submit.error && <Alert type="error" showIcon title={submit.error} style={{ marginTop: 8 }} />}
    </Modal>
  );
}
