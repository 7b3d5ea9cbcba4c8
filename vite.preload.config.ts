import { defineConfig } from 'vite';

/**
 * Bundles the Electron preload into one CommonJS file. A sandboxed preload runs without a module
 * loader: it may require('electron') and nothing else, so everything it imports must be inlined.
 * The rest of electron/ is compiled by tsc (tsconfig.build.json) into the same build/electron/,
 * hence emptyOutDir: false.
 */
export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: 'build/electron',
    emptyOutDir: false,
    // Electron 42 ships Chromium 146; nothing here needs down-levelling.
    target: 'chrome120',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    reportCompressedSize: false,
    lib: {
      entry: 'electron/preload.ts',
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rolldownOptions: {
      external: ['electron'],
    },
  },
});
