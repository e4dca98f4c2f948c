import { join } from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsForm } from '../../components/OptionsForm';
import { datasetMeta } from '../../data/compile';
import { loadDataset } from '../../data/load';
import { defaultSettings, type Settings } from '../../data/settings';
import { loadSettings, settingsItem } from '../../data/settings-storage';
import { CATEGORIES } from '../../data/types';
import { OptionsApp } from '../../entrypoints/options/App';

// Read the entity files directly: the virtual dataset module does not load under the dom project.
const { entities } = loadDataset(join(process.cwd(), 'data/entities'));
const meta = datasetMeta(entities);

let root: HTMLElement;
const flush = async (ms = 0) => act(() => new Promise((r) => setTimeout(r, ms)));
const $ = <T extends Element = HTMLElement>(sel: string) => root.querySelector<T>(sel);

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ version: '9.8.7' } as never);
  vi.spyOn(fakeBrowser.commands, 'getAll').mockResolvedValue([
    { name: 'toggle-keyboard-mode', shortcut: 'Alt+Shift+B' },
  ] as never);
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
});

function form(settings: Settings, onChange = vi.fn()) {
  render(
    <OptionsForm
      lang="en"
      settings={settings}
      samples={{ official: 'Jeff Sessions' }}
      shortcut="Alt+Shift+B"
      onChange={onChange}
      onOpenShortcuts={() => undefined}
    />,
    root,
  );
  return onChange;
}

async function typeSite(text: string) {
  const input = $<HTMLInputElement>('#add-site') as HTMLInputElement;
  await act(() => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(() => {
    ($('form.add-site') as HTMLFormElement).dispatchEvent(
      new Event('submit', { bubbles: true, cancelable: true }),
    );
  });
}

describe('OptionsForm', () => {
  test('has a named checkbox with a label and a preview for every category', async () => {
    await act(() => void form(defaultSettings()));
    for (const c of CATEGORIES) {
      const box = $<HTMLInputElement>(`input[type=checkbox][name="category-${c}"]`);
      expect(box?.checked, c).toBe(true);
      expect(box?.closest('label')?.textContent?.trim().length).toBeGreaterThan(0);
      expect($(`#preview-${c} .sample-mark`)?.getAttribute('data-category')).toBe(c);
    }
    expect($('#preview-official .sample-mark')?.textContent).toBe('Jeff Sessions');
  });

  test('toggling a category calls back with the changed settings', async () => {
    const onChange = vi.fn();
    await act(() => void form(defaultSettings(), onChange));
    await act(() => $<HTMLInputElement>('input[name="category-official"]')?.click());
    expect(onChange).toHaveBeenCalledTimes(1);
    const next = onChange.mock.calls[0]?.[0] as Settings;
    expect(next.categories.official).toBe(false);
    expect({ ...next, categories: { ...next.categories, official: true } }).toEqual(defaultSettings());
  });

  test('"Highlight context names on every page" is off by default, described, and calls back when checked', async () => {
    const onChange = vi.fn();
    await act(() => void form(defaultSettings(), onChange));
    const box = $<HTMLInputElement>('input[type=checkbox][name=contextEverywhere]') as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(box.closest('label')?.textContent).toContain('Highlight context names on every page');
    const help = document.getElementById(box.getAttribute('aria-describedby') ?? '');
    expect(help?.textContent).toMatch(/only on pages about the story/);
    await act(() => box.click());
    expect((onChange.mock.calls[0]?.[0] as Settings | undefined)?.contextEverywhere).toBe(true);
  });

  test('every fieldset has a legend', async () => {
    await act(() => void form(defaultSettings()));
    for (const fs of root.querySelectorAll('fieldset'))
      expect(fs.querySelector(':scope > legend')).not.toBeNull();
  });

  test('an invalid host shows an error linked to the field and saves nothing', async () => {
    const onChange = vi.fn();
    await act(() => void form(defaultSettings(), onChange));
    await typeSite('not a host!');
    const input = $<HTMLInputElement>('#add-site') as HTMLInputElement;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain('add-site-error');
    expect($('#add-site-error')?.textContent).toContain('not a host!');
    expect(onChange).not.toHaveBeenCalled();
  });

  test('a valid host is normalised and added', async () => {
    const onChange = vi.fn();
    await act(() => void form(defaultSettings(), onChange));
    await typeSite('https://News.Example.com/story');
    expect($('#add-site-error')).toBeNull();
    expect((onChange.mock.calls[0]?.[0] as Settings | undefined)?.pausedSites).toEqual(['news.example.com']);
  });

  test('paused sites are listed with remove buttons', async () => {
    const onChange = vi.fn();
    await act(() => void form({ ...defaultSettings(), pausedSites: ['a.example', 'b.example'] }, onChange));
    await act(() => $<HTMLButtonElement>('li[data-site="a.example"] button')?.click());
    expect((onChange.mock.calls[0]?.[0] as Settings | undefined)?.pausedSites).toEqual(['b.example']);
  });
});

describe('options page', () => {
  test('a change is saved to storage at once', async () => {
    await act(() => render(<OptionsApp entities={entities} meta={meta} />, root));
    await flush(10);
    await act(() => $<HTMLInputElement>('input[name=mode][value=first]')?.click());
    await flush(10);
    expect((await loadSettings()).mode).toBe('first');
  });

  test('a corrupt stored value shows defaults and is written back repaired', async () => {
    await fakeBrowser.storage.sync.set({ settings: { mode: 42, categories: 'x' } });
    await act(() => render(<OptionsApp entities={entities} meta={meta} />, root));
    await flush(20);
    expect($<HTMLInputElement>('input[name=mode][value=all]')?.checked).toBe(true);
    expect(await settingsItem.getValue()).toEqual(defaultSettings());
  });

  test('picking Spanish re-renders the page in Spanish', async () => {
    await act(() => render(<OptionsApp entities={entities} meta={meta} />, root));
    await flush(10);
    const select = $<HTMLSelectElement>('select[name=language]') as HTMLSelectElement;
    await act(() => {
      select.value = 'es';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await flush(10);
    expect($('h1')?.textContent).toBe('Opciones de Backstory');
    expect(document.documentElement.lang).toBe('es');
  });

  test('About shows the dataset date and counts, and the version', async () => {
    await act(() => render(<OptionsApp entities={entities} meta={meta} />, root));
    await flush(10);
    expect($('[data-about=dataset]')?.textContent).toContain(meta.updated);
    expect($('[data-about=dataset]')?.textContent).toContain(`${meta.entities} entries`);
    expect($('[data-about=version]')?.textContent).toContain('9.8.7');
    expect($('[data-about=privacy]')?.textContent).toMatch(/no network requests/);
    expect(root.textContent).toContain('Alt+Shift+B');
  });
});
