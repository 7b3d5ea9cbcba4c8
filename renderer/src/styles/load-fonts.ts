import fontsUrl from './fonts.css?url';

/**
 * Adds the bundled CJK web font (main.tsx calls it once the first screen has been drawn). Text
 * first shows in the system font and swaps to Noto Sans SC when it has loaded (the faces use
 * font-display: swap), so the kiosk is usable sooner on a slow terminal. The link is same-origin:
 * the CSP allows it.
 */
export function loadBundledFonts(doc: Document = document): void {
  const link = doc.createElement('link');
  link.rel = 'stylesheet';
  link.href = fontsUrl;
  // Marks the document once the faces in use have loaded: screenshots and tests wait for it.
  link.onload = () =>
    void doc.fonts.ready.then(() => (doc.documentElement.dataset.fonts = 'ready'));
  doc.head.appendChild(link);
}
