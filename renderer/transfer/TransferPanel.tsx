import { useRef, useState } from 'react';
import { Alert, Button, Progress, Space, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined, UsbOutlined } from '@ant-design/icons';
import type { TransferImportView } from '../../core/api/transfer-methods';
import { call, StationCallError } from '../api/client';
import { useLoad } from '../shared/use-load';
import { showDateTime } from '../shared/time';
import { importIntoStation, saveFromStation } from './transfer-files';

type Outcome = { ok: boolean; title: string; detail?: string; returnFileName?: string };

function importOutcome(v: TransferImportView): Outcome {
  if (v.kind === 'relay') {
    return {
      ok: true,
      title: `已代${v.villageName ?? '该村'}上报 ${v.messages} 条记录（新接收 ${v.accepted}，此前已收到 ${v.duplicate}，未接收 ${v.invalid}）。`,
      detail: '请把回执文件存到U盘带回村里，在村代办点“网络与同步”中导入。',
      returnFileName: v.returnFileName ?? undefined,
    };
  }
  return {
    ok: true,
    title: `回执已导入：${v.messages} 条记录已上报省级平台（新接收 ${v.accepted}，此前已收到 ${v.duplicate}，未接收 ${v.invalid}）。`,
    detail: v.changes > 0 ? `平台的 ${v.changes} 条更新（审核结果等）已写入本机。` : '平台暂时没有新的审核结果。',
  };
}

/**
 * U盘传输 in the sync panel (docs/transfer-files.md). Village: 导出待上传数据 writes everything not yet sent to
 * a file for the stick; 导入回执文件 takes the platform's answer back. Township: 导入村里的U盘文件 relays a
 * village's file to the platform now, and keeps the village's return file to save to the stick.
 */
export function TransferPanel({ role, online, pending }: { role: 'village' | 'township' | 'county' | null; online: boolean | null; pending: number }) {
  // Read again whenever the queue changes (an application taken while the panel is open, a sync).
  const list = useLoad(() => call('transfer.list', {}), [pending]);
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const village = role === 'village';
  const onProgress = (done: number, total: number) => setProgress(total > 0 ? Math.round((done / total) * 100) : null);

  const run = async (what: string, fn: () => Promise<Outcome>) => {
    setBusy(what);
    setOutcome(null);
    setProgress(null);
    try {
      setOutcome(await fn());
    } catch (e) {
      setOutcome({ ok: false, title: StationCallError.from(e).message });
    } finally {
      setBusy(null);
      setProgress(null);
      list.reload();
    }
  };

  const exportNow = () =>
    run('export', async () => {
      const v = await call('transfer.export', {});
      await saveFromStation(v.fileName, onProgress);
      return {
        ok: true,
        title: `已导出 ${v.messages} 条待上传记录和 ${v.scans} 份扫描件（${(v.bytes / 1024 / 1024).toFixed(1)} MB）。`,
        detail: `文件“${v.fileName}”已加密，只有省级平台能打开。请存到U盘，交乡镇便民服务中心或县级运维人员导入，并带回回执文件。回执导入前，这些记录仍算待上传，联网后也会照常上报，不会重复。`,
      };
    });

  const chosen = (file: File | undefined) => {
    if (!file) return;
    void run('import', async () => importOutcome(await importIntoStation(file, onProgress)));
  };

  const data = list.data;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        <UsbOutlined /> U盘传输（长时间不能联网时）
      </Typography.Title>
      {village && data && (
        <Typography.Text type="secondary">
          待上传 {data.pending} 条记录、{data.pendingScans} 份扫描件。
        </Typography.Text>
      )}
      {village && (
        <Button block size="large" icon={<DownloadOutlined />} loading={busy === 'export'} disabled={busy !== null || data?.pending === 0} onClick={exportNow}>
          导出待上传数据
        </Button>
      )}
      <Button block size="large" icon={<UploadOutlined />} loading={busy === 'import'} disabled={busy !== null} onClick={() => picker.current?.click()}>
        {village ? '导入回执文件' : '导入村里带来的U盘文件（代为上报）'}
      </Button>
      {!village && online === false && <Typography.Text type="secondary">代为上报需要本机能连上省级平台。</Typography.Text>}
      <input
        ref={picker}
        type="file"
        accept=".daiban"
        aria-label={village ? '选择回执文件' : '选择村里的U盘文件'}
        style={{ display: 'none' }}
        onChange={(e) => {
          chosen(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      {progress !== null && <Progress percent={progress} size="small" />}
      {outcome && (
        <Alert
          type={outcome.ok ? 'success' : 'error'}
          showIcon
          role={outcome.ok ? 'status' : 'alert'}
          title={outcome.title}
          description={
            outcome.detail || outcome.returnFileName ? (
              <Space orientation="vertical">
                {outcome.detail}
                {outcome.returnFileName && (
                  <Button autoFocus icon={<DownloadOutlined />} onClick={() => void saveFromStation(outcome.returnFileName!)}>
                    保存回执文件
                  </Button>
                )}
              </Space>
            ) : undefined
          }
        />
      )}
      {data && data.exports.length + data.imports.length > 0 && (
        <ul style={{ margin: 0, paddingLeft: 18, fontSize: 13 }} aria-label="最近的U盘传输">
          {data.exports.slice(0, 5).map((e) => (
            <li key={e.fileId}>
              {showDateTime(e.createdAt)} 导出 {e.messages} 条记录{e.answeredAt ? `，${showDateTime(e.answeredAt)} 已收到回执` : '，尚未收到回执'}
            </li>
          ))}
          {data.imports.slice(0, 5).map((i) => (
            <li key={i.id}>
              {showDateTime(i.importedAt)} {i.kind === 'relay' ? `代${i.villageName ?? '村'}上报 ${i.messages} 条` : `导入回执 ${i.messages} 条`}
              {i.kind === 'relay' && i.returnFileName && (
                <Button type="link" size="small" onClick={() => void saveFromStation(i.returnFileName!)}>
                  保存回执文件
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Space>
  );
}
