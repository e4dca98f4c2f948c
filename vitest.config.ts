import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { datasetPlugin } from './data/vite-plugin';

/** Four projects: node unit tests, happy-dom component tests, real-Chromium and real-Firefox e2e, and none for bench. */
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest(), datasetPlugin()],
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        plugins: [WxtVitest(), preact(), datasetPlugin()],
        test: { name: 'dom', include: ['tests/dom/**/*.test.{ts,tsx}'], environment: 'happy-dom' },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          // One browser at a time: the journeys measure timers and frames, and two browsers on a
          // 2-core machine would measure each other. Each file runs every journey in Chromium, then
          // in Firefox ESR ($BACKSTORY_BROWSERS=chromium or firefox runs one).
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 90_000,
          globalSetup: ['tests/e2e/global-setup.ts'],
        },
      },
    ],
  },
});
