#!/bin/sh
# The command line's own help: "coach --help", "coach --version",
# "coach COMMAND --help" for every command, and one-line usage errors.
. "$(dirname "$0")/lib.sh"

run --help
expect_status help__exits_0 0
expect_out help__usage "usage: coach"

run --version
expect_status version__exits_0 0
if grep -qE '^coach [0-9]+\.[0-9]+' "$TMP/out"; then ok version__number
else fail version__number "no version number"; fi

run --bogus
expect_status bogus_global_option__exits_2 2
expect_one_line_err bogus_global_option__one_line
expect_err bogus_global_option__hint "try 'coach --help'"

"$COACH_BIN" --help >"$TMP/help" 2>/dev/null
commands=$(sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' \
	"$TMP/help")
[ -n "$commands" ] || fail help__lists_commands "no commands found"
for c in $commands; do
	run "$c" --help </dev/null
	expect_status "help_${c}__exits_0" 0
	if head -1 "$TMP/out" | grep -q "^usage: coach $c"; then
		ok "help_${c}__usage_line"
	else
		fail "help_${c}__usage_line" "first line is not usage: coach $c"
	fi
	run "$c" --bogus-option </dev/null
	expect_status "bogus_${c}_option__exits_2" 2
	if grep -qE "^hint: |try 'coach" "$TMP/err"; then
		ok "bogus_${c}_option__hint"
	else
		fail "bogus_${c}_option__hint" "no hint on stderr"
	fi
done
