import { useState } from 'react';
import { Alert, App, Button, Card, Col, Input, List, Row, Space, Typography } from 'antd';
import { IdcardOutlined } from '@ant-design/icons';
import type { IdCardReadView } from '../../core/api/id-card-methods';
import { parseCitizenId } from '../../core/citizen-id';
import { call, errorMessage } from '../api/client';
import { useNav, type ResidentRef } from '../app/nav';
import { useDebouncedSearch } from '../shared/use-debounced-search';
import { RegisterResidentForm } from './RegisterResidentForm';
import { useCardReading } from '../id-card/use-card-reading';

/** Step 1 of an intake: find the resident (name, pinyin initials, ID digits, phone) or register them. */
export function ResidentsScreen() {
  const { go } = useNav();
  const [query, setQuery] = useState('');
  const {
    results: hits,
    error,
    setError,
  } = useDebouncedSearch(query, (q) => call('residents.search', { query: q, limit: 20 }), {
    delayMs: 250,
    skipEmpty: true,
  });

  const pick = (r: ResidentRef) => go({ name: 'items', resident: r });
  // A full, valid ID number that finds nobody goes to the register form, filled in, with the cursor at 姓名.
  const [newId, setNewId] = useState<string | null>(null);
  // A card read for someone not registered yet: the form filled from it, warnings above it.
  const [fromCard, setFromCard] = useState<IdCardReadView | null>(null);
  const { message } = App.useApp();
  const card = useCardReading((r) => {
    if (r.resident) {
      void message.success(`已读取身份证：${r.resident.name}，已登记，直接为其办理`);
      pick({ id: r.resident.id, name: r.resident.name, idNumberMasked: r.resident.idNumberMasked });
    } else setFromCard(r);
  });

  /** Enter in the search box: one match is taken at once; a new ID number starts the registration. */
  const enter = async (q: string) => {
    setQuery(q);
    const text = q.trim();
    if (!text) return;
    const found = await call('residents.search', { query: text, limit: 2 }).catch((e: unknown) => {
      setError(errorMessage(e));
      return null;
    });
    if (found?.length === 1) {
      const r = found[0]!;
      pick({ id: r.id, name: r.name, idNumberMasked: r.idNumberMasked });
    } else if (found?.length === 0 && parseCitizenId(text).ok) setNewId(text);
  };

  return (
    <div className="screen">
      <h1 className="screen-title">受理新申请 · 第一步：确定申请人</h1>
      <p className="muted" style={{ marginTop: -8 }}>
        {card.available
          ? '把身份证放在读卡器上（或按 F4 读卡）：已登记的居民直接进入下一步，未登记的填入右侧登记表。也可输入身份证号按回车。'
          : '输入身份证号按回车：已登记的居民直接进入下一步，未登记的转到右侧登记。'}
      </p>
      <Row gutter={16}>
        <Col span={13}>
          <Card
            title="查找已登记的居民"
            size="small"
            extra={
              card.available && (
                <Button icon={<IdcardOutlined />} loading={card.reading} onClick={() => void card.read()} aria-keyshortcuts="F4">
                  读卡 <kbd className="shortcut">F4</kbd>
                </Button>
              )
            }
          >
            {card.error && <Alert type="warning" showIcon title={card.error} style={{ marginBottom: 12 }} role="alert" />}
            <Input.Search
              aria-label="查找居民"
              placeholder="输入姓名、拼音首字母（如 wzm）、身份证号后几位或电话"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              onSearch={(q) => void enter(q)}
              allowClear
              autoFocus
              enterButton="查找"
            />
            {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
            <List
              style={{ marginTop: 8, maxHeight: 460, overflowY: 'auto' }}
              dataSource={hits ?? []}
              locale={{ emptyText: hits === null ? '请输入查找条件' : '没有找到，请在右侧登记新居民' }}
              renderItem={(r) => (
                <List.Item
                  actions={[
                    <Button key="pick" type="primary" onClick={() => pick({ id: r.id, name: r.name, idNumberMasked: r.idNumberMasked })}>
                      为其办理
                    </Button>,
                    <Button key="open" onClick={() => go({ name: 'resident', residentId: r.id })}>
                      居民与户
                    </Button>,
                  ]}
                >
                  <List.Item.Meta
                    title={<span style={{ fontSize: 17 }}>{r.name}</span>}
                    description={
                      <Typography.Text type="secondary">
                        {r.idNumberMasked}　{r.gender === 'male' ? '男' : '女'}　{r.birthDate}
                        {r.phone ? `　${r.phone}` : ''}
                      </Typography.Text>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col span={11}>
          <Card title={fromCard ? '登记新居民（已从身份证读取，请核对）' : '登记新居民'} size="small">
            {fromCard && fromCard.warnings.length > 0 && (
              <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
                {fromCard.warnings.map((w) => (
                  <Alert key={w} type="warning" showIcon title={w} role="alert" />
                ))}
              </Space>
            )}
            <RegisterResidentForm
              key={fromCard ? `card-${fromCard.card.idNumber}` : (newId ?? '')}
              initialIdNumber={newId ?? undefined}
              fromCard={fromCard ? { idNumber: fromCard.card.idNumber, name: fromCard.card.name, address: fromCard.card.address } : undefined}
              onRegistered={pick}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
