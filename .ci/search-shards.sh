#!/usr/bin/env bash
# Generates a site of 2,000 briefings (examples/gen_corpus.rs), builds it with
# BRIEFLY (default: target/debug/briefly) and searches it in headless
# Chromium for a Korean and an English word, printing the bytes of index
# files each query fetched and failing over the 500 KB budget.
set -euo pipefail
cd "$(dirname "$0")/.."
briefly="${BRIEFLY:-target/debug/briefly}"
count="${BRIEFINGS:-2000}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run --quiet --example gen_corpus -- --briefings "$count" --out "$work/site" >/dev/null
"$briefly" build --root "$work/site" --output "$work/public" >/dev/null
echo "search-shards: $count briefings, index $(du -sk "$work/public/search" | cut -f1) KB in $(find "$work/public/search" -name '*.json' | wc -l) files"
node tests/browser/search-shards.mjs "$work/public" 반도체 네이버가 funding
