import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Input, Row, Space, Spin } from 'antd';
import type { CatalogItemSummary } from '../../core/api/views';
import { groupByDepartment } from '../../core/catalog/group';
import { call, errorMessage } from '../api/client';
import { useAction } from '../shared/use-action';
import { useNav, type ResidentRef } from '../app/nav';
import { useDebouncedSearch } from '../shared/use-debounced-search';

/** Step 2: the service item, grouped by department, searchable by name, pinyin or a cadre's word for it. */
export function ItemPickerScreen({ resident }: { resident: ResidentRef }) {
  const { go } = useNav();
  const [query, setQuery] = useState('');
  const { results: items, error, setError } = useDebouncedSearch(query, (q) => call('catalog.list', q ? { query: q } : {}), { delayMs: 200 });

  const groups = useMemo(() => groupByDepartment(items ?? []), [items]);

  const start = useAction(
    async (item: CatalogItemSummary) => {
      const draft = await call('applications.createDraft', { residentId: resident.id, itemCode: item.code });
      go({ name: 'form', applicationId: draft.id });
    },
    (e) => {
      setError(errorMessage(e));
      return null;
    },
  );

  /** Enter: the first item for what is typed now (the list on screen may still be the last search's). */
  const enter = async (q: string) => {
    const text = q.trim();
    const found = await call('catalog.list', text ? { query: text } : {}).catch((e: unknown) => {
      setError(errorMessage(e));
      return null;
    });
    const first = found ? groupByDepartment(found)[0]?.items[0] : undefined;
    if (first) void start.run(first);
  };

  return (
    <div className="screen">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
        <h1 className="screen-title">
          第二步：选择办理事项
          <span className="muted" style={{ fontWeight: 'normal', fontSize: 17, marginLeft: 16 }}>
            申请人：{resident.name}（{resident.idNumberMasked}）
          </span>
        </h1>
        <Space>
          <Button onClick={() => go({ name: 'resident', residentId: resident.id })}>居民与户</Button>
          <Button onClick={() => go({ name: 'residents' })}>更换申请人</Button>
        </Space>
      </Space>
      <Input.Search
        aria-label="查找事项"
        placeholder="输入事项名称、拼音首字母或常用叫法，如“低保”“zdsh”“养老”"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onSearch={(q) => void enter(q)}
        allowClear
        autoFocus
        style={{ maxWidth: 640, marginBottom: 12 }}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {items === null ? (
        <Spin />
      ) : groups.length === 0 ? (
        <Empty description="没有找到相符的事项，请换个说法再试" />
      ) : (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
          {groups.map(({ department, items: list }) => (
            <Card key={department} size="small" title={department}>
              <Row gutter={[8, 8]}>
                {list.map((i) => (
                  <Col span={6} key={i.code}>
                    <Button className="item-button" loading={start.pending?.[0].code === i.code} disabled={start.busy} onClick={() => void start.run(i)}>
                      <div>
                        <div style={{ fontSize: 16 }}>{i.name}</div>
                        <div className="muted" style={{ fontSize: 13 }}>
                          {i.type} · 承诺{i.promisedDays}个工作日
                        </div>
                      </div>
                    </Button>
                  </Col>
                ))}
              </Row>
            </Card>
          ))}
        </div>
      )}
    </div>
  );
}
