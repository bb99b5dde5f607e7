import { useState } from 'react';
import { Card, Typography } from 'antd';
import type { ServicePointView } from '../../core/api/views';
import { EnrollDone } from './EnrollDone';
import { EnrollForm } from './EnrollForm';

interface Props {
  /** Called with what the platform set up, when the cadre goes on to the login screen. */
  onDone(servicePoint: ServicePointView): void;
}

/** First run (首次使用): connects the terminal to the provincial platform with the code from the county IT staff. */
export function EnrollScreen({ onDone }: Props) {
  const [done, setDone] = useState<ServicePointView | null>(null);
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#12407f' }}>
      <Card style={{ width: 640 }} styles={{ body: { padding: '20px 28px' } }}>
        {done ? (
          <EnrollDone servicePoint={done} onContinue={() => onDone(done)} />
        ) : (
          <>
            <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 8 }}>
              首次使用：接入省级平台
            </Typography.Title>
            <Typography.Paragraph style={{ fontSize: 15, marginBottom: 16 }}>
              接入后，本机会在省级平台登记，自动设置本服务点的名称、区划代码和终端编号，下载代办员账号和服务事项目录；以后受理的申请在联网时自动上报。
              <Typography.Text type="secondary">只需做一次，接入时本机须能连上电子政务外网。</Typography.Text>
            </Typography.Paragraph>
            <EnrollForm onEnrolled={setDone} />
          </>
        )}
      </Card>
    </div>
  );
}
