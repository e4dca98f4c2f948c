import type { Category, Entity } from './types';

/** What the content script reports about its page, for the popup and the badge. */
export interface PageSummary {
  host: string;
  active: boolean;
  /** Mentions by entity, in order of first appearance. */
  entities: { id: string; category: Category; name: string; count: number }[];
  total: number;
  /** Names found but kept quiet because the page does not look like it is about the story. */
  quiet: { id: string; category: Category; name: string; count: number }[];
}

/** Messages sent to the background. */
export type BackgroundRequest =
  | { type: 'get-entities'; ids: string[] }
  | { type: 'page-count'; count: number }
  | { type: 'open-entity'; id: string };

/** Messages sent to a tab's content script. */
export type ContentRequest =
  | { type: 'get-page-summary' }
  | { type: 'jump-to'; id: string }
  | { type: 'toggle-keyboard-mode' }
  /** Show the names kept quiet on this page, until it is reloaded. */
  | { type: 'show-quiet' };

/** Card data for a few entities, looked up by the background. */
export type EntitiesResponse = Record<string, Entity>;
