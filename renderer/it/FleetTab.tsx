import { useMemo, useState } from 'react';
import { Alert, App, Button, Checkbox, Space, Table, Tag, Tooltip } from 'antd';
import { CloudDownloadOutlined, FileSearchOutlined, ReloadOutlined, SwapOutlined } from '@ant-design/icons';
import { FLEET_FLAG_LABELS, FLEET_FLAGS, FLEET_THRESHOLDS, type FleetTerminalView } from '../../core/admin/api';
import { call } from '../api/client';
import { base64ToBlob, downloadBlob } from '../shared/files';
import { useToastAction } from '../shared/use-action';
import { ChannelModal } from './ChannelModal';
import { FlagTags } from './FlagTags';
import { useItLink, useItLoad } from './it-context';
import { ago, FLAG_COLOR, formatBytes, formatSkew, shortDivision, showDateTime, TERMINAL_ROLE_LABEL } from './labels';

const twoLines = { display: 'flex', flexDirection: 'column', lineHeight: 1.35 } as const;
const sub = { fontSize: 13, color: '#777' } as const;

/** 终端: every terminal of the IT account's division with its health, and what IT can do about each. */
export function FleetTab() {
  const { message } = App.useApp();
  const { failed } = useItLink();
  const fleet = useItLoad(() => call('it.fleet', {}), []);
  const [problemsOnly, setProblemsOnly] = useState(false);
  const [channelOf, setChannelOf] = useState<FleetTerminalView | null>(null);
  const report = fleet.data;
  const now = report ? Date.parse(report.generatedAt) : Date.now();
  const rows = useMemo(() => (report?.terminals ?? []).filter((t) => !problemsOnly || t.flags.length > 0), [report, problemsOnly]);
  const withProblems = report?.terminals.filter((t) => t.flags.length > 0).length ?? 0;

  const requestDiagnostics = useToastAction(async (t: FleetTerminalView) => {
    await call('it.requestDiagnostics', { terminalId: t.id });
    message.success(`已请求“${t.servicePointName}”上传诊断包：终端下次联网同步时上传，通常几分钟内可下载。`);
    fleet.reload();
  }, failed);

  const download = useToastAction(async (t: FleetTerminalView) => {
    const file = await call('it.diagnostics', { terminalId: t.id });
    downloadBlob(base64ToBlob(file.dataBase64, file.mimeType), file.fileName);
    message.success(`已下载诊断包 ${file.fileName}`);
  }, failed);

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Space wrap size={6}>
          <span>
            共 <b>{report?.terminals.length ?? '—'}</b> 台终端，<b style={{ color: withProblems > 0 ? '#cf1322' : undefined }}>{report ? withProblems : '—'}</b>{' '}
            台有问题
          </span>
          {report &&
            FLEET_FLAGS.filter((f) => report.flagCounts[f] > 0).map((f) => (
              <Tag key={f} color={FLAG_COLOR[f]}>
                {FLEET_FLAG_LABELS[f]} {report.flagCounts[f]}
              </Tag>
            ))}
        </Space>
        <Space>
          <Checkbox checked={problemsOnly} onChange={(e) => setProblemsOnly(e.target.checked)}>
            只看有问题的
          </Checkbox>
          <span className="muted" style={{ fontSize: 14 }}>
            {report ? `${showDateTime(report.generatedAt).slice(11)} 更新` : ''}
          </span>
          <Button icon={<ReloadOutlined />} onClick={fleet.reload} loading={fleet.loading}>
            刷新
          </Button>
        </Space>
      </Space>
      {fleet.error && <Alert type="error" showIcon title={fleet.error} style={{ marginBottom: 8 }} />}
      <Table<FleetTerminalView>
        size="small"
        rowKey="id"
        loading={fleet.loading && !report}
        dataSource={rows}
        pagination={{ pageSize: 8, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 台` }}
        locale={{ emptyText: problemsOnly ? '没有发现问题的终端' : '还没有终端接入' }}
        columns={[
          {
            title: '服务点',
            key: 'point',
            width: 236,
            render: (_, t) => (
              <div style={twoLines}>
                <Tooltip title={`终端编号 ${t.id}`}>
                  <span style={{ fontWeight: 500 }}>{t.servicePointName}</span>
                </Tooltip>
                <span style={sub}>
                  {t.divisionName ? `${t.divisionName}（${shortDivision(t.divisionCode)}）` : shortDivision(t.divisionCode)} · {TERMINAL_ROLE_LABEL[t.role]}
                </span>
              </div>
            ),
          },
          {
            title: '版本 / 通道',
            key: 'version',
            width: 112,
            render: (_, t) => (
              <div style={twoLines}>
                <span>{t.appVersion ?? '未上报'}</span>
                <span style={sub}>{t.channel}</span>
              </div>
            ),
          },
          {
            title: '最近心跳',
            key: 'heartbeat',
            width: 96,
            render: (_, t) => (
              <Tooltip title={showDateTime(t.lastHeartbeatAt)}>
                <span style={{ color: t.flags.includes('silent') ? '#cf1322' : undefined }}>{ago(t.lastHeartbeatAt, now)}</span>
              </Tooltip>
            ),
          },
          {
            title: '最近同步',
            key: 'sync',
            width: 96,
            render: (_, t) => <Tooltip title={showDateTime(t.lastSyncAt)}>{ago(t.lastSyncAt, now)}</Tooltip>,
          },
          {
            title: '待上传',
            key: 'queue',
            width: 72,
            align: 'right',
            render: (_, t) => (
              <div style={twoLines}>
                <span>{t.queueDepth ?? '—'}</span>
                {t.invalidCount ? <span style={{ ...sub, color: '#d4380d' }}>退回{t.invalidCount}</span> : null}
              </div>
            ),
          },
          {
            title: '可用磁盘',
            key: 'disk',
            width: 90,
            align: 'right',
            render: (_, t) => (
              <span style={{ color: t.freeDiskBytes !== null && t.freeDiskBytes < FLEET_THRESHOLDS.diskLowBytes ? '#cf1322' : undefined }}>
                {formatBytes(t.freeDiskBytes)}
              </span>
            ),
          },
          {
            title: '时钟偏差',
            key: 'skew',
            width: 92,
            render: (_, t) => <span style={{ color: t.flags.includes('clock_skew') ? '#d46b08' : undefined }}>{formatSkew(t.clockSkewSeconds)}</span>,
          },
          {
            title: '状态',
            key: 'flags',
            render: (_, t) => <FlagTags flags={t.flags} auditFindings={t.auditFindings} storeNotice={t.storeNotice} />,
          },
          {
            title: '诊断包',
            key: 'diag',
            width: 118,
            render: (_, t) => (
              <div style={{ ...twoLines, fontSize: 14 }}>
                {t.diagnosticsAt ? <span>{showDateTime(t.diagnosticsAt).slice(5)}</span> : <span className="muted">无</span>}
                {t.diagnosticsRequestedAt && (!t.diagnosticsAt || t.diagnosticsAt < t.diagnosticsRequestedAt) ? (
                  <span style={{ ...sub, color: '#1d5fbf' }}>已请求，待上传</span>
                ) : null}
              </div>
            ),
          },
          {
            title: '操作',
            key: 'actions',
            width: 132,
            render: (_, t) => (
              <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start' }}>
                <Button type="link" size="small" icon={<SwapOutlined />} onClick={() => setChannelOf(t)} style={{ padding: 0 }}>
                  更新通道
                </Button>
                <Button
                  type="link"
                  size="small"
                  icon={<FileSearchOutlined />}
                  loading={requestDiagnostics.pending?.[0].id === t.id}
                  onClick={() => void requestDiagnostics.run(t)}
                  style={{ padding: 0 }}
                >
                  请求诊断包
                </Button>
                <Button
                  type="link"
                  size="small"
                  icon={<CloudDownloadOutlined />}
                  disabled={!t.diagnosticsAt}
                  loading={download.pending?.[0].id === t.id}
                  onClick={() => void download.run(t)}
                  style={{ padding: 0 }}
                >
                  下载诊断包
                </Button>
              </div>
            ),
          },
        ]}
      />
      <ChannelModal
        terminal={channelOf}
        onClose={() => setChannelOf(null)}
        onSaved={() => {
          setChannelOf(null);
          fleet.reload();
        }}
      />
    </>
  );
}
