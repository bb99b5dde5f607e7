import type React from 'react';

/**
 * Enter in a one-line field moves to the next field, as cadres used to paper-form software expect.
 * Selects, date pickers, text areas and buttons keep their own Enter.
 */
export function moveOnEnter(e: React.KeyboardEvent<HTMLElement>): void {
  if (e.key !== 'Enter' || e.nativeEvent.isComposing || e.shiftKey || e.ctrlKey || e.altKey) return;
  const t = e.target as HTMLElement;
  if (!(t instanceof HTMLInputElement)) return;
  if (t.getAttribute('role') === 'combobox' || t.closest('.ant-picker') || t.type === 'checkbox' || t.type === 'radio') return;
  const all = [...e.currentTarget.querySelectorAll<HTMLElement>('input, textarea')].filter(
    (el) => !(el as HTMLInputElement).disabled && el.offsetParent !== null && (el as HTMLInputElement).type !== 'file',
  );
  const next = all[all.indexOf(t) + 1];
  if (next) {
    e.preventDefault();
    next.focus();
  }
}
