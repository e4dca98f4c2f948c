import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { datasetPlugin } from '../../data/vite-plugin';

/**
 * The unit tests that exercise data/, for `npm run mutation`. The real-page relevance test is
 * left out: it scans 169 pages per run, and the eval and negatives tests cover the same code.
 */
export default defineConfig({
  plugins: [WxtVitest(), datasetPlugin()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    exclude: ['tests/unit/real-pages.test.ts'],
    environment: 'node',
    // Instrumented code runs several times slower: the exhaustive first-look test takes ~1 s plain.
    testTimeout: 60_000,
  },
});
