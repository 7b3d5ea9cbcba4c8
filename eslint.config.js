// Lint for the whole repo, run with `--max-warnings 0` by `npm test`.
//
// The layering rules are the point of this file: they keep the station service runnable without
// Electron or React, keep domain rules free of I/O (so they can be table-tested with time as an
// input), and keep the renderer loadable in a sandboxed page that can reach only common/.
// `no-restricted-imports` sees only the import string, so a relative import's target is worked out
// from the importing file's depth: one config block per depth (see `leaving` below).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS = '{ts,tsx,mts,cts}';
const MAX_DEPTH = 8;

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));
const ui = ['electron', 'react', 'react-dom'];
// Modules that touch disk, network, processes, the host or the scheduler: none of them belong
// in station/domain, whose functions take everything (including `now`) as arguments.
const io = [
  'fs',
  'child_process',
  'net',
  'http',
  'https',
  'http2',
  'dgram',
  'dns',
  'tls',
  'os',
  'cluster',
  'worker_threads',
  'readline',
  'inspector',
  'better-sqlite3',
  'node-cron',
];

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Package names (and their subpaths, and the `node:` form of builtins) → a pattern entry. A regex,
 * not a gitignore `group`: a group `util` would also catch a relative `./util/format.js`.
 */
const bare = (names, message) => ({
  regex: `^(?:node:)?(?:${names.map(escape).join('|')})(?:/.*)?$`,
  message,
});

/**
 * Config blocks for files under `root` that forbid relative imports leaving it, except into
 * `allow` (top-level folders), and forbid reaching `deny` (top-level folders) when given instead.
 * A file `d` folders below `root` leaves it with `d + 1` leading `../`; it reaches the repo root
 * with `d + rootDepth`.
 */
function leaving(root, { allow, deny, patterns, message }) {
  const rootDepth = root.split('/').length;
  const blocks = [];
  for (let d = 0; d <= MAX_DEPTH; d++) {
    const up = (n) => `^(?:\\.\\./){${n}}`;
    const toTop = (dirs) => `(?:${dirs.map(escape).join('|')})(?:/|$)`;
    let regex;
    if (deny) regex = `${up(d + rootDepth)}${toTop(deny)}`;
    else if (allow.length === 0) regex = up(d + 1);
    else regex = `${up(d + 1)}(?!${up(rootDepth - 1).slice(1)}${toTop(allow)})`;
    blocks.push({
      files: [`${root}/${'*/'.repeat(d)}*.${TS}`],
      ignores: [`**/*.test.${TS}`],
      rules: {
        'no-restricted-imports': ['error', { patterns: [...patterns, { regex, message }] }],
      },
    });
  }
  return blocks;
}

const stationPatterns = [
  bare(ui, 'station/ and common/ run in plain Node without Electron or React (ARCHITECTURE.md).'),
];
const domainPatterns = [
  ...stationPatterns,
  bare(
    io,
    'station/domain is pure: take data and `now` as arguments; do I/O in an adapter outside domain/.',
  ),
];
const commonPatterns = [
  ...stationPatterns,
  {
    regex: '^node:',
    message: 'common/ is loaded by the renderer too, so it cannot use Node modules.',
  },
  bare(nodeBuiltins, 'common/ is loaded by the renderer too, so it cannot use Node modules.'),
];
const rendererPatterns = [
  bare(
    ['electron', 'better-sqlite3', 'node-cron', ...nodeBuiltins],
    'The renderer runs in a sandboxed page: it reaches the station only through common/ and StationApi.',
  ),
  { regex: '^node:', message: 'The renderer runs in a sandboxed page: no Node modules.' },
];

export default tseslint.config(
  {
    ignores: [
      'build/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'coverage/**',
      '**/.cache/**',
      'release/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['scripts/bench/bare-react/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['electron/preload.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },

  // Layering. Later blocks replace earlier ones for the same file, so each block carries the
  // complete list for its layer. Tests are harnesses that wire layers together and are exempt.
  ...leaving('station', {
    deny: ['renderer', 'electron'],
    patterns: stationPatterns,
    message: 'station/ never imports from renderer/ or electron/ (ARCHITECTURE.md).',
  }),
  ...leaving('station/domain', {
    allow: ['common'],
    patterns: domainPatterns,
    message: 'station/domain imports only itself and common/: no db, http, jobs or other adapters.',
  }),
  ...leaving('common', {
    allow: [],
    patterns: commonPatterns,
    message: 'common/ imports nothing from station/, renderer/ or electron/.',
  }),
  ...leaving('renderer', {
    allow: ['common'],
    patterns: rendererPatterns,
    message: 'renderer/ may import from outside itself only common/.',
  }),
);
