import { Alert, App, Button, Card, Descriptions, Tag } from 'antd';
import { CheckCircleFilled, DownloadOutlined, ReloadOutlined, WarningFilled } from '@ant-design/icons';
import type { DiagnosticsSummaryView } from '../../core/api/diagnostics-methods';
import { call } from '../api/client';
import { useToastAction } from '../shared/use-action';
import { useLoad } from '../shared/use-load';
import { base64ToBlob, downloadBlob } from '../shared/files';
import { showDateTime } from '../shared/time';

function showBytes(bytes: number | null): string {
  if (bytes === null) return '—';
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function IntegrityTag({ s }: { s: DiagnosticsSummaryView }) {
  if (s.integrity.ok) {
    return (
      <Tag color="success" icon={<CheckCircleFilled />}>
        正常
      </Tag>
    );
  }
  const problems = [
    !s.integrity.quickCheckOk && '数据文件检查未通过',
    s.integrity.foreignKeyViolations > 0 && `数据关联有${s.integrity.foreignKeyViolations}处不一致`,
    !s.integrity.auditChainOk && '操作日志不完整或被改动',
  ].filter(Boolean);
  return (
    <Tag color="error" icon={<WarningFilled />}>
      异常：{problems.join('；')}，请导出诊断包交给县级运维人员
    </Tag>
  );
}

/** 诊断信息: the terminal's health at a glance, and the diagnostics bundle (no personal data) to save, e.g. on a USB stick. */
export function DiagnosticsCard() {
  const { message } = App.useApp();
  const summary = useLoad(() => call('diagnostics.summary', {}), []);

  const exportBundle = useToastAction(async () => {
    const file = await call('diagnostics.export', {});
    downloadBlob(base64ToBlob(file.dataBase64, 'application/gzip'), file.fileName);
    message.success(`诊断包已生成：${file.fileName}`);
  });

  const s = summary.data;
  return (
    <Card
      title="诊断信息"
      style={{ marginBottom: 16 }}
      extra={
        <>
          <Button size="large" icon={<ReloadOutlined />} loading={summary.loading} onClick={summary.reload} style={{ marginRight: 8 }}>
            重新检查
          </Button>
          <Button type="primary" size="large" icon={<DownloadOutlined />} loading={exportBundle.busy} onClick={() => void exportBundle.run()}>
            导出诊断包
          </Button>
        </>
      }
    >
      <p className="muted" style={{ marginTop: 0 }}>
        {'诊断包包含软件版本、数据检查结果、待上传数量和运行日志，不含群众的姓名、身份证号码、电话等个人信息（日志中出现的也已隐去）。' +
          '可保存到U盘交给县级运维人员；联网时运维人员也可以通过平台直接调取。'}
      </p>
      {summary.error && <Alert type="error" showIcon title={summary.error} style={{ marginBottom: 12 }} />}
      {s && (
        <Descriptions bordered size="middle" column={2}>
          <Descriptions.Item label="数据完整性" span={2}>
            <IntegrityTag s={s} />
            <span className="muted">
              （检查于 {showDateTime(s.checkedAt)}，操作日志 {s.integrity.auditEntries} 条）
            </span>
          </Descriptions.Item>
          <Descriptions.Item label="待上传">
            {s.queue.pending} 条{s.queue.oldestPendingAt ? `（最早 ${showDateTime(s.queue.oldestPendingAt)}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="附件待上传">{s.queue.blobsPending} 个</Descriptions.Item>
          <Descriptions.Item label="平台退回 / 冲突">
            {s.queue.invalid} / {s.queue.conflict}
          </Descriptions.Item>
          <Descriptions.Item label="草稿">{s.queue.drafts} 件</Descriptions.Item>
          <Descriptions.Item label="上次同步成功">{s.sync.enrolled ? showDateTime(s.sync.lastSuccessAt) : '本终端尚未注册到省级平台'}</Descriptions.Item>
          <Descriptions.Item label="上次尝试">{showDateTime(s.sync.lastAttemptAt)}</Descriptions.Item>
          {s.sync.lastError && (
            <Descriptions.Item label="最近同步问题" span={2}>
              {s.sync.lastError}
            </Descriptions.Item>
          )}
          <Descriptions.Item label="软件版本">{s.appVersion}</Descriptions.Item>
          <Descriptions.Item label="磁盘剩余 / 日志">
            {showBytes(s.freeDiskBytes)} / {showBytes(s.logBytes)}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
