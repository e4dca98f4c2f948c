#!/usr/bin/env bash
# Chromium only (npm run demo); see ensure-browsers.sh.
exec bash "$(dirname "$0")/ensure-browsers.sh" chromium
