import { useEffect, useRef, useState } from 'react';
import { Button, Space, Tag } from 'antd';
import { LikeOutlined } from '@ant-design/icons';
import type { RatingView } from '../../core/api/rating-methods';
import { RATING_STAGE_NAMES, type RatingStage } from '../../core/ratings/model';
import { call } from '../api/client';
import { useLoad } from '../shared/use-load';
import { RatingDialog } from './RatingDialog';

export interface RatingLineProps {
  applicationId: string;
  stage: RatingStage;
  residentName: string;
  itemName: string;
  /** Opens the dialog by itself once this turns true and the stage is not rated yet (after the receipt is printed). */
  askNow?: boolean;
  /** After a rating was saved (the application's history shows it). */
  onRated?(): void;
}

/** How a rating reads in one line: 不满意（办理时间太长、…）"排队等了一个多小时". */
export function ratingText(r: RatingView): string {
  const reasons = r.reasons.length > 0 ? `（${r.reasons.map((x) => x.name).join('、')}）` : '';
  return `${r.levelName}${reasons}${r.comment ? `“${r.comment}”` : ''}`;
}

/** One stage's rating of an application: what the resident said, or the button that asks them. */
export function RatingLine(p: RatingLineProps) {
  const loaded = useLoad(() => call('ratings.ofApplication', { applicationId: p.applicationId }), [p.applicationId]);
  const [open, setOpen] = useState(false);
  const asked = useRef(false);
  const rating = loaded.data?.find((r) => r.stage === p.stage) ?? null;
  useEffect(() => {
    if (p.askNow && loaded.data && !rating && !asked.current) {
      asked.current = true;
      setOpen(true);
    }
  }, [p.askNow, loaded.data, rating]);

  const label = RATING_STAGE_NAMES[p.stage];
  return (
    <Space wrap>
      {rating ? (
        <span>
          {label}：<Tag color={rating.poor ? 'red' : 'green'}>{rating.levelName}</Tag>
          <span className="muted">{ratingText(rating).slice(rating.levelName.length)}</span>
          {[
            rating.revisit && `乡镇已回访（${rating.revisit.byName}）：${rating.revisit.note}`,
            rating.rectify && `乡镇已整改（${rating.rectify.byName}）：${rating.rectify.note}`,
          ]
            .filter(Boolean)
            .map((line) => (
              <div key={line as string} className="muted" style={{ fontSize: 14 }}>
                {line}
              </div>
            ))}
        </span>
      ) : (
        <Button icon={<LikeOutlined />} onClick={() => setOpen(true)} disabled={!loaded.data}>
          请群众评价（{label}）
        </Button>
      )}
      <RatingDialog
        open={open}
        applicationId={p.applicationId}
        stage={p.stage}
        residentName={p.residentName}
        itemName={p.itemName}
        onClose={(saved) => {
          setOpen(false);
          if (saved) {
            loaded.reload();
            p.onRated?.();
          }
        }}
      />
    </Space>
  );
}
