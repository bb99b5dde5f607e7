import { useEffect, useState, type ReactNode } from 'react';
import { Button, Result, Spin } from 'antd';
import type { ApplicationDetail } from '../../core/api/views';
import type { ApplicationStatus } from '../../core/lifecycle';
import { call, errorMessage } from '../api/client';
import { useNav, type Route } from '../app/nav';

interface Props {
  applicationId: string;
  /** The only status in which `children` may work on the application. */
  status: ApplicationStatus;
  /** Shown (with a link to the details) when the application is in any other status. */
  wrongStatusTitle: string;
  /** Where to go when the application cannot be opened. */
  back: { route: Route; label: string };
  children(detail: ApplicationDetail): ReactNode;
}

/** Loads an application and hands it to `children` only if it is in `status`; otherwise says why not. */
export function ApplicationInStatus({ applicationId, status, wrongStatusTitle, back, children }: Props) {
  const { go } = useNav();
  const [detail, setDetail] = useState<ApplicationDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('applications.get', { id: applicationId }).then(setDetail, (e) => setError(errorMessage(e)));
  }, [applicationId]);
  if (error) return <Result status="error" title="无法打开该申请" subTitle={error} extra={<Button onClick={() => go(back.route)}>{back.label}</Button>} />;
  if (!detail)
    return (
      <div className="screen">
        <Spin /> 正在打开申请…
      </div>
    );
  if (detail.status !== status) {
    return (
      <Result
        status="info"
        title={wrongStatusTitle}
        extra={
          <Button type="primary" onClick={() => go({ name: 'detail', applicationId })}>
            查看申请详情
          </Button>
        }
      />
    );
  }
  return children(detail);
}
