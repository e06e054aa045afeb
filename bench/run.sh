#!/usr/bin/env bash
# Builds generated corpora (examples/gen_corpus.rs) with briefly and, when
# `hugo` is installed (Debian's package), the equivalent Hugo site from the same
# generator, and prints wall time, CPU time, peak memory and output of each as
# Markdown table rows, then briefly's wall time and memory as a share of Hugo's
# measured in the same run. Not a test: numbers depend on the machine.
#
#   bench/run.sh                  # 1,000, 10,000 and 50,000 briefings
#   bench/run.sh 1000 10000       # chosen sizes
#   RUNS=3 bench/run.sh 10000     # median of three runs of each tool
#   OUT_DIR=/dev/shm bench/run.sh # outputs on tmpfs: measures CPU, not the disk
#
# briefly gets three rows per size: a cold build (no output, no build cache);
# a warm one, labelled `(warm)`: the same build again into the same output
# with the cache kept, as on an unchanged site; and `(one edit)`: the same
# after a line is added to one briefing's body.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin briefly --example gen_corpus
gen=target/release/examples/gen_corpus
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 50000)
runs=${RUNS:-1}

# One timed run: prints "wall cpu rss_kib files". It starts from nothing
# (no output, nor the folders in $fresh) unless $warm is 1.
once() { # output dir, command...
  local out=$1; shift
  if [ "${warm:-0}" != 1 ]; then
    # shellcheck disable=SC2086
    rm -rf "$out" ${fresh:-}
  fi
  # $prep: a command run before the timed one (the edit of an edit row).
  [ -z "${prep:-}" ] || eval "$prep"
  sync
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; return 1; }
  read -r wall user sys rss < "$work/time"
  echo "$wall $(awk "BEGIN { print $user + $sys }") $rss $(find "$out" -type f | wc -l) $(( $(du -sb "$out" | cut -f1) / 1000000 ))"
}

# The median run (by wall time) of `runs`: prints its row, leaves its wall
# time and peak memory in $m_wall and $m_rss.
measure() { # label, output dir, command...
  local label=$1 out=$2; shift 2
  local row
  row=$(for _ in $(seq "$runs"); do once "$out" "$@"; done | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  read -r m_wall cpu m_rss files mib <<< "$row"
  # What a host and a reader see of the last run's output: its largest page,
  # and the index bytes a one-word search fetches (briefly's sharded index).
  local largest search="—"
  largest=$(find "$out" -name '*.html' -printf '%s %P\n' | sort -n | tail -1 | awk '{ printf "%d KB (%s)", $1 / 1000, $2 }')
  if [ -f "$out/search/manifest.json" ] && command -v node >/dev/null; then
    search=$(node bench/search_bytes.js "$out" 반도체 funding | awk -F'\t' '{ printf "%s%s %s", sep, $1, $3; sep = ", " }')
  fi
  printf '| %s | %s | %.2f s | %.2f s | %d MiB | %d files, %d MB | %s | %s |\n' "$n" "$label" "$m_wall" "$cpu" "$((m_rss / 1024))" "$files" "$mib" "$largest" "$search"
  # $keep: the output stays for a warm run to follow.
  [ "${keep:-0}" = 1 ] || rm -rf "$out"
}

echo "| briefings | tool | wall | CPU | peak memory | output | largest page | search fetch per query |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
ratios=()
for n in "${sizes[@]}"; do
  work=$(mktemp -d)
  out_root=${OUT_DIR:-$work}
  $gen --briefings "$n" --out "$work/briefly" 2>/dev/null
  label="briefly $(git describe --always --dirty)"
  fresh="$work/briefly/.briefly-cache" keep=1 measure "$label" "$out_root/out-briefly" \
    target/release/briefly --root "$work/briefly" build --output "$out_root/out-briefly"
  bwall=$m_wall brss=$m_rss
  warm=1 keep=1 measure "$label (warm)" "$out_root/out-briefly" \
    target/release/briefly --root "$work/briefly" build --output "$out_root/out-briefly"
  wwall=$m_wall
  # One briefing's body edited before each run: the parse cache spares the
  # other bodies; every page is still rendered and written.
  edited=$(find "$work/briefly/content/briefings" -name '*.md' | sort | awk 'NR == 1')
  warm=1 prep="echo 'One more line.' >> '$edited'" measure "$label (one edit)" "$out_root/out-briefly" \
    target/release/briefly --root "$work/briefly" build --output "$out_root/out-briefly"
  rm -rf "$work/briefly"
  if command -v hugo >/dev/null; then
    $gen --briefings "$n" --out "$work/hugo" --format hugo 2>/dev/null
    measure "Hugo $(hugo version | cut -d' ' -f2 | cut -d+ -f1 | tr -d v)" "$out_root/out-hugo" \
      hugo --source "$work/hugo" --destination "$out_root/out-hugo" --quiet
    ratios+=("$n briefings: briefly's wall time is $(awk "BEGIN { printf \"%.2f\", $bwall / $m_wall }")× Hugo's ($(awk "BEGIN { printf \"%.2f\", $wwall / $m_wall }")× warm), its peak memory $(awk "BEGIN { printf \"%.2f\", $brss / $m_rss }")× Hugo's")
  fi
  rm -rf "$work"
done
echo
for r in "${ratios[@]}"; do echo "- $r"; done
