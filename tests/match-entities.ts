/**
 * Small match entities the scanner and probe tests share, written as the dataset writes them
 * (see data/README.md): a core official with a coreference surname, two core agencies, a
 * context name and a judge known by her surname and title.
 */
import type { MatchEntity } from '../data/types';

/** A core official: full name, and a surname that needs him introduced or titled. */
export const SESSIONS: MatchEntity = {
  id: 'jeff-sessions',
  category: 'official',
  scope: 'core',
  name: 'Jeff Sessions',
  titles: ['Attorney General'],
  aliases: [{ text: 'Jeff Sessions' }, { text: 'Sessions', caseSensitive: true, requires: 'coreference' }],
};

/** A core agency known by its case-kept acronym. */
export const ICE: MatchEntity = {
  id: 'ice',
  category: 'agency',
  scope: 'core',
  name: 'ICE',
  aliases: [{ text: 'ICE', caseSensitive: true }],
};

/** A core agency known by a plain name. */
export const BORDER_PATROL: MatchEntity = {
  id: 'border-patrol',
  category: 'agency',
  scope: 'core',
  name: 'Border Patrol',
  aliases: [{ text: 'Border Patrol' }],
};

/** A context name: full name, and a bare surname that stands alone. */
export const TRUMP: MatchEntity = {
  id: 'donald-trump',
  category: 'official',
  scope: 'context',
  name: 'Donald Trump',
  aliases: [{ text: 'Donald Trump' }, { text: 'Trump', caseSensitive: true, surname: true }],
};

/** A core judge: full name, and a surname that counts after her title. */
export const GEE: MatchEntity = {
  id: 'dolly-gee',
  category: 'official',
  scope: 'core',
  name: 'Dolly Gee',
  titles: ['Judge'],
  aliases: [{ text: 'Dolly Gee' }, { text: 'Gee', caseSensitive: true, requires: 'coreference' }],
};
