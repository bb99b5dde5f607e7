import { Alert } from 'antd';
import { useSyncStatus } from '../sync/sync-store';
import { TransferPanel } from '../transfer/TransferPanel';

/**
 * 运维控制台 → U盘导入: a village's outbox file brought on a stick, imported through this terminal (a township's
 * or the county's, whose jurisdiction covers the village) with the same relay the township's sync panel uses;
 * the return file is saved for the trip back. On a village terminal, where a relay is not allowed, it says where
 * to go instead (docs/transfer-files.md).
 */
export function TransferTab() {
  const { status } = useSyncStatus();
  if (!status) return null;
  if (status.role === 'village' || !status.enrolled) {
    return (
      <Alert
        type="info"
        showIcon
        title="村里带来的U盘文件，请在乡镇或县级终端的运维控制台导入"
        description="也可以在省级平台的服务器上用运维命令导入：npm run platform -- transfer import <文件>，它会写出给该村的回执文件。"
      />
    );
  }
  return <TransferPanel role={status.role} online={status.online} pending={status.pending} />;
}
