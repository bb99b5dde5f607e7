import { Button, Descriptions, Result } from 'antd';
import type { ServicePointView } from '../../core/api/views';
import { RecoverySummary } from './RecoverySummary';

/** What enrollment set up, before the cadre logs in with an account that came from the platform. */
export function EnrollDone({
  servicePoint,
  onContinue,
  continueLabel = '去登录',
  note = '本服务点的信息和代办员账号已下载到本机，请用县级运维人员分配的账号登录。',
}: {
  servicePoint: ServicePointView;
  onContinue(): void;
  continueLabel?: string;
  note?: string;
}) {
  return (
    <Result
      status="success"
      title="已接入省级平台"
      subTitle={note}
      style={{ padding: '8px 0' }}
      extra={
        <Button type="primary" size="large" autoFocus onClick={onContinue}>
          {continueLabel}
        </Button>
      }
    >
      <Descriptions
        column={1}
        size="small"
        bordered
        styles={{ label: { width: 120 } }}
        items={[
          { key: 'name', label: '服务点名称', children: servicePoint.name },
          { key: 'division', label: '区划代码', children: servicePoint.divisionCode },
          { key: 'terminal', label: '终端编号', children: servicePoint.terminalNo },
        ]}
      />
      <RecoverySummary />
    </Result>
  );
}
