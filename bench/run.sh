#!/usr/bin/env bash
# Builds generated corpora with briefly and, when `hugo` is installed (Debian's
# package), the equivalent Hugo site, and prints wall time, CPU time and peak
# memory of each as Markdown table rows. Not a test: numbers depend on the machine.
#
#   bench/run.sh            # 1,000 and 10,000 briefings
#   bench/run.sh 1000 50000
set -euo pipefail
cd "$(dirname "$0")/.."
gen=../shared/bench/gen_corpus.py
cargo build --release --quiet
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

measure() { # label, output dir, command...
  local label=$1 out=$2; shift 2
  rm -rf "$out"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; return 1; }
  read -r wall user sys rss < "$work/time"
  local files
  files=$(find "$out" -type f | wc -l)
  printf '| %s | %s | %.1f s | %.1f s | %d MiB | %d files |\n' "$n" "$label" "$wall" "$(awk "BEGIN { print $user + $sys }")" "$((rss / 1024))" "$files"
}

echo "| briefings | tool | wall | CPU | peak memory | output |"
echo "| --- | --- | --- | --- | --- | --- |"
for n in "${sizes[@]}"; do
  work=$(mktemp -d)
  python3 "$gen" --briefings "$n" --out "$work/briefly" --format briefly >/dev/null
  measure "briefly $(git describe --always --dirty)" "$work/out-briefly" \
    target/release/briefly --root "$work/briefly" build --output "$work/out-briefly"
  if command -v hugo >/dev/null; then
    python3 "$gen" --briefings "$n" --out "$work/hugo" --format hugo >/dev/null
    measure "$(hugo version | cut -d' ' -f2 | cut -d+ -f1) (Hugo)" "$work/out-hugo" \
      hugo --source "$work/hugo" --destination "$work/out-hugo" --quiet
  fi
  rm -rf "$work"
done
