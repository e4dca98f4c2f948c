import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { datasetPlugin } from './data/vite-plugin';

/** Build configuration: Chrome MV3 and Firefox from one source tree. */
export default defineConfig({
  imports: false,
  // A separate output folder lets parallel builds (benchmarks, several checkouts) not clobber each other.
  outDir: process.env.BACKSTORY_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact(), datasetPlugin()],
    // BACKSTORY_NO_MINIFY=1 keeps function names readable in CPU profiles (tests/bench/diag-profile.mts).
    // Terser, not esbuild: the content script loads on every page, and terser's output is about
    // 1.2 KB (3%) smaller gzipped. ASCII only, as esbuild writes it: Chrome refuses a content
    // script holding some raw characters (U+FFFF, say), and escapes keep every string safe.
    build: {
      target: 'es2022',
      minify: process.env.BACKSTORY_NO_MINIFY ? false : 'terser',
      terserOptions: { compress: { passes: 2 }, format: { ascii_only: true } },
      sourcemap: !!process.env.BACKSTORY_SOURCEMAP,
    },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: settings. Nothing else: the content script's <all_urls> match is the only host access,
    // and the popup asks the tab's own content script for its host instead of reading tab URLs.
    permissions: ['storage'],
    action: { default_title: '__MSG_extName__' },
    // Loaded by the content script only when needed (see content/load-script.ts): the scan engine
    // for page text that may hold a mention, the card's code for pages with marks.
    web_accessible_resources:
      browser === 'firefox'
        ? (['match-engine.js', 'card-ui.js'] as unknown as never)
        : [{ resources: ['match-engine.js', 'card-ui.js'], matches: ['<all_urls>'], use_dynamic_url: true }],
    commands: {
      'toggle-keyboard-mode': {
        suggested_key: { default: 'Alt+Shift+B' },
        description: '__MSG_commandKeyboardMode__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'backstory@backstory-extension.org',
              strict_min_version: '120.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  zip: {
    excludeSources: ['.output/**', '.wxt/**', 'node_modules/**', 'artifacts/**', '.cache/**'],
  },
});
