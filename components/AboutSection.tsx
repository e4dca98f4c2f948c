import type { DatasetMeta, Lang } from '../data/types';
import { type MessageKey, t } from './i18n';

/** Props of the About section. */
export type AboutSectionProps = {
  lang: Lang;
  meta: DatasetMeta;
  version: string;
};

/** Dataset date and counts, the extension version and the privacy statement. */
export function AboutSection({ lang, meta, version }: AboutSectionProps) {
  const tr = (key: MessageKey, ...subs: (string | number)[]) => t(key, lang, ...subs);
  return (
    <section class="about" aria-labelledby="about-h">
      <h2 id="about-h">{tr('optionsAboutLegend')}</h2>
      <p data-about="dataset">{tr('optionsAboutDataset', meta.updated, meta.entities, meta.sources)}</p>
      <p data-about="version">{tr('optionsAboutVersion', version)}</p>
      <p data-about="privacy">{tr('optionsAboutPrivacy')}</p>
    </section>
  );
}
