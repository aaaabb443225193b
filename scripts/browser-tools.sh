#!/usr/bin/env bash
# Sourced by scripts/axe-check.sh and scripts/screenshots.sh: makes sure
# Chromium, node, puppeteer-core and axe-core are there (pinned versions,
# installed into .ci/browser, which git ignores; no lock file is written),
# and builds example-site into a temp folder with a fixed "today".
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export WAYMARK_BROWSER_TOOLS="${WAYMARK_BROWSER_TOOLS:-$repo/.ci/browser}"
export WAYMARK_CHROMIUM="${WAYMARK_CHROMIUM:-$(command -v chromium || command -v chromium-browser || echo /usr/bin/chromium)}"

if [ ! -x "$WAYMARK_CHROMIUM" ] || ! command -v node >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium nodejs npm poppler-utils >/dev/null
    WAYMARK_CHROMIUM="$(command -v chromium)"
  else
    echo "Chromium, node and pdftotext are needed: apt-get install chromium nodejs npm poppler-utils" >&2
    exit 1
  fi
fi
if [ ! -f "$WAYMARK_BROWSER_TOOLS/node_modules/puppeteer-core/package.json" ] \
  || [ ! -f "$WAYMARK_BROWSER_TOOLS/node_modules/axe-core/axe.min.js" ]; then
  mkdir -p "$WAYMARK_BROWSER_TOOLS"
  (cd "$WAYMARK_BROWSER_TOOLS"
   [ -f package.json ] || echo '{"name":"waymark-browser-tools","private":true}' > package.json
   npm install --no-audit --no-fund --no-package-lock --silent \
     "puppeteer-core@24.40.x" "axe-core@4.11.x")
fi

# Builds example-site into $site_out (a temp folder removed on exit).
build_example() {
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  site_out="$tmp/public"
  # 2026-11-23: the day the example site's story is told from.
  (cd "$repo" && SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1795392000}" \
    cargo run --quiet -- --quiet --root example-site build --output "$site_out")
}

# Builds a fresh `waymark init` site (one role, two goals) into
# $init_out; its pages live under $init_prefix.
build_init() {
  init_tmp="$(mktemp -d)"
  # shellcheck disable=SC2064
  trap "rm -rf '$tmp' '$init_tmp'" EXIT
  init_out="$init_tmp/public"
  init_prefix="/fresh/"
  (cd "$repo" && cargo build --quiet)
  local bin="${CARGO_TARGET_DIR:-$repo/target}/debug/waymark"
  case $bin in /*) ;; *) bin="$repo/$bin" ;; esac
  (cd "$init_tmp" && SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1795392000}" "$bin" --quiet init fresh >/dev/null \
    && cd fresh && SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1795392000}" "$bin" --quiet build --output "$init_out" 2>/dev/null)
}
