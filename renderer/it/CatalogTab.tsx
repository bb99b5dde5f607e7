import { useState } from 'react';
import { Alert, App, Button, Card, Col, Row, Upload } from 'antd';
import { CloudUploadOutlined, UploadOutlined } from '@ant-design/icons';
import type { CatalogPublishView } from '../../core/admin/api';
import { call } from '../api/client';
import { useAction } from '../shared/use-action';
import { useItLink } from './it-context';

type Outcome = { ok: true; view: CatalogPublishView; source: string } | { ok: false; message: string; source: string };

/** 事项目录: publish the built-in catalog or a catalog file; terminals get it on their next sync. */
export function CatalogTab() {
  const { modal } = App.useApp();
  const { failed } = useItLink();
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  // A refusal is shown with its source (the seed or the file), so the action reports it itself.
  const publishing = useAction(async (input: { seed: true } | { catalogJson: string }, source: string) => {
    setOutcome(null);
    try {
      setOutcome({ ok: true, view: await call('it.publishCatalog', input), source });
    } catch (e) {
      setOutcome({ ok: false, message: failed(e), source });
    }
  });
  const publish = (input: { seed: true } | { catalogJson: string }, source: string) => publishing.run(input, source);
  const busy = publishing.pending ? ('seed' in publishing.pending[0] ? 'seed' : 'file') : null;

  const publishSeed = () =>
    modal.confirm({
      title: '发布内置事项目录？',
      content: '将本软件自带的事项目录发布到省级平台，所有终端下次同步时更新。平台上已是同一版本的，不会重复发布。',
      okText: '发布',
      cancelText: '取消',
      onOk: () => publish({ seed: true }, '内置事项目录'),
    });

  const publishFile = async (file: File) => {
    const text = await file.text();
    modal.confirm({
      title: `发布事项目录文件“${file.name}”？`,
      content: '平台会先检查文件中的每个事项，检查通过才发布；所有终端下次同步时更新。',
      okText: '发布',
      cancelText: '取消',
      onOk: () => publish({ catalogJson: text }, file.name),
    });
  };

  return (
    <Row gutter={16}>
      <Col span={12}>
        <Card size="small" title="内置事项目录">
          <p style={{ marginTop: 0 }}>本软件自带的事项目录（民政、医保、残联、社保等常办事项）。新平台首次启用时发布一次即可。</p>
          <Button type="primary" icon={<CloudUploadOutlined />} loading={busy === 'seed'} disabled={busy !== null} onClick={publishSeed}>
            发布内置事项目录
          </Button>
        </Card>
      </Col>
      <Col span={12}>
        <Card size="small" title="上传事项目录文件">
          <p style={{ marginTop: 0 }}>省里下发的事项目录文件（.json）。平台检查通过后发布；与平台上现有版本相同的不会重复发布。</p>
          <Upload
            accept=".json,application/json"
            showUploadList={false}
            maxCount={1}
            beforeUpload={(file) => {
              void publishFile(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy === 'file'} disabled={busy !== null}>
              选择文件并发布
            </Button>
          </Upload>
        </Card>
      </Col>
      <Col span={24} style={{ marginTop: 16 }}>
        {outcome?.ok === true && (
          <Alert
            type={outcome.view.published ? 'success' : 'info'}
            showIcon
            role="status"
            title={
              outcome.view.published
                ? `已发布事项目录 ${outcome.view.version}，共 ${outcome.view.items} 个事项`
                : `平台上已是事项目录 ${outcome.view.version}（共 ${outcome.view.items} 个事项），未重复发布`
            }
            description={`来源：${outcome.source}。终端下次同步时自动更新，无需到现场操作。`}
          />
        )}
        {outcome?.ok === false && <Alert type="error" showIcon role="alert" title={`${outcome.source}未能发布`} description={outcome.message} />}
      </Col>
    </Row>
  );
}
