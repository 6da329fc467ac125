#!/usr/bin/env bash
# Runs the Vitest suite under libfaketime (Debian's `faketime`) at another date:
#   scripts/test-at-date.sh +420d                 # 420 days from now (the CI pass)
#   scripts/test-at-date.sh 2028-02-29T10:00:00Z  # an instant (anything `date -d` reads)
#   TZ=Europe/Oslo scripts/test-at-date.sh 2027-03-28T01:30:00Z   # and the suite's time zone
# Every process the suite starts (PostgreSQL included) sees the same shifted clock.
set -euo pipefail
cd "$(dirname "$0")/.."
when="${1:?a date: +Nd or 'YYYY-MM-DD HH:MM:SS'}"
shift
command -v faketime >/dev/null 2>&1 || { echo "faketime is not installed (apt-get install faketime)." >&2; exit 1; }
if [[ "$when" == +* || "$when" == -* ]]; then
  # A relative offset; the clock keeps running from there.
  exec faketime -f "$when" npx vitest run "$@"
fi
# An instant: turned into an offset from now, so the clock runs on from it and a local
# time that a daylight-saving change makes ambiguous is never parsed.
offset=$(( $(date -d "$when" +%s) - $(date +%s) ))
exec faketime -f "$( ((offset >= 0)) && echo "+${offset}" || echo "${offset}")" npx vitest run "$@"
