import { Alert, Descriptions, Tag } from 'antd';
import { CloudUploadOutlined } from '@ant-design/icons';
import type { DecisionView } from '../../core/api/views';
import { showDateTime } from '../shared/time';
import { DECISION_COLOR, DECISION_LABEL } from '../village/decision';

/** 未同步: a decision that still waits in the township's outbox (shown on both sides). */
export function UnsyncedTag({ decision }: { decision: DecisionView }) {
  if (decision.synced) return null;
  return (
    <Tag color="orange" icon={<CloudUploadOutlined />} style={{ marginInlineEnd: 0 }}>
      未同步
    </Tag>
  );
}

/** One township decision in full: who, when, and the reason or the supplement list. */
export function DecisionBody({ decision: d, ownTerminal }: { decision: DecisionView; ownTerminal?: boolean }) {
  return (
    <div data-testid="decision">
      <Descriptions column={1} size="small" styles={{ label: { width: 84 } }}>
        <Descriptions.Item label="审核结果">
          <Tag color={DECISION_COLOR[d.decision]} style={{ fontSize: 14 }}>
            {DECISION_LABEL[d.decision]}
          </Tag>
          <UnsyncedTag decision={d} />
        </Descriptions.Item>
        <Descriptions.Item label="审核人">
          {d.reviewerName}　<span className="muted">{showDateTime(d.decidedAt)}</span>
        </Descriptions.Item>
        {d.reason ? <Descriptions.Item label="理由">{d.reason}</Descriptions.Item> : null}
      </Descriptions>
      {d.supplement ? (
        <div>
          <div style={{ fontWeight: 600, margin: '4px 0' }}>需要补正的内容（共{d.supplement.items.length}项）</div>
          <ol style={{ margin: 0, paddingLeft: 24 }}>
            {d.supplement.items.map((i) => (
              <li key={`${i.kind}:${i.key}`}>
                <strong>{i.label}</strong>
                <span className="muted">（{i.kind === 'material' ? '材料' : '填写内容'}）</span>：{i.problem}
              </li>
            ))}
          </ol>
          {d.supplement.note ? <div style={{ marginTop: 4 }}>说明：{d.supplement.note}</div> : null}
        </div>
      ) : null}
      {ownTerminal && !d.synced ? (
        <Alert type="info" showIcon style={{ marginTop: 8 }} title="已保存，网络恢复后自动上报。上报成功后审核结果即生效，不能再更改。" />
      ) : null}
    </div>
  );
}
