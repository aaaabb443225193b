#!/usr/bin/env bash
# Seals the demo's sealed share page again into example-site/sealed/, from
# its source and made-up secret in this folder (see README.md here).
set -euo pipefail
cd "$(dirname "$0")/../.."
export SOURCE_DATE_EPOCH=1795392000
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --quiet --bin waymark
target=${CARGO_TARGET_DIR:-target}
case $target in /*) ;; *) target=$PWD/$target ;; esac
cp -r example-site "$work/site"
mkdir -p "$work/site/private/share" "$work/site/.waymark"
cp scripts/sealed-demo/candid-case-for-marta.md "$work/site/private/share/"
install -m 600 scripts/sealed-demo/share-secret "$work/site/.waymark/share-secret"
"$target/debug/waymark" --quiet --root "$work/site" share seal
rm -f example-site/sealed/*.html
cp "$work/site/sealed/"*.html example-site/sealed/
"$target/debug/waymark" --root "$work/site" share list 2>/dev/null | grep '#k='
