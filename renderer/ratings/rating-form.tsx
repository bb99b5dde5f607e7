import { useCallback, useState, type KeyboardEvent } from 'react';
import { Checkbox, Input } from 'antd';
import { isPoorRating, RATING_LEVELS, reasonsFor, type RatingLevel } from '../../core/ratings/model';

/** One colour a level, green to red, on both screens. */
export const LEVEL_COLOR: Record<RatingLevel, string> = { 5: '#389e0d', 4: '#52c41a', 3: '#1677ff', 2: '#fa8c16', 1: '#cf1322' };

export interface RatingForm {
  level: RatingLevel | null;
  reasons: string[];
  comment: string;
  choose(level: RatingLevel): void;
  setReasons(reasons: string[]): void;
  setComment(comment: string): void;
  reset(): void;
  /** What ratings.submit takes besides the application and stage. */
  answer(level: RatingLevel): { level: RatingLevel; reasons: string[]; comment: string | null };
}

/** The rating being given, the same on the cadre's dialog and the resident's screen. */
export function useRatingForm(): RatingForm {
  const [level, setLevel] = useState<RatingLevel | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const choose = useCallback(
    (l: RatingLevel) => {
      // A level on the other side keeps none of the reasons ticked for this one.
      if (level === null || isPoorRating(l) !== isPoorRating(level)) setReasons([]);
      setLevel(l);
    },
    [level],
  );
  const reset = useCallback(() => {
    setLevel(null);
    setReasons([]);
    setComment('');
  }, []);
  return { level, reasons, comment, choose, setReasons, setComment, reset, answer: (l) => ({ level: l, reasons, comment: comment.trim() || null }) };
}

/**
 * Keys on either screen, outside the comment box: 1–5 pick a level left to right (1 = 非常满意), Enter submits
 * (not on a button, which Enter presses itself). Returns the level picked, if any.
 */
export function ratingKey(e: KeyboardEvent, form: RatingForm, submit: () => void): RatingLevel | null {
  const target = e.target as HTMLElement;
  if (target.tagName === 'TEXTAREA') return null;
  const n = Number(e.key);
  if (Number.isInteger(n) && n >= 1 && n <= 5) {
    e.preventDefault();
    const l = RATING_LEVELS[n - 1]!;
    form.choose(l);
    return l;
  }
  if (e.key === 'Enter' && !target.closest('button')) {
    e.preventDefault();
    submit();
  }
  return null;
}

/** The reasons of the chosen level's side and the comment: what the follow-up starts from. */
export function RatingDetails({ form, large = false }: { form: RatingForm; large?: boolean }) {
  if (form.level === null) return null;
  const poor = isPoorRating(form.level);
  const size = large ? 18 : undefined;
  return (
    <>
      <div style={{ marginBottom: 8, fontSize: large ? 20 : undefined }}>{poor ? '哪里让您不满意？（可多选）' : '哪些方面让您满意？（可多选，可不选）'}</div>
      <Checkbox.Group
        aria-label={poor ? '不满意的原因' : '满意的方面'}
        value={form.reasons}
        onChange={(v) => form.setReasons(v as string[])}
        options={Object.entries(reasonsFor(form.level)).map(([value, label]) => ({ value, label: <span style={{ fontSize: size }}>{label}</span> }))}
        style={{ marginBottom: 12 }}
      />
      <Input.TextArea
        aria-label="评价意见"
        placeholder={poor ? '请说说具体情况，乡镇会回访核实并整改（选填）' : '还有什么想说的（选填）'}
        value={form.comment}
        onChange={(e) => form.setComment(e.target.value)}
        maxLength={300}
        autoSize={{ minRows: 2, maxRows: 4 }}
        style={{ fontSize: size }}
      />
    </>
  );
}
