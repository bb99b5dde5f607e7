import type React from 'react';

/**
 * Enter moves to the next field, as cadres used to paper-form software expect, and submits only where
 * there is no next field (the form's own submit then runs). Spread `enterMovesOn` on the element that holds
 * the fields. Text areas keep Enter for a new line; a select takes Enter to pick while its list is open and
 * moves on once it is closed; a radio group moves on; an open date picker takes Enter to confirm.
 */
export const enterMovesOn = enterMovesOnThen(() => false);

/**
 * The same, with somewhere to go after the last field (the materials checklist, then the next-step button):
 * `onEnd` focuses it and says whether it did; if not, Enter does what the page does with it (a form submits).
 */
export function enterMovesOnThen(onEnd: () => boolean) {
  return {
    onKeyDown: (e: React.KeyboardEvent<HTMLElement>) => moveOnEnter(e, onEnd),
    onKeyDownCapture: (e: React.KeyboardEvent<HTMLElement>) => closedSelectMovesOn(e, onEnd),
  };
}

const plainEnter = (e: React.KeyboardEvent) => e.key === 'Enter' && !e.nativeEvent.isComposing && !e.shiftKey && !e.ctrlKey && !e.altKey;

/** The fields Enter moves between, in order: visible, enabled inputs and text areas; one stop per radio group. */
function stops(root: HTMLElement): HTMLElement[] {
  const seen = new Set<string>();
  return [...root.querySelectorAll<HTMLElement>('input, textarea')].filter((el) => {
    const input = el as HTMLInputElement;
    // A select's input is read-only unless it searches: it is still a field.
    const readOnly = input.readOnly && el.getAttribute('role') !== 'combobox';
    if (input.disabled || readOnly || el.offsetParent === null || ['file', 'hidden', 'checkbox'].includes(input.type)) return false;
    if (input.type !== 'radio') return true;
    if (seen.has(input.name)) return false;
    seen.add(input.name);
    return true;
  });
}

/** A field with no answer yet: an empty box, a select with nothing chosen, a radio group with nothing picked. */
function isEmpty(el: HTMLElement): boolean {
  const input = el as HTMLInputElement;
  if (el.getAttribute('role') === 'combobox') return !el.closest('.ant-select')?.querySelector('.ant-select-content-has-value, .ant-select-selection-item');
  if (input.type === 'radio') return !el.closest('[role=radiogroup]')?.querySelector('input[type=radio]:checked');
  return input.value === '';
}

function focusNext(root: HTMLElement, from: HTMLElement): boolean {
  const all = stops(root);
  const at = from instanceof HTMLInputElement && from.type === 'radio' ? all.findIndex((el) => (el as HTMLInputElement).name === from.name) : all.indexOf(from);
  if (at < 0) return false;
  const rest = all.slice(at + 1);
  let next = rest[0];
  // In a household table (filled from the 户) Enter goes to the next cell that still needs an answer, an
  // empty cell of a required column, and past the table when there is none; Tab still visits every cell.
  const table = next?.closest('table.members-table');
  if (table) {
    next = rest.find((el) => table.contains(el) && el.closest('td[data-cell-required="true"]') && isEmpty(el)) ?? rest.find((el) => !table.contains(el));
  }
  if (!next) return false;
  // A radio group is entered at its chosen option, as Tab would.
  const checked =
    next instanceof HTMLInputElement && next.type === 'radio' ? root.querySelector<HTMLElement>(`input[type=radio][name="${next.name}"]:checked`) : null;
  (checked ?? next).focus();
  return true;
}

function moveOnEnter(e: React.KeyboardEvent<HTMLElement>, onEnd: () => boolean): void {
  if (!plainEnter(e) || e.defaultPrevented) return;
  const t = e.target as HTMLElement;
  if (!(t instanceof HTMLInputElement)) return;
  if (t.getAttribute('role') === 'combobox' || t.type === 'checkbox') return;
  if (t.closest('.ant-picker') && document.querySelector('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)')) return;
  if (focusNext(e.currentTarget, t) || onEnd()) e.preventDefault();
}

/** Before the select sees it: Enter on a closed select moves on instead of opening the list again. */
function closedSelectMovesOn(e: React.KeyboardEvent<HTMLElement>, onEnd: () => boolean): void {
  if (!plainEnter(e)) return;
  const t = e.target as HTMLElement;
  if (t.getAttribute('role') !== 'combobox' || t.closest('.ant-picker')) return;
  if (t.getAttribute('aria-expanded') === 'true') {
    // Enter picks in the open list (the select's own handling), and then the cursor moves on by itself.
    // The select renders its choice a frame or two later: wait for it (a few frames at most), and move on only
    // if something was chosen and the cursor is still there.
    // The select also puts the cursor back in itself once its list has closed, so keep an eye on it a few
    // frames more and move on again if it did.
    const root = e.currentTarget;
    let frames = 0;
    let moved = false;
    const advance = () => {
      if (++frames > 30) return;
      if (document.activeElement === t && !isEmpty(t) && t.getAttribute('aria-expanded') !== 'true') {
        moved = focusNext(root, t) || onEnd() || moved;
      } else if (moved && document.activeElement !== t && frames > 8) return;
      requestAnimationFrame(advance);
    };
    requestAnimationFrame(advance);
    return;
  }
  // Nothing chosen yet: Enter opens the list, as the cadre expects.
  if (!t.closest('.ant-select')?.querySelector('.ant-select-content-has-value, .ant-select-selection-item')) return;
  if (focusNext(e.currentTarget, t) || onEnd()) {
    e.preventDefault();
    e.stopPropagation();
  }
}

/**
 * After the form: the first required material not yet ticked, else the screen's next-step button
 * (`data-next-step`). Enter on a material then ticks it and comes back here (MaterialsChecklist).
 */
export function focusNextNeeded(justTicked?: string | 'all'): boolean {
  // The box just ticked may not show as checked yet (React renders it a moment later): skip it by name.
  const needed =
    justTicked === 'all'
      ? []
      : [...document.querySelectorAll<HTMLElement>('[data-material-required="true"]')]
          .filter((li) => li.dataset.material !== justTicked)
          .map((li) => li.querySelector<HTMLInputElement>('input[type=checkbox]'))
          .filter((box): box is HTMLInputElement => box !== null && !box.checked);
  // Several still needed: the one button that ticks them all comes first (the resident brought the set).
  const all = needed.length > 1 && !justTicked ? document.querySelector<HTMLElement>('[data-all-materials]') : null;
  const target = all ?? needed[0] ?? document.querySelector<HTMLElement>('[data-next-step]');
  target?.focus();
  return Boolean(target);
}
