const FOCUSABLE = [
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'a[href]',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** Focusable, visible elements inside `container`, in document order. */
export function focusableIn(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => el.getClientRects().length > 0 && !el.closest('[inert]'),
  );
}

/** Focus the screen's chosen first element (`data-autofocus`), else its first focusable one. */
export function focusInitial(container: HTMLElement): void {
  const items = focusableIn(container);
  const preferred = items.find((el) => el.hasAttribute('data-autofocus')) ?? items[0];
  preferred?.focus();
}

/** True when keyboard focus is nowhere useful: on the body, or outside the current screen. */
export function focusIsLost(container: HTMLElement): boolean {
  const active = document.activeElement;
  return !active || active === document.body || !container.contains(active);
}

export function isTextField(el: Element | null): el is HTMLInputElement | HTMLTextAreaElement {
  if (el instanceof HTMLTextAreaElement) return true;
  if (!(el instanceof HTMLInputElement)) return false;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color'].includes(el.type);
}
