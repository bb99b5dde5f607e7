import { useEffect, useRef, useState } from 'react';
import { Button, Result } from 'antd';
import { FrownFilled, FrownOutlined, MehOutlined, SmileFilled, SmileOutlined } from '@ant-design/icons';
import type { RatingRequestView } from '../../core/api/rating-methods';
import { RATING_LEVEL_NAMES, RATING_LEVELS, type RatingLevel } from '../../core/ratings/model';
import { call, errorMessage } from '../api/client';
import { useStationEvent } from '../shared/use-station-event';
import { LEVEL_COLOR, RatingDetails, ratingKey, useRatingForm } from './rating-form';

/** How often the screen asks for a request it may have missed; it also tells the station the screen is there. */
const POLL_MS = 4_000;
const THANKS_MS = 4_000;
const FACE: Record<RatingLevel, React.ReactNode> = { 5: <SmileFilled />, 4: <SmileOutlined />, 3: <MehOutlined />, 2: <FrownOutlined />, 1: <FrownFilled /> };

const keyOf = (r: RatingRequestView | null) => (r ? `${r.applicationId}:${r.stage}` : '');

/**
 * 评价屏: the resident's own screen at the counter (a second display the shell opens, or a small window of the
 * browser host). It waits for the cadre's request, then the resident taps a level, may tick reasons and say
 * more, and submits; the cadre's dialog closes by itself. Touch first, keys 1–5 and Enter too.
 */
export function RatingPad() {
  const [request, setRequest] = useState<RatingRequestView | null>(null);
  const form = useRatingForm();
  const [thanks, setThanks] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shown = useRef('');

  // A new request (or none) starts the form afresh; the same one polled again keeps what was chosen.
  const show = (r: RatingRequestView | null) => {
    if (keyOf(r) !== shown.current) {
      shown.current = keyOf(r);
      form.reset();
      setError(null);
    }
    setRequest(r);
  };
  const latestShow = useRef(show);
  latestShow.current = show;
  useEffect(() => {
    const poll = () =>
      void call('ratings.asked', {}).then(
        (r) => latestShow.current(r),
        () => latestShow.current(null),
      );
    poll();
    const timer = setInterval(poll, POLL_MS);
    return () => clearInterval(timer);
  }, []);
  useStationEvent('rating.asked', (e) => show(e.request));
  useEffect(() => {
    if (!thanks) return;
    const timer = setTimeout(() => setThanks(false), THANKS_MS);
    return () => clearTimeout(timer);
  }, [thanks]);

  const submit = async () => {
    if (!request) return;
    if (form.level === null) return setError('请先点选您的满意程度');
    try {
      await call('ratings.submit', { applicationId: request.applicationId, stage: request.stage, ...form.answer(form.level) });
      show(null);
      setThanks(true);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  if (thanks) return <Result status="success" title="感谢您的评价！" subTitle="您的意见我们会认真听取、及时改进。" style={{ marginTop: '15vh' }} />;
  if (!request) {
    return (
      <div style={{ textAlign: 'center', marginTop: '25vh', fontSize: 28 }}>
        <div>为民服务全程代办</div>
        <div className="muted" style={{ fontSize: 20, marginTop: 16 }}>
          办理完成后，请在这里对我们的服务进行评价
        </div>
      </div>
    );
  }
  return (
    <div style={{ padding: 24, maxWidth: 960, margin: '0 auto' }} onKeyDown={(e) => ratingKey(e, form, () => void submit())}>
      <h1 style={{ fontSize: 28, marginTop: 0 }}>{request.residentName}，请您对本次服务评价</h1>
      <div className="muted" style={{ fontSize: 18, marginBottom: 20 }}>
        {request.servicePointName}　{request.itemName}（{request.stageName}）
      </div>
      <div role="radiogroup" aria-label="满意程度" style={{ display: 'flex', gap: 12, marginBottom: 20 }}>
        {RATING_LEVELS.map((l) => {
          const on = form.level === l;
          return (
            <button
              key={l}
              type="button"
              role="radio"
              aria-checked={on}
              onClick={() => form.choose(l)}
              style={{
                flex: 1,
                padding: '16px 4px',
                fontSize: 22,
                borderRadius: 12,
                cursor: 'pointer',
                border: `3px solid ${on ? LEVEL_COLOR[l] : '#d9d9d9'}`,
                background: on ? LEVEL_COLOR[l] : '#fff',
                color: on ? '#fff' : LEVEL_COLOR[l],
              }}
            >
              <div style={{ fontSize: 44 }} aria-hidden>
                {FACE[l]}
              </div>
              {RATING_LEVEL_NAMES[l]}
            </button>
          );
        })}
      </div>
      <RatingDetails form={form} large />
      {error && <div style={{ color: '#cf1322', fontSize: 18, marginTop: 12 }}>{error}</div>}
      <Button type="primary" size="large" block onClick={() => void submit()} style={{ marginTop: 20, height: 56, fontSize: 22 }}>
        提交评价
      </Button>
    </div>
  );
}
