#!/usr/bin/env bash
# Screenshots of every page kind of example-site, for a person to look at:
# 390 px and 1280 px wide, light and dark, full page, plus the share page
# printed on A4 and Letter (PDF) and as a print-media picture; and a fresh
# `init` site's home, goals and journey pages (in OUT_DIR/init).
#
#   scripts/screenshots.sh [OUT_DIR] [kind,kind…]     (default /tmp/waymark-shots)
#
# Kinds: home achievements achievement goals goal journey skills skill tags
# tag reflections reflection share ladder competency page search 404. The pictures stay out of git.
set -euo pipefail
source "$(dirname "$0")/browser-tools.sh"
out="${1:-/tmp/waymark-shots}"
build_example
only=()
[ -n "${2:-}" ] && only=(--only "$2")
node "$repo/scripts/browser-check.cjs" shots --site "$site_out" --prefix /career/ --out "$out" "${only[@]}"
# And a fresh `init` site's home, goals and journey, as `init-<kind>-…`.
build_init
node "$repo/scripts/browser-check.cjs" shots --site "$init_out" --prefix "$init_prefix" --out "$out/init" --only home,goals,journey
echo "Screenshots in $out" >&2
