#!/usr/bin/env bash
# Loads /search/?q=네이버가 of the example site in headless Chromium and checks
# that the results list the briefing about Naver Ventures.
set -euo pipefail
public="$1"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$public" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -sf "http://127.0.0.1:$port/" >/dev/null && break
  sleep 0.1
done
profile=$(mktemp -d)
query=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("네이버가"))')
dom=$(timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --virtual-time-budget=10000 \
  --dump-dom "http://127.0.0.1:$port/search/?q=$query" 2>/dev/null)
results=$(printf '%s' "$dom" | tr '\n' ' ' | grep -o '<ol id="search-results"[^>]*>.*</ol>' || true)
if ! printf '%s' "$results" | grep -q 'href="/briefings/naver-ventures-launch/"'; then
  echo "search e2e: /search/?q=네이버가 did not list the Naver Ventures briefing" >&2
  printf '%s\n' "$results" >&2
  exit 1
fi
# The count reads as a sentence in the page's language.
if ! printf '%s' "$dom" | grep -q '<p id="search-status"[^>]*>‘네이버가’ 검색 결과 [0-9]*건</p>'; then
  echo "search e2e: the status line does not say ‘네이버가’ 검색 결과 N건" >&2
  printf '%s' "$dom" | grep -o '<p id="search-status"[^>]*>[^<]*</p>' >&2 || true
  exit 1
fi
echo "search e2e: /search/?q=네이버가 lists $(printf '%s' "$results" | grep -o '<li>' | wc -l) briefings, Naver Ventures among them"
