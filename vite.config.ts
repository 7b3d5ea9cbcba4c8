import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './common/csp.js';

/**
 * The same build is loaded from app://kiosk/ (Electron) and from http://127.0.0.1:PORT/ (Chromium
 * kiosk), so every asset URL is relative (base './') and nothing is fetched from the network.
 */

// The shells send the same policy as a header (common/csp.ts); the meta tag repeats it so the page
// is covered however it is loaded. Only in the built page: the dev server's React preamble is an
// inline script and would be refused. frame-ancestors is dropped because a meta tag cannot carry it.
const META_POLICY = CONTENT_SECURITY_POLICY.split(';')
  .map((directive) => directive.trim())
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'station-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: META_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

// Fontsource lists a .woff fallback after each .woff2; every Chromium the kiosk runs in reads
// woff2, so copying the fallbacks would only double the size of the bundled CJK font.
function woff2Only(): Plugin {
  return {
    name: 'station-woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/@fontsource[\\/].+\.css$/.test(id)) return null;
      return { code: code.replace(/,\s*url\([^)]+\.woff\)\s*format\('woff'\)/g, ''), map: null };
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), woff2Only(), contentSecurityPolicy()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Inlined data: URIs would need a looser CSP; the files are local anyway.
    assetsInlineLimit: 0,
    target: 'chrome120',
  },
});
