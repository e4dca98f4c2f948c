import { describe, expect, test, vi } from 'vitest';
import { defaultSettings } from '../../data/settings';
import { BADGE_COLOR, type BackgroundDeps, startBackground } from '../../entrypoints/background/service';
import { statute } from '../dom/entities';

type Listener = (message: unknown, sender: { tab?: { id: number } }) => Promise<unknown> | undefined;

/** A browser API as a Manifest V2 (Firefox) or V3 (Chrome) background sees it. */
function fakeApi(manifest: 2 | 3) {
  const listeners: Listener[] = [];
  const toolbar = {
    setBadgeText: vi.fn(async () => undefined),
    setBadgeBackgroundColor: vi.fn(async () => undefined),
  };
  const api = {
    runtime: {
      onMessage: { addListener: (l: Listener) => listeners.push(l) },
      getURL: (p: string) => `moz-extension://uuid${p}`,
    },
    tabs: {
      onRemoved: { addListener: vi.fn() },
      create: vi.fn(async () => ({})),
      query: vi.fn(),
      sendMessage: vi.fn(),
    },
    commands: { onCommand: { addListener: vi.fn() } },
    ...(manifest === 3 ? { action: toolbar } : { browserAction: toolbar }),
  };
  const send = (message: unknown, tabId?: number) =>
    listeners.map((l) => l(message, tabId === undefined ? {} : { tab: { id: tabId } }));
  return { api: api as unknown as BackgroundDeps['api'], toolbar, send, listeners };
}

function start(manifest: 2 | 3) {
  const fake = fakeApi(manifest);
  startBackground({
    api: fake.api,
    entities: [statute],
    loadSettings: async () => defaultSettings(),
    watchSettings: () => undefined,
    repairStoredSettings: async () => [],
  });
  return fake;
}

describe('the background', () => {
  for (const manifest of [2, 3] as const)
    test(`Manifest V${manifest}: answers card data requests and paints the badge on the toolbar button`, async () => {
      const fake = start(manifest);
      expect(fake.listeners).toHaveLength(1);
      const [answer] = fake.send({ type: 'get-entities', ids: ['usc-8-1325', 'nobody'] });
      await expect(answer).resolves.toEqual({ 'usc-8-1325': statute });
      fake.send({ type: 'page-count', count: 1234 }, 7);
      await vi.waitFor(() =>
        expect(fake.toolbar.setBadgeText).toHaveBeenCalledWith({ tabId: 7, text: '999' }),
      );
      expect(fake.toolbar.setBadgeBackgroundColor).toHaveBeenCalledWith({ color: BADGE_COLOR });
    });

  test('a toolbar call that throws does not stop the background', async () => {
    const fake = start(3);
    fake.toolbar.setBadgeText.mockImplementation(() => {
      throw new Error('No tab with id: 7');
    });
    fake.send({ type: 'page-count', count: 2 }, 7);
    const [answer] = fake.send({ type: 'get-entities', ids: ['usc-8-1325'] });
    await expect(answer).resolves.toHaveProperty('usc-8-1325');
  });
});
