#!/usr/bin/env bash
# Hashes of every file waymark builds, for proving that a refactor changed
# no output byte: example-site and the 10,000-entry benchmark corpus, built
# with SOURCE_DATE_EPOCH fixed. Run it before and after; the two lists (and
# their last line, one hash over all of them) must be identical.
#
#   scripts/output-hashes.sh [OUT_FILE]     (default: stdout)
set -euo pipefail
cd "$(dirname "$0")/.."
export SOURCE_DATE_EPOCH=1795392000
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet --bin waymark --example gen-corpus
# Run the binaries cargo just built: under CARGO_TARGET_DIR when it is set
# (relative to this checkout, as cargo reads it), else ./target.
target=${CARGO_TARGET_DIR:-target}
case $target in /*) ;; *) target=$PWD/$target ;; esac
bin=$target/release/waymark
"$bin" --quiet --root example-site build --output "$work/example" 2>/dev/null
"$target/release/examples/gen-corpus" 10000 "$work/corpus-src" >/dev/null
"$bin" --quiet --root "$work/corpus-src" build --output "$work/corpus" 2>/dev/null
{
  for site in example corpus; do
    (cd "$work/$site" && find . -type f ! -name '.public.waymark-*' -print0 | sort -z | xargs -0 sha256sum | sed "s|  \./|  $site/|")
  done
} > "$work/list"
{ cat "$work/list"; echo "all $(sha256sum < "$work/list" | cut -d' ' -f1)"; } > "${1:-/dev/stdout}"
