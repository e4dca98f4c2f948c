import dataset from 'virtual:backstory/dataset';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import type { BackgroundRequest, EntitiesResponse } from '../data/messages';
import { loadSettings, repairStoredSettings, watchSettings } from '../data/settings-storage';

export default defineBackground(() => {
  const byId = new Map(dataset.entities.map((e) => [e.id, e]));
  const counts = new Map<number, number>();
  let showBadge = true;

  const paintBadge = (tabId: number) => {
    const n = counts.get(tabId) ?? 0;
    void browser.action
      .setBadgeText({ tabId, text: showBadge && n > 0 ? String(Math.min(n, 999)) : '' })
      .catch(() => undefined);
  };

  void repairStoredSettings().catch((e) => console.warn('Backstory: settings check failed', e));
  void loadSettings().then((s) => {
    showBadge = s.badge;
  });
  watchSettings((s) => {
    showBadge = s.badge;
    for (const tabId of counts.keys()) paintBadge(tabId);
  });
  void browser.action.setBadgeBackgroundColor({ color: '#0e7490' }).catch(() => undefined);

  browser.runtime.onMessage.addListener((message: unknown, sender): Promise<unknown> | undefined => {
    const m = message as BackgroundRequest;
    if (m?.type === 'get-entities') {
      const out: EntitiesResponse = {};
      for (const id of m.ids.slice(0, 200)) {
        const e = byId.get(id);
        if (e) out[id] = e;
      }
      return Promise.resolve(out);
    }
    if (m?.type === 'page-count' && sender.tab?.id !== undefined) {
      counts.set(sender.tab.id, m.count);
      paintBadge(sender.tab.id);
      return undefined;
    }
    if (m?.type === 'open-entity' && byId.has(m.id)) {
      return browser.tabs
        .create({ url: browser.runtime.getURL(`/popup.html#entity=${encodeURIComponent(m.id)}`) })
        .then(() => true);
    }
    return undefined;
  });

  browser.tabs.onRemoved.addListener((tabId) => counts.delete(tabId));

  browser.commands?.onCommand.addListener(async (command) => {
    if (command !== 'toggle-keyboard-mode') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined)
      await browser.tabs.sendMessage(tab.id, { type: 'toggle-keyboard-mode' }).catch(() => undefined);
  });
});
