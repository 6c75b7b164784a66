#!/bin/sh
# make bench: speed and memory of scoring, of the journal commands, and of
# the model client's streaming.  Figures only; nothing here passes or fails.
set -eu
coach=$1
here=$(cd "$(dirname "$0")" && pwd)
echo "== scoring"
python3 "$here/bench.py" "$coach"
echo
echo "== journal"
sh "$here/bench-journal.sh" "$coach"
echo
echo "== model feedback streaming"
python3 "$here/bench-llm.py" "$coach"
