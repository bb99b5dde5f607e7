import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Input, List, Select, Space, Table } from 'antd';
import type { HouseholdView, ResidentSummary } from '../../core/api/views';
import { HOUSEHOLD_RELATIONS, type HouseholdRelation } from '../../core/households';
import { call, errorMessage, StationCallError } from '../api/client';
import { useAction } from '../shared/use-action';

type Member = { residentId: string; name: string; idNumberMasked: string; relation: HouseholdRelation };

/**
 * The resident's household (户): its members and their relation to the 户主, kept once and offered to every
 * item that asks for household members. A member already in another household is moved only after the
 * cadre agrees; a new household starts with this resident as 户主.
 */
export function HouseholdCard({
  resident,
  household,
  onSaved,
}: {
  resident: ResidentSummary;
  household: HouseholdView | null;
  onSaved(h: HouseholdView): void;
}) {
  const { modal, message } = App.useApp();
  const initial = (): Member[] =>
    household?.members.map((m) => ({ ...m })) ?? [{ residentId: resident.id, name: resident.name, idNumberMasked: resident.idNumberMasked, relation: '户主' }];
  const [members, setMembers] = useState<Member[]>(initial);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<ResidentSummary[] | null>(null);
  useEffect(() => setMembers(initial()), [household]);

  const save = useAction(async (moveMembers: boolean) => {
    try {
      const h = await call('households.save', {
        ...(household ? { id: household.id } : {}),
        members: members.map((m) => ({ residentId: m.residentId, relation: m.relation })),
        moveMembers,
      });
      onSaved(h);
      void message.success('户成员已保存，办理需要家庭成员的事项时会自动带出');
    } catch (e) {
      const err = StationCallError.from(e);
      if (err.code !== 'HOUSEHOLD_CONFLICT' || moveMembers || !err.details?.residentIds) throw e;
      modal.confirm({ title: '移到这一户？', content: err.message, okText: '移到这一户', cancelText: '取消', onOk: () => save.run(true) });
    }
  });
  const find = async (q: string) => {
    const text = q.trim();
    if (!text) return setHits(null);
    // A failed search is said where the results would be, not swallowed.
    await call('residents.search', { query: text, limit: 8 }).then(setHits, (e: unknown) => {
      setHits([]);
      save.fail(errorMessage(e));
    });
  };
  const add = (r: ResidentSummary) => {
    if (!members.some((m) => m.residentId === r.id))
      setMembers((ms) => [...ms, { residentId: r.id, name: r.name, idNumberMasked: r.idNumberMasked, relation: '子女' }]);
    setQuery('');
    setHits(null);
  };

  return (
    <Card size="small" title={household ? `户成员（${members.length}人）` : '户成员（尚未登记）'}>
      <Table<Member>
        size="small"
        rowKey="residentId"
        pagination={false}
        dataSource={members}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 110 },
          { title: '身份证号', dataIndex: 'idNumberMasked' },
          {
            title: '与户主关系',
            width: 140,
            render: (_, m) => (
              <Select
                aria-label={`${m.name}与户主关系`}
                value={m.relation}
                style={{ width: 120 }}
                options={HOUSEHOLD_RELATIONS.map((r) => ({ value: r, label: r }))}
                onChange={(relation) => setMembers((ms) => ms.map((x) => (x.residentId === m.residentId ? { ...x, relation } : x)))}
              />
            ),
          },
          {
            title: '',
            width: 70,
            render: (_, m) => (
              <Button
                size="small"
                type="text"
                danger
                disabled={m.residentId === resident.id}
                onClick={() => setMembers((ms) => ms.filter((x) => x.residentId !== m.residentId))}
              >
                移出
              </Button>
            ),
          },
        ]}
      />
      <Space.Compact style={{ width: '100%', marginTop: 8 }}>
        <Input.Search
          aria-label="添加户成员"
          placeholder="添加成员：输入已登记居民的姓名或身份证号"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onSearch={(q) => void find(q)}
          enterButton="查找"
        />
      </Space.Compact>
      {hits && (
        <List
          size="small"
          dataSource={hits.filter((h) => !members.some((m) => m.residentId === h.id))}
          locale={{ emptyText: '没有找到，请先在“受理新申请”中登记该居民' }}
          renderItem={(h) => (
            <List.Item
              actions={[
                <Button key="add" size="small" onClick={() => add(h)}>
                  加入本户
                </Button>,
              ]}
            >
              {h.name}　<span className="muted">{h.idNumberMasked}</span>
            </List.Item>
          )}
        />
      )}
      {save.error && <Alert type="error" showIcon title={save.error} style={{ marginTop: 8 }} />}
      <Button type="primary" style={{ marginTop: 8 }} loading={save.busy} onClick={() => void save.run(false)}>
        保存户成员
      </Button>
      <span className="muted" style={{ marginLeft: 12, fontSize: 14 }}>
        已提交的申请保留提交时的家庭成员，不受修改影响。
      </span>
    </Card>
  );
}
