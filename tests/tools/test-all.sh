#!/usr/bin/env bash
# Every check, as CI runs it: install, lint, type-check, dataset, build (Chrome + Firefox),
# web-ext lint, unit + DOM tests, end-to-end tests in real Chromium and real Firefox ESR. Works
# alone on a fresh machine.
set -uo pipefail
cd "$(dirname "$0")/../.."
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
fail() { printf '\n\033[31mFAILED: %s\033[0m\n' "$*"; echo "0 passed, 1 failed"; exit 1; }

step "Dependencies"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund || fail "npm ci"
fi
bash tests/tools/ensure-browsers.sh || fail "no Chromium or no Firefox ESR for the end-to-end tests (see above)"

step "Lint and format (biome)"
npx biome check . || fail "npm run lint"
step "Type-check (tsc --noEmit)"
npx wxt prepare >/dev/null && npx tsc --noEmit || fail "tsc"
step "Dataset"
npx tsx data/tools/dataset-check.ts || fail "dataset"
step "Build (Chrome MV3 + Firefox) and zips"
npx wxt zip >/dev/null && npx wxt zip -b firefox >/dev/null || fail "build"
ls -1 .output/*.zip
step "web-ext lint (Firefox build)"
npx web-ext lint --source-dir .output/firefox-mv2 --self-hosted --output json > .output/web-ext-lint.json 2>/dev/null
node -e '
  const r = JSON.parse(require("fs").readFileSync(".output/web-ext-lint.json","utf8"));
  console.log(`web-ext lint: ${r.count} messages, ${r.summary.errors} errors, ${r.summary.warnings} warnings`);
  for (const m of r.errors) console.log(`  error ${m.code}: ${m.message} ${m.file ?? ""}`);
  process.exit(r.summary.errors ? 1 : 0);' || fail "web-ext lint"

step "Tests: unit, DOM and end-to-end in real Chromium and Firefox ESR (vitest)"
mkdir -p .output
npx vitest run --reporter=default --reporter=json --outputFile.json=.output/vitest.json
code=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(".output/vitest.json","utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`);' 2>/dev/null || echo "0 passed, 1 failed"
exit $code
