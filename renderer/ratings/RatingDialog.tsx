import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Alert, Button, Modal, Radio, Space } from 'antd';
import type { RatingView } from '../../core/api/rating-methods';
import { isPoorRating, RATING_LEVEL_NAMES, RATING_LEVELS, RATING_STAGE_NAMES, type RatingLevel, type RatingStage } from '../../core/ratings/model';
import { call, padWindowLink } from '../api/client';
import { useAction } from '../shared/use-action';
import { useStationEvent } from '../shared/use-station-event';
import { LEVEL_COLOR, RatingDetails, ratingKey, useRatingForm } from './rating-form';

export interface RatingDialogProps {
  open: boolean;
  applicationId: string;
  stage: RatingStage;
  /** Who rates and what: shown so the resident knows what the rating is about. */
  residentName: string;
  itemName: string;
  /** The rating saved (here or on the resident's screen), or null when the resident chose not to rate now. */
  onClose(rating: RatingView | null): void;
}

/** The browser host's 评价屏: a small window of its own, to drag onto a second screen. */
function openPadWindow(url: string): void {
  window.open(url, 'daiban-pad', 'popup,width=960,height=680');
}

/**
 * 好差评 at the counter (一次一评): the resident picks one of five levels, may tick reasons and say more; the
 * cadre types for them if asked, or the resident answers on their own screen (评价屏) where one is open.
 * Keys: 1–5 pick a level left to right (1 = 非常满意), Enter submits, Esc means the resident does not rate now
 * (it can be done later from the application).
 */
export function RatingDialog(p: RatingDialogProps) {
  const form = useRatingForm();
  const levels = useRef<HTMLDivElement>(null);
  const [padOpen, setPadOpen] = useState(false);
  // Fetched when the dialog opens, so the click opens the window at once (a popup needs the click's activation).
  const [padUrl, setPadUrl] = useState<string | null>(null);
  // Closed once, whichever screen answered first (this one, or the resident's: rating.done).
  const closed = useRef(true);
  const close = (rating: RatingView | null) => {
    if (closed.current) return;
    closed.current = true;
    if (!rating) void call('ratings.dismiss', {}).catch(() => undefined);
    p.onClose(rating);
  };
  useStationEvent('rating.done', (e) => {
    if (e.applicationId === p.applicationId && e.stage === p.stage && e.rating) close(e.rating);
  });
  const save = useAction(async (l: RatingLevel) => {
    close(await call('ratings.submit', { applicationId: p.applicationId, stage: p.stage, ...form.answer(l) }));
  });
  const submit = () => (form.level === null ? save.fail('请先选择满意程度（按数字键 1–5）') : void save.run(form.level));
  const { clear } = save;
  useEffect(() => {
    if (!p.open) return;
    closed.current = false;
    setPadOpen(false);
    // The resident's screen, where one is open, shows the same request.
    call('ratings.ask', { applicationId: p.applicationId, stage: p.stage }).then(
      (r) => setPadOpen(r.padOpen),
      () => undefined,
    );
    void padWindowLink().then(setPadUrl);
    form.reset();
    clear();
    // Only a newly opened dialog starts empty.
  }, [p.open]);

  const onKey = (e: KeyboardEvent) => {
    const l = ratingKey(e, form, submit);
    // The cursor follows the choice: arrows move on from it, Tab leaves the levels for the reasons.
    if (l !== null) levels.current?.querySelector<HTMLInputElement>(`input[value="${l}"]`)?.focus();
  };

  return (
    <Modal
      open={p.open}
      title={`请${p.residentName}对本次服务评价（${RATING_STAGE_NAMES[p.stage]}）`}
      width={860}
      onCancel={() => close(null)}
      destroyOnHidden
      footer={
        <Space>
          <Button size="large" onClick={() => close(null)}>
            群众暂不评价
          </Button>
          <Button size="large" type="primary" loading={save.busy} onClick={submit}>
            提交评价
          </Button>
        </Space>
      }
    >
      <div onKeyDown={onKey}>
        <p className="muted" style={{ marginTop: 0 }}>
          办理事项：{p.itemName}。评价按自愿原则，由群众本人选择；按数字键 1–5 选择，回车提交。
        </p>
        {padOpen ? (
          <Alert type="success" showIcon style={{ marginBottom: 12 }} title="评价屏上已显示本次评价，请群众在评价屏上选择；群众要求时也可以由您代为录入。" />
        ) : (
          padUrl && (
            <Button
              type="link"
              style={{ padding: 0, marginBottom: 8 }}
              onClick={() => {
                openPadWindow(padUrl);
                setPadOpen(true);
              }}
            >
              打开评价屏（给群众看的小窗口，可拖到第二块屏幕）
            </Button>
          )
        )}
        <div ref={levels}>
          <Radio.Group
            aria-label="满意程度"
            name="rating-level"
            value={form.level}
            onChange={(e) => form.choose(e.target.value as RatingLevel)}
            buttonStyle="solid"
            size="large"
            style={{ display: 'flex', marginBottom: 16 }}
          >
            {RATING_LEVELS.map((l, i) => (
              <Radio.Button key={l} value={l} autoFocus={i === 0} style={{ flex: 1, textAlign: 'center', fontSize: 18 }}>
                <span style={{ color: form.level === l ? undefined : LEVEL_COLOR[l] }}>
                  {i + 1} {RATING_LEVEL_NAMES[l]}
                </span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </div>
        <RatingDetails form={form} />
        {form.level !== null && isPoorRating(form.level) && (
          <Alert type="info" showIcon style={{ marginTop: 12 }} title="差评会转给乡镇，由专人回访核实、限期整改并向您反馈。" />
        )}
        {save.error && <Alert type="error" showIcon title={save.error} style={{ marginTop: 12 }} />}
      </div>
    </Modal>
  );
}
