/**
 * `npm run bench:form`: prints one JSON object. What the catalog's form logic costs where it runs on every
 * submission (the station's submit, the platform's ingest) and on every keystroke (the renderer's live view):
 * validateForm on realistic 低保 forms (distinct names, valid ID numbers, households of 1 to 6, varied incomes)
 * with the item's rules and parameters, against the same forms checked by their fields alone (the baseline, what
 * the evaluator did before the rules), in one run. Median of five rounds; the ratio is rules ÷ fields alone.
 */
import { performance } from 'node:perf_hooks';
import { SEED_CATALOG } from '../../core/catalog/seed';
import { formLiveState, validateForm } from '../../core/forms/validate';
import { dibaoForm } from './county-data';

const FORMS = Number(process.env.BENCH_FORMS ?? 5_000);
const ROUNDS = 5;
const item = SEED_CATALOG.items.find((i) => i.code === 'MZ-0001')!;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const perFormMicros = (run: (f: Record<string, unknown>) => unknown, forms: Record<string, unknown>[]) =>
  median(
    Array.from({ length: ROUNDS }, () => {
      const t = performance.now();
      for (const f of forms) run(f);
      return ((performance.now() - t) * 1000) / forms.length;
    }),
  );

const forms = Array.from({ length: FORMS }, (_, i) => dibaoForm(i));
const fieldsOnly = { fields: item.form.fields };
const options = { today: '2026-12-06', applicant: { age: 58, gender: 'female' } };
// Warm up the JIT and the expression cache, as a running process would be.
for (const f of forms.slice(0, 500)) validateForm(item.form, f, options);

const withRules = perFormMicros((f) => validateForm(item.form, f, options), forms);
const baseline = perFormMicros((f) => validateForm(fieldsOnly, f, options), forms);
const live = perFormMicros((f) => formLiveState(item.form, f, options), forms);
const refused = forms.filter((f) => !validateForm(item.form, f, options).ok).length;

console.log(
  JSON.stringify({
    forms: FORMS,
    refused_by_rules: refused,
    validate_us_per_form_with_rules: Math.round(withRules * 10) / 10,
    validate_us_per_form_fields_only: Math.round(baseline * 10) / 10,
    ratio_rules_over_fields_only: Math.round((withRules / baseline) * 100) / 100,
    live_view_us_per_keystroke: Math.round(live * 10) / 10,
  }),
);
