import { useState } from 'react';
import { Alert, Button } from 'antd';
import type { HandoverView, ReviewBatchView } from '../../core/api/views';
import { call } from '../api/client';
import { HandoverConfirmModal } from '../handover/HandoverConfirmModal';
import { showDateTime } from '../shared/time';
import { useAction } from '../shared/use-action';

/** Beside a handover-list batch: whether its paper arrived, and the confirmation when it has not been given yet. */
export function BatchPaper({ batch, onConfirmed }: { batch: ReviewBatchView; onConfirmed(): void }) {
  const [list, setList] = useState<HandoverView | null>(null);
  const open = useAction(async () => {
    const listId = batch.id.slice('list:'.length);
    const found = (await call('handover.list', { limit: 200 })).find((l) => l.id === listId);
    // Said as the screen's own message: a thrown Error would read as a broken connection.
    if (found) setList(found);
    else open.fail('本机还没有这份交接清单，请先同步。');
  });
  if (batch.kind !== 'list') return null;
  return (
    <>
      <Alert
        type={batch.confirmedAt ? 'success' : 'info'}
        showIcon
        style={{ marginBottom: 12 }}
        title={
          batch.confirmedAt
            ? `${batch.label}：纸质材料已于${showDateTime(batch.confirmedAt)}确认收到`
            : `${batch.label}：共${batch.total}件，纸质材料尚未确认收到`
        }
        action={
          batch.confirmedAt ? null : (
            <Button onClick={() => void open.run()} loading={open.busy}>
              确认收到纸质材料
            </Button>
          )
        }
      />
      {open.error && <Alert type="error" showIcon title={open.error} style={{ marginBottom: 12 }} />}
      {list && (
        <HandoverConfirmModal
          list={list}
          onClose={() => setList(null)}
          onDone={() => {
            setList(null);
            onConfirmed();
          }}
        />
      )}
    </>
  );
}
