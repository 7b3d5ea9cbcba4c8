import { useEffect, type RefObject } from 'react';

const BACK = new Set(['Escape', 'BrowserBack', 'GoBack']);

/**
 * A dialog over the check-in screen: Back closes the dialog, not the screen (capture phase, so
 * the app's own Back never sees the key), and the focus starts inside it.
 */
export function useDialogKeys(ref: RefObject<HTMLElement | null>, onClose: () => void): void {
  useEffect(() => {
    const dialog = ref.current;
    (
      dialog?.querySelector<HTMLElement>('[data-autofocus]') ??
      dialog?.querySelector<HTMLElement>('button')
    )?.focus();
  }, [ref]);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const inField =
        event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
      if (BACK.has(event.key) || (event.key === 'Backspace' && !inField)) {
        event.preventDefault();
        event.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [onClose]);
}
