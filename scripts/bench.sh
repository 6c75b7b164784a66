#!/bin/sh
# make bench: speed and memory of scoring, then of the journal when its
# benchmark is present.  Figures only; nothing here passes or fails.
set -eu
coach=$1
here=$(cd "$(dirname "$0")" && pwd)
echo "== scoring"
python3 "$here/bench.py" "$coach"
for extra in "$here"/bench-*.sh; do
	[ -f "$extra" ] || continue
	echo
	echo "== $(basename "$extra" .sh)"
	sh "$extra" "$coach"
done
