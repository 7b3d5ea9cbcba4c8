import fontsUrl from './fonts.css?url';

let asked = false;

/**
 * Adds the bundled CJK web font once the first screen has been painted. Text first shows in the
 * system font and swaps to Noto Sans SC when it has loaded (the faces use font-display: swap),
 * so the kiosk is usable sooner on a slow terminal. The link is same-origin: the CSP allows it.
 */
export function loadFontsAfterFirstFrame(doc: Document = document): void {
  if (asked) return; // once per page, however often the kiosk's root mounts
  asked = true;
  requestAnimationFrame(() =>
    setTimeout(() => {
      const link = doc.createElement('link');
      link.rel = 'stylesheet';
      link.href = fontsUrl;
      // Marks the document once the faces in use have loaded: screenshots and tests wait for it.
      link.onload = () =>
        void doc.fonts.ready.then(() => (doc.documentElement.dataset.fonts = 'ready'));
      doc.head.appendChild(link);
    }, 0),
  );
}
