import { useEffect, useRef, useState } from 'react';
import { Button, Space, Tag } from 'antd';
import { LikeOutlined } from '@ant-design/icons';
import type { RatingView } from '../../core/api/rating-methods';
import { RATING_STAGE_NAMES, type RatingStage } from '../../core/ratings/model';
import { call } from '../api/client';
import { useLoad } from '../shared/use-load';
import { RatingDialog } from './RatingDialog';

export interface RatingLinesProps {
  applicationId: string;
  /** The stages that can be rated now, in order (受理; and 办结 once there is a result). */
  stages: RatingStage[];
  residentName: string;
  itemName: string;
  /** Opens the dialog by itself once this turns true and the first stage is not rated yet (after the receipt is printed). */
  askNow?: boolean;
  /** After a rating was saved (the application's history shows it). */
  onRated?(): void;
}

/** How a rating reads in one line: 不满意（办理时间太长、…）"排队等了一个多小时". */
export function ratingText(r: RatingView): string {
  const reasons = r.reasons.length > 0 ? `（${r.reasons.map((x) => x.name).join('、')}）` : '';
  return `${r.levelName}${reasons}${r.comment ? `“${r.comment}”` : ''}`;
}

/** One rating as it reads under the application, with the township's answer to a 差评. */
function RatingShown({ rating }: { rating: RatingView }) {
  const answers = [
    rating.revisit && `乡镇已回访（${rating.revisit.byName}）：${rating.revisit.note}`,
    rating.rectify && `乡镇已整改（${rating.rectify.byName}）：${rating.rectify.note}`,
  ].filter((line): line is string => Boolean(line));
  return (
    <span>
      {rating.stageName}：<Tag color={rating.poor ? 'red' : 'green'}>{rating.levelName}</Tag>
      <span className="muted">{ratingText(rating).slice(rating.levelName.length)}</span>
      {answers.map((line) => (
        <div key={line} className="muted" style={{ fontSize: 14 }}>
          {line}
        </div>
      ))}
    </span>
  );
}

/** An application's ratings, one line a stage: what the resident said, or the button that asks them (one load, one dialog). */
export function RatingLines(p: RatingLinesProps) {
  const loaded = useLoad(() => call('ratings.ofApplication', { applicationId: p.applicationId }), [p.applicationId]);
  const [asking, setAsking] = useState<RatingStage | null>(null);
  const asked = useRef(false);
  const ratingOf = (stage: RatingStage) => loaded.data?.find((r) => r.stage === stage) ?? null;
  const first = p.stages[0];
  const firstRated = first !== undefined && ratingOf(first) !== null;
  useEffect(() => {
    if (p.askNow && first && loaded.data && !firstRated && !asked.current) {
      asked.current = true;
      setAsking(first);
    }
  }, [p.askNow, first, loaded.data, firstRated]);

  return (
    <Space direction="vertical" size={4}>
      {p.stages.map((stage) => {
        const rating = ratingOf(stage);
        return rating ? (
          <RatingShown key={stage} rating={rating} />
        ) : (
          <Button key={stage} icon={<LikeOutlined />} onClick={() => setAsking(stage)} disabled={!loaded.data}>
            请群众评价（{RATING_STAGE_NAMES[stage]}）
          </Button>
        );
      })}
      <RatingDialog
        open={asking !== null}
        applicationId={p.applicationId}
        stage={asking ?? p.stages[0] ?? 'receipt'}
        residentName={p.residentName}
        itemName={p.itemName}
        onClose={(saved) => {
          setAsking(null);
          if (saved) {
            loaded.reload();
            p.onRated?.();
          }
        }}
      />
    </Space>
  );
}
