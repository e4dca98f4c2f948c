import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR, findChromium } from './harness';

/** Fails early, with the fix, when the browser or the build is missing. */
export default function setup(): void {
  if (!findChromium())
    throw new Error(
      'No Chromium found. Install it with `apt-get install -y chromium` (Debian, as root), or run `bash tests/tools/ensure-chromium.sh`, or set CHROMIUM_PATH.',
    );
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json')))
    throw new Error('No built extension in .output/chrome-mv3: run `npm run build` first (npm test does).');
}
