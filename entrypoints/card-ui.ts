import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { CardController } from './content/card/controller';

/**
 * The card's code, loaded by the content script with a dynamic import only when a page has
 * marks. It runs in the content script's isolated world and hands over the controller class.
 */
export default defineUnlistedScript(() => {
  globalThis.__backstoryCardUI = { CardController };
});
