import { defineConfig } from 'vite';

/**
 * Bundles the `station` command (bin/station.js runs it) into build/cli/. Loading the service as
 * ~200 separate ES modules, zod's ~95 among them, cost every command ~60 ms before it did
 * anything (0.22 → 0.16 s for a sync with nothing new): county scripts call it in loops, and the
 * sync's speed goal counts process start. Only zod and i18next are inlined; the other packages
 * stay in node_modules (better-sqlite3 is native, and the heavy ones load on first use through
 * station/lazy-require.ts). Commands are still loaded per command (station/cli/main.ts), so each
 * becomes its own chunk. The service modules tsc compiles to build/ stay what Electron and the
 * tests load.
 */
export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: 'build/cli',
    emptyOutDir: true,
    ssr: 'station/cli/main.ts',
    target: 'node20',
    minify: false,
    sourcemap: true,
    copyPublicDir: false,
    reportCompressedSize: false,
    rolldownOptions: {
      output: {
        format: 'esm',
        entryFileNames: 'station.js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
  ssr: {
    target: 'node',
    noExternal: ['zod', 'i18next'],
  },
});
