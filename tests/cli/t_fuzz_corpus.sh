#!/bin/sh
# Replays each fuzz target's corpus (tests/fuzz/corpus/NAME) through its
# plain build, build/fuzz/replay_NAME: every input once, none may crash.
. "$(dirname "$0")/lib.sh"

root=$(cd "$(dirname "$0")/../.." && pwd)
bins=$(dirname "$COACH_BIN")/fuzz

for src in "$root"/tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	name=${name#fuzz_}
	corpus="$root/tests/fuzz/corpus/$name"
	want=$(find "$corpus" -type f 2>/dev/null | wc -l)
	if [ ! -x "$bins/replay_$name" ] || [ "$want" -eq 0 ]; then
		status=-1
		fail "fuzz_corpus__${name}__replays" \
			"no $bins/replay_$name or empty $corpus"
		continue
	fi
	timeout 600 $COACH_WRAP "$bins/replay_$name" "$corpus" \
		>"$TMP/out" 2>"$TMP/err"
	status=$?
	if [ "$status" -eq 0 ] && \
	   grep -qx "replayed $want inputs" "$TMP/out"; then
		ok "fuzz_corpus__${name}__replays_${want}_inputs"
	else
		fail "fuzz_corpus__${name}__replays" "expected $want inputs"
	fi
done
