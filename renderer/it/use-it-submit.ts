import type { FormInstance } from 'antd';
import { markFieldRefusals } from '../shared/field-refusals';
import { useAction } from '../shared/use-action';
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
  const action = useAction(
    (run: () => Promise<void>) => run(),
    (e) => {
      const marked = markFieldRefusals(form, names, e);
      const text = failed(e);
      return marked ? null : text;
    },
  );
  return {
    busy: action.busy,
    error: action.error,
    submit: async (run) => {
      await action.run(run);
    },
  };
}
