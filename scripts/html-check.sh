#!/usr/bin/env bash
# The Nu Html Checker (vnu.jar, what the W3C's service runs) over every page
# of the built example-site and its style.css; fails on any error. Needs
# java and the npm package vnu-jar, which .ci/run installs into .ci/node
# (or set WAYMARK_NODE_TOOLS to the folder holding node_modules/vnu-jar).
#
# usage: scripts/html-check.sh [OUTPUT-DIR]   (default: a fresh build in a temp folder)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
tools=${WAYMARK_NODE_TOOLS:-$repo/.ci/node}
jar=$tools/node_modules/vnu-jar/build/dist/vnu.jar
command -v java >/dev/null || { echo "needs java (apt-get install default-jre-headless)" >&2; exit 1; }
[ -f "$jar" ] || { echo "needs $jar (npm install vnu-jar in $tools)" >&2; exit 1; }
out=${1:-}
if [ -z "$out" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  out=$tmp/public
  cargo run --quiet --bin waymark -- --root "$repo/example-site" build --quiet --output "$out"
fi
# --also-check-css: style.css too; --skip-non-html: not the PNGs and feeds.
java -jar "$jar" --errors-only --also-check-css --skip-non-html "$out"
echo "Nu Html Checker: no errors in $(find "$out" -name '*.html' | wc -l) pages and style.css"
