#!/bin/sh
# Runs every unit test binary and every CLI/terminal test script, then
# prints one closing line "N passed, N failed"; exits non-zero on failure.
# Usage: tests/run.sh UNIT_DIR COACH_BIN CASES_DIR
# COACH_WRAP, when set, is a command put in front of each unit test and
# each coach run (make test-valgrind); COACH_WRAP_SKIP lists test scripts
# to leave out then.
unit_dir=$1
export COACH_BIN="$2"
export COACH_CASES="$3"
here=$(cd "$(dirname "$0")" && pwd)
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for t in "$unit_dir"/test_*; do
	[ -x "$t" ] || continue
	$COACH_WRAP "$t" >"$log" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log")
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log")
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1	# crashed or failed outside a test
	fi
	[ "$f" -gt 0 ] && cat "$log"
	passed=$((passed + p))
	failed=$((failed + f))
	echo "$(basename "$t"): $p passed, $f failed"
done

for t in "$here"/cli/t_*.sh "$here"/cli/t_*.py; do
	[ -f "$t" ] || continue
	case " $COACH_WRAP_SKIP " in
	*" $(basename "$t") "*) echo "$(basename "$t"): skipped"; continue ;;
	esac
	case "$t" in
	*.py) python3 "$t" >"$log" 2>&1 ;;
	*) sh "$t" >"$log" 2>&1 ;;
	esac
	rc=$?
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	[ "$f" -gt 0 ] && cat "$log"
	passed=$((passed + p))
	failed=$((failed + f))
	echo "$(basename "$t"): $p passed, $f failed"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
