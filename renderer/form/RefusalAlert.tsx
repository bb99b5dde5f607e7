import { Alert } from 'antd';

/** Why the station refused to save the form; closable, announced to screen readers. Nothing when there is none. */
export function RefusalAlert({ refusal, onClose }: { refusal: string | null; onClose(): void }) {
  if (!refusal) return null;
  return <Alert type="error" showIcon title={refusal} closable onClose={onClose} style={{ marginBottom: 12 }} role="alert" />;
}
