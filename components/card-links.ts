/** Links the card builds from entity data: official statute texts and the problem-report mail. */
import type { Citation } from '../data/types';

/** Where users report a problem with an entry. */
export const REPORT_ADDRESS = 'backstory-data@proton.me';

/** The official texts of a U.S. Code section: Cornell LII and the House's uscode site. */
export function statuteLinks(c: Citation): { cornell: string; house: string } {
  const title = encodeURIComponent(String(c.title));
  const section = encodeURIComponent(c.section);
  return {
    cornell: `https://www.law.cornell.edu/uscode/text/${title}/${section}`,
    house: `https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title${title}-section${section}&num=0&edition=prelim`,
  };
}

/** A mailto: URL whose subject and body name the entry and the page. */
export function reportUrl(subject: string, body: string): string {
  return `mailto:${REPORT_ADDRESS}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

/** True for an https URL (the only links the card renders). */
export function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}
