#!/usr/bin/env bash
# Makes sure a Chromium the end-to-end tests can drive is installed.
# Installs Debian's package when running as root on Debian; otherwise says exactly what to do.
set -euo pipefail
for p in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
  if [ -n "$p" ] && [ -x "$p" ]; then echo "Chromium: $p"; exit 0; fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium package (about 30 s)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
  echo "Chromium: /usr/bin/chromium"
  exit 0
fi
cat >&2 <<'MSG'
No Chromium found, and this script can only install it as root on Debian/Ubuntu.
Install one of these, then run the command again:
  Debian/Ubuntu:  sudo apt-get install -y chromium
  Fedora:         sudo dnf install -y chromium
  macOS:          brew install --cask chromium   (then export CHROMIUM_PATH=/Applications/Chromium.app/Contents/MacOS/Chromium)
Or point CHROMIUM_PATH at any Chrome or Chromium binary.
MSG
exit 1
