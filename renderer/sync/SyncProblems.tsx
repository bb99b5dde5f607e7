import { List, Typography } from 'antd';
import { ExclamationCircleOutlined } from '@ant-design/icons';
import type { SyncProblemView } from '../../core/api/views';
import { showDateTime } from '../shared/time';

/** Data the platform refused (被平台退回): which receipt, why, when, and what the cadre should do. */
export function SyncProblems({ problems }: { problems: SyncProblemView[] }) {
  return (
    <section aria-label="被平台退回的数据">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        被平台退回的数据（{problems.length}）
      </Typography.Title>
      {problems.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 14 }}>
          以下数据未被省级平台接收，其余申请照常上传。请核对后联系乡镇或县级运维人员。
        </Typography.Paragraph>
      )}
      <List
        size="small"
        bordered
        dataSource={problems}
        locale={{ emptyText: '没有被退回的数据' }}
        renderItem={(p) => (
          <List.Item>
            <List.Item.Meta
              avatar={<ExclamationCircleOutlined style={{ color: '#d4380d', fontSize: 18 }} />}
              title={p.receiptNo ? `回执编号 ${p.receiptNo}` : '本机记录（非申请）'}
              description={
                <>
                  <div style={{ color: '#333' }}>{p.reason}</div>
                  <div style={{ fontSize: 13 }}>{showDateTime(p.at)}</div>
                </>
              }
            />
          </List.Item>
        )}
      />
    </section>
  );
}
