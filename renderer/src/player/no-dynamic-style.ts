// Must run before video.js is evaluated (it is imported first in videojs.ts): video.js then
// injects no <style> element, which the kiosk's CSP (style-src 'self', no 'unsafe-inline') would
// refuse. Its look comes from its stylesheet instead (common/csp.ts).
declare global {
  interface Window {
    VIDEOJS_NO_DYNAMIC_STYLE?: boolean;
  }
}
window.VIDEOJS_NO_DYNAMIC_STYLE = true;
export {};
