import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { catalogKeys, t } from '../../components/i18n';
import { CATEGORY_LABEL } from '../../components/labels';
import { CATEGORIES } from '../../data/types';

const ROOT = resolve(import.meta.dirname, '../..');
/** Keys the manifest uses (__MSG_…__), not the UI code. */
const MANIFEST_KEYS = new Set(['extName', 'extDescription', 'commandKeyboardMode']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(name) ? [readFileSync(p, 'utf8')] : [];
  });
}

describe('UI translations', () => {
  test('English and Spanish have the same keys', () => {
    expect([...catalogKeys('es')].sort()).toEqual([...catalogKeys('en')].sort());
  });

  test('no message is empty, and placeholders match between languages', () => {
    for (const key of catalogKeys('en')) {
      const en = t(key as never, 'en');
      const es = t(key as never, 'es');
      expect(en.trim(), key).not.toBe('');
      expect(es.trim(), key).not.toBe('');
      const holes = (s: string) => (s.match(/\$\d/g) ?? []).sort();
      const raw = (lang: 'en' | 'es') =>
        (
          JSON.parse(readFileSync(join(ROOT, `public/_locales/${lang}/messages.json`), 'utf8')) as Record<
            string,
            { message: string }
          >
        )[key]?.message ?? '';
      expect(holes(raw('es')), key).toEqual(holes(raw('en')));
    }
  });

  test('every key is used as a string literal in entrypoints/ or components/', () => {
    const code = [...sources(join(ROOT, 'entrypoints')), ...sources(join(ROOT, 'components'))].join('\n');
    const unused = catalogKeys('en').filter(
      (key) => !MANIFEST_KEYS.has(key) && !code.includes(`'${key}'`) && !code.includes(`"${key}"`),
    );
    expect(unused).toEqual([]);
  });

  test('every category has a label in both languages', () => {
    for (const c of CATEGORIES) {
      expect(catalogKeys('en')).toContain(CATEGORY_LABEL[c]);
      expect(catalogKeys('es')).toContain(CATEGORY_LABEL[c]);
    }
  });

  test('substitutes numbered placeholders', () => {
    expect(t('popupPause', 'en', 'example.com')).toBe('Pause on example.com');
    expect(t('popupPause', 'es', 'example.com')).toBe('Pausar en example.com');
  });
});
