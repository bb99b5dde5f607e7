import { useState } from 'react';
import type { FormInstance } from 'antd';
import { markFieldRefusals } from '../components/field-refusals';
import { useItLink } from './it-context';

export interface ItSubmit {
  busy: boolean;
  /** The refusal no field of the form took (Chinese), for one alert above the form. */
  error: string | null;
  submit(run: () => Promise<void>): Promise<void>;
}

/** An IT console form's submit: busy while it runs, refusals under their fields, anything else in `error`. */
export function useItSubmit<V>(form: FormInstance<V>, names: readonly (keyof V & string)[]): ItSubmit {
  const { failed } = useItLink();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (run: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (e) {
      const marked = markFieldRefusals(form, names, e);
      const text = failed(e);
      if (!marked) setError(text);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit };
}
