import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Segmented, Space, Table, Tag } from 'antd';
import type { FollowUpView } from '../../core/api/rating-methods';
import { parseDivisionCode } from '../../core/division';
import { FOLLOW_UP_STEP_NAMES, type FollowUpStep } from '../../core/ratings/model';
import { call } from '../api/client';
import { useSession } from '../app/session';
import { ReasonDialog } from '../shared/ReasonDialog';
import { showDateTime } from '../shared/time';
import { useLoad } from '../shared/use-load';
import { useSyncStatus } from '../sync/sync-store';
import { ratingText } from './RatingLines';

const RECORD_LABEL: Record<FollowUpStep, string> = { revisit: '登记回访', rectify: '登记整改' };

const PROMPT: Record<FollowUpStep, string> = {
  revisit: '请写明回访核实的情况：何时、如何联系的群众，反映的问题是否属实。',
  rectify: '请写明整改措施和向群众反馈的结果。',
};

/** A deadline, red once it has passed undone. */
function Due({ date, done, late }: { date: string; done: { at: string; byName: string } | null; late: boolean }) {
  if (done)
    return (
      <span className="muted">
        已办（{showDateTime(done.at).slice(0, 10)}，{done.byName}）
      </span>
    );
  return <span style={late ? { color: '#cf1322', fontWeight: 600 } : undefined}>{late ? `已逾期（${date}）` : `${date} 前`}</span>;
}

/**
 * 差评跟进 (township and county terminals): every 差评 of the villages below with its resident to call back and its
 * two deadlines, nearest first; the township's reviewer records 回访核实, then 整改反馈 (each goes up and to the
 * county). The county looks on.
 */
export function FollowUpScreen() {
  const { message } = App.useApp();
  const { user, servicePoint } = useSession();
  const [state, setState] = useState<'open' | 'all'>('open');
  const list = useLoad(() => call('ratings.followUps', { state }), [state]);
  const [recording, setRecording] = useState<{ rating: FollowUpView; step: FollowUpStep } | null>(null);
  // A record marked 未同步 loses the mark once the platform has it: read the list again when fewer wait to go up.
  const pending = useSyncStatus().status?.pending;
  const pendingBefore = useRef(pending);
  useEffect(() => {
    const before = pendingBefore.current;
    pendingBefore.current = pending;
    if (pending !== undefined && before !== undefined && pending < before) list.reload();
  }, [pending]);
  // The township's reviewer records; a county terminal (its division above a township) looks on.
  const division = parseDivisionCode(servicePoint.divisionCode);
  const mayRecord = user.role === 'reviewer' && division.ok && division.value.level === 'township';

  const record = async (note: string) => {
    if (!recording) return;
    await call('ratings.followUp', { ratingId: recording.rating.id, step: recording.step, note });
    message.success(`已登记${FOLLOW_UP_STEP_NAMES[recording.step]}，将同步到平台`);
    setRecording(null);
    list.reload();
  };

  return (
    <div className="screen">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} align="center">
        <h1 className="screen-title" style={{ margin: 0 }}>
          差评跟进
          <span className="muted" style={{ fontSize: 16, fontWeight: 'normal', marginLeft: 12 }}>
            群众的差评须回访核实、限期整改并反馈
          </span>
        </h1>
        <Segmented
          aria-label="显示哪些差评"
          value={state}
          onChange={(v) => setState(v as 'open' | 'all')}
          options={[
            { value: 'open', label: '未办完' },
            { value: 'all', label: '全部' },
          ]}
        />
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      <Table
        size="small"
        rowKey="id"
        loading={list.loading && !list.data}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 8, hideOnSinglePage: true }}
        locale={{ emptyText: state === 'open' ? '没有待办的差评' : '还没有差评' }}
        columns={[
          { title: '村', dataIndex: 'villageName', width: 90 },
          {
            title: '群众',
            key: 'resident',
            width: 130,
            render: (_: unknown, r: FollowUpView) => (
              <div>
                {r.residentName}
                <div className="muted">{r.residentPhone ?? '未留电话'}</div>
              </div>
            ),
          },
          {
            title: '事项与评价',
            key: 'rating',
            render: (_: unknown, r: FollowUpView) => (
              <div>
                <div>
                  {r.itemName}　
                  <span className="muted">
                    {r.stageName}，受理人 {r.cadreName}
                  </span>
                </div>
                <Tag color="red">{r.levelName}</Tag>
                {ratingText(r).slice(r.levelName.length)}
              </div>
            ),
          },
          {
            title: '回访核实',
            key: 'revisit',
            width: 150,
            render: (_: unknown, r: FollowUpView) => <Due date={r.revisitDue} done={r.revisit} late={r.overdue === 'revisit'} />,
          },
          {
            title: '整改反馈',
            key: 'rectify',
            width: 150,
            render: (_: unknown, r: FollowUpView) => <Due date={r.rectifyDue} done={r.rectify} late={r.overdue === 'rectify'} />,
          },
          {
            title: '',
            key: 'action',
            width: 120,
            render: (_: unknown, r: FollowUpView) => (
              <Space direction="vertical" size={4}>
                {r.next && mayRecord && (
                  <Button type={r.overdue ? 'primary' : 'default'} onClick={() => setRecording({ rating: r, step: r.next! })}>
                    {RECORD_LABEL[r.next]}
                  </Button>
                )}
                {r.unsent && <Tag>未同步</Tag>}
              </Space>
            ),
          },
        ]}
      />
      <ReasonDialog
        open={recording !== null}
        title={recording ? `${FOLLOW_UP_STEP_NAMES[recording.step]}：${recording.rating.residentName}（${recording.rating.villageName}）` : ''}
        prompt={recording ? PROMPT[recording.step] : ''}
        label="办理情况"
        okText="登记"
        tooShort="请写明回访或整改的情况（至少2个字）"
        maxLength={500}
        danger={false}
        onSubmit={record}
        onCancel={() => setRecording(null)}
      />
    </div>
  );
}
