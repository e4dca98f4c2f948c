import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BROWSERS, DRIVERS } from './drivers';
import { FIREFOX_EXTENSION_DIR } from './drivers/firefox';
import { EXTENSION_DIR } from './harness';

const INSTALL: Record<string, string> = {
  chromium: 'Chromium: `apt-get install -y chromium` (Debian, as root) or set CHROMIUM_PATH',
  firefox: 'Firefox ESR: `apt-get install -y firefox-esr` (Debian, as root) or set FIREFOX_PATH',
};
const BUILDS: Record<string, string> = { chromium: EXTENSION_DIR, firefox: FIREFOX_EXTENSION_DIR };

/** Fails early, with the fix, when a browser or a build the run needs is missing. */
export default function setup(): void {
  const problems: string[] = [];
  for (const name of BROWSERS) {
    if (!DRIVERS[name].executable())
      problems.push(
        `No ${name} found. Install ${INSTALL[name]}, or run \`bash tests/tools/ensure-browsers.sh\`.`,
      );
    if (!existsSync(join(BUILDS[name] as string, 'manifest.json')))
      problems.push(`No built extension in ${BUILDS[name]}: run \`npm run build\` first (npm test does).`);
  }
  if (problems.length) throw new Error(problems.join('\n'));
}
