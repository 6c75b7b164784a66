# Helpers for CLI tests: each check prints "ok NAME" or "not ok NAME".
# Every test gets a private HOME and XDG folders, so no user data is read.
: "${COACH_BIN:?COACH_BIN must name the coach binary}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/config" \
	XDG_DATA_HOME="$TMP/data" XDG_STATE_HOME="$TMP/state"
unset COACH_JOURNAL NO_COLOR OPENAI_API_KEY ANTHROPIC_API_KEY
mkdir -p "$HOME"

# run ARGS...: runs coach, keeping stdout, stderr and status.  A command
# in COACH_WRAP (make test-valgrind sets it) is put in front of coach.
run() {
	$COACH_WRAP "$COACH_BIN" "$@" >"$TMP/out" 2>"$TMP/err"
	status=$?
}

# run_in INPUTFILE ARGS...: the same with stdin from a file.
run_in() {
	_in=$1
	shift
	$COACH_WRAP "$COACH_BIN" "$@" <"$_in" >"$TMP/out" 2>"$TMP/err"
	status=$?
}

ok() { echo "ok $1"; }
fail() { echo "not ok $1"; shift; for l in "$@"; do echo "# $l"; done; \
	echo "# status=$status"; sed 's/^/# out: /' "$TMP/out" | head -20; \
	sed 's/^/# err: /' "$TMP/err" | head -20; }

# expect_status NAME N
expect_status() {
	if [ "$status" -eq "$2" ]; then ok "$1"; else fail "$1" \
		"expected status $2"; fi
}

# expect_err NAME TEXT: stderr contains TEXT.
expect_err() {
	if grep -qF -- "$2" "$TMP/err"; then ok "$1"; else fail "$1" \
		"stderr lacks: $2"; fi
}

# expect_out NAME TEXT: stdout contains TEXT.
expect_out() {
	if grep -qF -- "$2" "$TMP/out"; then ok "$1"; else fail "$1" \
		"stdout lacks: $2"; fi
}

# expect_one_line_err NAME: stderr is one "coach: " line (and a hint).
expect_one_line_err() {
	if head -1 "$TMP/err" | grep -q '^coach: ' && \
	   [ "$(grep -vc '^hint: ' "$TMP/err")" -eq 1 ]; then ok "$1"; \
	else fail "$1" "stderr is not one coach: line"; fi
}
