import { useState } from 'react';
import { App, Button } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import type { ApplicationView } from '../../core/api/views';
import { call, errorMessage } from '../api/client';
import { RatingDialog } from '../ratings/RatingDialog';

/**
 * 办结（已告知申请人）: the resident has been told the result; the application is closed, and the resident is
 * asked to rate the service (办结评价) before the screen moves on.
 */
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
  const [rating, setRating] = useState(false);
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
          setRating(true);
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });
  return (
    <>
      <Button size={size} icon={<CheckCircleOutlined />} onClick={complete}>
        办结（已告知申请人）
      </Button>
      <RatingDialog
        open={rating}
        applicationId={a.id}
        stage="result"
        residentName={a.residentName}
        itemName={a.itemName}
        onClose={() => {
          setRating(false);
          onDone();
        }}
      />
    </>
  );
}
