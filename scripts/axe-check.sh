#!/usr/bin/env bash
# Accessibility check for .ci/run: builds example-site and runs axe-core in
# headless Chromium on one page of every kind, light and dark; fails on any
# violation, on a request to another host, on a <script>, on sideways
# scrolling at 360 px, on a document cut when printed (A4, Letter), and
# on chart text that overlaps, leaves its chart or covers a goal's mark.
# A fresh `init` site (one role, two goals) is checked the same way.
set -euo pipefail
source "$(dirname "$0")/browser-tools.sh"
build_example
node "$repo/scripts/browser-check.cjs" axe --site "$site_out" --prefix /career/
# Each document (brief, packet, review, cv) printed to PDF on A4 and Letter
# and read back with pdftotext: nothing cut across a page, no navigation,
# the cv on at most two A4 pages. The PDFs stay in $print_out to look at.
print_out="${WAYMARK_PRINT_OUT:-$tmp/prints}"
node "$repo/scripts/browser-check.cjs" print --site "$site_out" --prefix /career/ --out "$print_out"
build_init
node "$repo/scripts/browser-check.cjs" axe --site "$init_out" --prefix "$init_prefix" --only home,goals,goal,journey,page
