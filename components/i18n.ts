import { browser } from 'wxt/browser';
import type { LanguagePref } from '../data/settings';
import type { Lang } from '../data/types';
import en from '../public/_locales/en/messages.json';
import es from '../public/_locales/es/messages.json';

/** A message key, as in public/_locales/en/messages.json. */
export type MessageKey = keyof typeof en;

type Catalog = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const CATALOGS: Record<Lang, Catalog> = { en, es };

/** The UI language to use: the setting, or the browser's when the setting is 'auto'. */
export function uiLanguage(pref: LanguagePref): Lang {
  if (pref !== 'auto') return pref;
  let ui = 'en';
  try {
    ui = browser.i18n.getUILanguage();
  } catch {
    ui = typeof navigator !== 'undefined' ? navigator.language : 'en';
  }
  return ui.toLowerCase().startsWith('es') ? 'es' : 'en';
}

function fill(entry: Catalog[string], subs: (string | number)[]): string {
  let msg = entry.message;
  if (entry.placeholders)
    for (const [name, p] of Object.entries(entry.placeholders))
      msg = msg.replaceAll(`$${name.toUpperCase()}$`, p.content).replaceAll(`$${name}$`, p.content);
  return msg.replace(/\$(\d)/g, (_, d) => String(subs[Number(d) - 1] ?? ''));
}

/**
 * Translates a key. With the language setting on 'auto' this is browser.i18n; a user who picks a
 * language gets that catalog (browser.i18n cannot switch language at run time). Both catalogs are
 * the files in public/_locales, so there is one source of truth.
 */
export function t(key: MessageKey, lang: Lang, ...subs: (string | number)[]): string {
  const entry = CATALOGS[lang][key] ?? CATALOGS.en[key];
  if (!entry) return key;
  return fill(entry, subs);
}

/** Every key of a catalog (for the test that both languages have the same keys). */
export function catalogKeys(lang: Lang): string[] {
  return Object.keys(CATALOGS[lang]);
}
