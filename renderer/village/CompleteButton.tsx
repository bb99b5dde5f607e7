import { App, Button } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import type { ApplicationView } from '../../core/api/views';
import { call, errorMessage } from '../api/client';

/** 办结（已告知申请人）: the resident has been told the result; the application is closed. */
export function CompleteButton({
  application: a,
  onDone,
  size = 'large',
}: {
  application: ApplicationView;
  onDone(): void;
  size?: 'large' | 'small' | 'middle';
}) {
  const { message, modal } = App.useApp();
  const complete = () =>
    modal.confirm({
      title: '确认办结？',
      content: `请确认已把审核结果告知${a.residentName}（“${a.itemName}”）。办结后该申请不再办理。`,
      okText: '已告知，办结',
      cancelText: '取消',
      onOk: async () => {
        try {
          await call('applications.complete', { id: a.id });
          message.success('已办结');
          onDone();
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });
  return (
    <Button size={size} icon={<CheckCircleOutlined />} onClick={complete}>
      办结（已告知申请人）
    </Button>
  );
}
