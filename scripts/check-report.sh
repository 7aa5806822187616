#!/usr/bin/env bash
# Renders a report.html in headless Chromium (Debian's package: apt-get install chromium), checks the
# rendered DOM and writes a screenshot to look at. Not part of CI (CI has no browser).
#   scripts/check-report.sh [REPORT_HTML] [SCREENSHOT_PNG]
set -euo pipefail
report="${1:-mpi-demo-out/report.html}"
png="${2:-${report%.html}.png}"
command -v chromium >/dev/null || { echo "chromium not installed: apt-get install -y chromium" >&2; exit 2; }
[ -f "$report" ] || { echo "no report at $report: run ./mpi demo first" >&2; exit 2; }
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$profile")
url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
dom="$(chromium "${flags[@]}" --dump-dom "$url" 2>/dev/null)"
fail=0
check() { if ! grep -q "$2" <<<"$dom"; then echo "FAIL: $1" >&2; fail=1; else echo "ok: $1"; fi; }
check "trend line (Figure 1)" '<polyline'
check "tile map (Figure 2)" 'id="tilemap"'
check "decomposition bars (Figure 3)" 'id="decomposition"'
check "ranked table (Table 1)" 'id="ranking"'
check "spec printed" 'window scheme: calendar quarters'
tiles=$(grep -o 'class="tile"' <<<"$dom" | wc -l)
if [ "$tiles" -ne 52 ]; then echo "FAIL: $tiles state tiles, expected 52" >&2; fail=1; else echo "ok: 52 state tiles"; fi
if grep -Eq '(src|href)="https?:' <<<"$dom"; then echo "FAIL: the report loads something from the network" >&2; fail=1; else echo "ok: self-contained"; fi
chromium "${flags[@]}" --window-size=1200,3600 --screenshot="$png" "$url" >/dev/null 2>&1
echo "screenshot: $png"
exit $fail
