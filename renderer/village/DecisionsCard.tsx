import { Badge, Button, Card, List, Space, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { call } from '../api/client';
import { useNav } from '../app/nav';
import { StatusTag } from '../applications/StatusTag';
import { useLoad } from '../shared/use-load';
import { showDateTime } from '../shared/time';
import { CompleteButton } from './CompleteButton';
import { decisionOf } from './decision';
import { useDecisionArrived } from './decision-events';

/** Home screen: decisions that came back from the township and still need the resident to be told. */
export function DecisionsCard() {
  const { go } = useNav();
  const list = useLoad(() => call('applications.list', { status: ['needs_supplement', 'approved', 'rejected'], limit: 20 }), []);
  useDecisionArrived(() => list.reload());
  const items = list.data?.items ?? [];
  // Nothing to tell anyone: the home screen stays as it was.
  if (items.length === 0 && !list.error) return null;
  return (
    <Card
      size="small"
      title={
        <span>
          <BellOutlined /> 乡镇审核结果　
          <Badge count={items.length} showZero={false} />
        </span>
      }
      extra={
        <span className="muted" style={{ fontSize: 14 }}>
          请打印通知书交给申请人
        </span>
      }
      style={{ marginBottom: 12 }}
    >
      <List
        size="small"
        dataSource={items}
        locale={{ emptyText: list.error ?? '没有待处理的审核结果' }}
        renderItem={(a) => {
          const d = decisionOf(a);
          const back = { name: 'home' } as const;
          return (
            <List.Item
              data-testid="decision-row"
              actions={
                a.status === 'needs_supplement'
                  ? [
                      <Button key="n" size="small" onClick={() => go({ name: 'document', kind: 'supplement_notice', id: a.id, back })}>
                        打印一次性告知书
                      </Button>,
                      <Button key="s" size="small" type="primary" onClick={() => go({ name: 'supplement', applicationId: a.id })}>
                        登记补正
                      </Button>,
                    ]
                  : [
                      <Button key="n" size="small" onClick={() => go({ name: 'document', kind: 'result_notice', id: a.id, back })}>
                        打印结果通知书
                      </Button>,
                      <CompleteButton key="c" size="small" application={a} onDone={list.reload} />,
                    ]
              }
            >
              <Space size={8} style={{ minWidth: 0 }}>
                <StatusTag status={a.status} />
                <Typography.Link onClick={() => go({ name: 'detail', applicationId: a.id })} ellipsis style={{ maxWidth: 420 }}>
                  {a.residentName} · {a.itemName}
                </Typography.Link>
                <span className="muted" style={{ fontSize: 14 }}>
                  {d ? `${d.reviewerName} ${showDateTime(d.decidedAt)}` : showDateTime(a.updatedAt)}
                  {d?.supplement ? `　需补正${d.supplement.items.length}项` : ''}
                </span>
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
