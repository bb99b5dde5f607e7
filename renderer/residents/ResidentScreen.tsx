import { useEffect, useState } from 'react';
import { Button, Card, Col, Result, Row, Space, Spin, Table } from 'antd';
import type { ApplicationView, HouseholdView, ResidentView } from '../../core/api/views';
import { maskCitizenId } from '../../core/citizen-id';
import { call } from '../api/client';
import { useNav } from '../app/nav';
import { StatusTag } from '../applications/StatusTag';
import { useLoad } from '../shared/use-load';
import { showDateTime } from '../shared/time';
import { HouseholdCard } from './HouseholdCard';
import { ResidentInfoCard } from './ResidentInfoCard';

/** One resident: their record (correctable), their household (户), and every application they made here. */
export function ResidentScreen({ residentId }: { residentId: string }) {
  const { go } = useNav();
  const loaded = useLoad(
    () =>
      Promise.all([
        call('residents.get', { id: residentId }),
        call('households.ofResident', { residentId }),
        call('applications.list', { residentId, limit: 100 }),
      ]),
    [residentId],
  );
  const [resident, setResident] = useState<ResidentView | null>(null);
  const [household, setHousehold] = useState<HouseholdView | null>(null);
  useEffect(() => {
    if (!loaded.data) return;
    setResident(loaded.data[0]);
    setHousehold(loaded.data[1]);
  }, [loaded.data]);

  if (loaded.error && !loaded.data) return <Result status="error" title="无法打开居民信息" subTitle={loaded.error} />;
  if (!resident || !loaded.data)
    return (
      <div className="screen">
        <Spin /> 正在打开…
      </div>
    );
  const ref = { id: resident.id, name: resident.name, idNumberMasked: maskCitizenId(resident.idNumber) };
  const applications = loaded.data[2].items;
  return (
    <div className="screen">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <h1 className="screen-title" style={{ margin: 0 }}>
          居民：{resident.name}
        </h1>
        <Space>
          <Button type="primary" size="large" onClick={() => go({ name: 'items', resident: ref })} autoFocus>
            为其办理新事项
          </Button>
          <Button size="large" onClick={() => go({ name: 'residents' })}>
            返回
          </Button>
        </Space>
      </Space>
      <Row gutter={16}>
        <Col span={10}>
          <ResidentInfoCard resident={resident} onSaved={setResident} />
        </Col>
        <Col span={14}>
          <HouseholdCard
            resident={{ ...ref, gender: resident.gender, birthDate: resident.birthDate, phone: resident.phone }}
            household={household}
            onSaved={setHousehold}
          />
        </Col>
      </Row>
      <Card size="small" title={`申请记录（${applications.length}件）`} style={{ marginTop: 12 }}>
        <Table<ApplicationView>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={applications}
          locale={{ emptyText: '还没有在本代办点办理过事项' }}
          onRow={(a) => ({ onClick: () => go({ name: 'detail', applicationId: a.id }), style: { cursor: 'pointer' } })}
          columns={[
            { title: '状态', width: 100, render: (_, a) => <StatusTag status={a.status} /> },
            { title: '办理事项', dataIndex: 'itemName' },
            { title: '回执编号', render: (_, a) => a.receiptNo ?? <span className="muted">（未提交）</span> },
            { title: '受理/更新时间', width: 170, render: (_, a) => showDateTime(a.submittedAt ?? a.updatedAt) },
          ]}
        />
      </Card>
    </div>
  );
}
