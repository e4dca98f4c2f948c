#!/usr/bin/env bash
# Builds the extension and shows it working: loads it in Chromium on the bundled sample article,
# saves a screenshot and a short report of what was highlighted. Headed with a display, else headless.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
bash tests/tools/ensure-chromium.sh
npx wxt build
npx tsx tests/tools/demo.ts
