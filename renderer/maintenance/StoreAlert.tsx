import { useEffect, useState } from 'react';
import { Alert } from 'antd';
import { call } from '../api/client';
import { useStationEvent } from '../shared/use-station-event';

/**
 * The store's integrity check at start runs in the background; when it fails, every screen says so at the top
 * (new records are refused, reading and backups still work) until a restore swaps in a sound store. After an
 * older version had to go back to a backup (a rollback past a migration), the top says what was set aside,
 * until the cadre closes it.
 */
export function StoreAlert() {
  const [failed, setFailed] = useState(false);
  const [rollback, setRollback] = useState<string | null>(null);
  useEffect(() => {
    call('diagnostics.storeState', {}).then(
      (s) => {
        setFailed(s.state === 'failed');
        setRollback(s.notice?.kind === 'rolled_back' ? s.notice.message : null);
      },
      () => undefined,
    );
  }, []);
  useStationEvent('store.integrity', (e) => setFailed(e.state === 'failed'));
  if (!failed) {
    return rollback ? (
      <Alert type="warning" showIcon banner closable role="alert" title={`${rollback}如需找回，请联系县级运维人员。`} onClose={() => setRollback(null)} />
    ) : null;
  }
  return (
    <Alert
      type="error"
      showIcon
      banner
      role="alert"
      title="本机数据文件的完整性检查未通过：已停止保存新的办理记录。已有数据仍可查看。请本点管理员先在“系统维护”中做一次备份，再联系县级运维人员。"
    />
  );
}
