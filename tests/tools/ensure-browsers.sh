#!/usr/bin/env bash
# Makes sure the browsers the end-to-end tests drive are installed: Chromium (playwright-core) and
# Firefox ESR (puppeteer-core over WebDriver BiDi). With arguments, only those: `chromium`, `firefox`.
# Installs Debian's packages when running as root on Debian; otherwise says exactly what to do.
set -euo pipefail
wanted=("$@")
[ ${#wanted[@]} -eq 0 ] && wanted=(chromium firefox)

find_chromium() {
  for p in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable; do
    if [ -n "$p" ] && [ -x "$p" ]; then echo "$p"; return 0; fi
  done
  return 1
}
find_firefox() {
  for p in "${FIREFOX_PATH:-}" /usr/bin/firefox-esr /usr/bin/firefox; do
    if [ -n "$p" ] && [ -x "$p" ]; then echo "$p"; return 0; fi
  done
  return 1
}

missing=()   # Debian package names
for b in "${wanted[@]}"; do
  case "$b" in
    chromium) if p=$(find_chromium); then echo "Chromium: $p"; else missing+=(chromium); fi ;;
    firefox) if p=$(find_firefox); then echo "Firefox: $p"; else missing+=(firefox-esr); fi ;;
    *) echo "ensure-browsers.sh: unknown browser '$b' (chromium, firefox)" >&2; exit 2 ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's ${missing[*]} (about 30-40 s each)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${missing[@]}" >/dev/null
  for b in "${wanted[@]}"; do
    case "$b" in
      chromium) p=$(find_chromium) && echo "Chromium: $p" ;;
      firefox) p=$(find_firefox) && echo "Firefox: $p" ;;
    esac || { echo "ensure-browsers.sh: $b is still missing after apt-get install" >&2; exit 1; }
  done
  exit 0
fi

{
  echo "Missing for the end-to-end tests: ${missing[*]}. This script can only install them as root on Debian/Ubuntu."
  echo "Install them, then run the command again:"
  for m in "${missing[@]}"; do
    case "$m" in
      chromium)
        echo "  Chromium:"
        echo "    Debian/Ubuntu:  sudo apt-get install -y chromium"
        echo "    Fedora:         sudo dnf install -y chromium"
        echo "    macOS:          brew install --cask chromium   (then export CHROMIUM_PATH=/Applications/Chromium.app/Contents/MacOS/Chromium)"
        echo "    Or point CHROMIUM_PATH at any Chrome or Chromium binary."
        ;;
      firefox-esr)
        echo "  Firefox ESR (the unsigned build loads only in ESR, Developer Edition or Nightly):"
        echo "    Debian/Ubuntu:  sudo apt-get install -y firefox-esr"
        echo "    Fedora:         sudo dnf install -y firefox   (then export FIREFOX_PATH=/usr/bin/firefox if it is ESR-like)"
        echo "    macOS:          brew install --cask firefox@esr   (then export FIREFOX_PATH=\"/Applications/Firefox.app/Contents/MacOS/firefox\")"
        echo "    Or point FIREFOX_PATH at a Firefox ESR, Developer Edition or Nightly binary."
        ;;
    esac
  done
} >&2
exit 1
