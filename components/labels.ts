import type { Category } from '../data/types';
import type { MessageKey } from './i18n';

/** The message key of each category's name (literal keys, so the i18n test can see them used). */
export const CATEGORY_LABEL: Record<Category, MessageKey> = {
  policy: 'commonCategoryPolicy',
  official: 'commonCategoryOfficial',
  person: 'commonCategoryPerson',
  statute: 'commonCategoryStatute',
  case: 'commonCategoryCase',
  agency: 'commonCategoryAgency',
  organization: 'commonCategoryOrganization',
  event: 'commonCategoryEvent',
};
