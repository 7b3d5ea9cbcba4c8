/**
 * The kiosk's Content-Security-Policy, one for every way the UI is loaded: the Electron app://
 * protocol, the loopback HTTP server and the <meta> tag of the built page. A browser enforces
 * all that apply, so they must not drift apart.
 * - style-src has no 'unsafe-inline': React's `style` prop writes through the CSSOM, which CSP
 *   does not govern, and video.js's injected <style> is turned off (VIDEOJS_NO_DYNAMIC_STYLE).
 * - font-src allows data: because video.js's stylesheet embeds its icon font.
 * - media: is the Electron media protocol; over HTTP media is 'self'.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: media:",
  "media-src 'self' media: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
