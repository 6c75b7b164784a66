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

run --color=sometimes questions
expect_status bad_color__exits_2 2
expect_one_line_err bad_color__one_line
expect_err bad_color__names_the_choices \
	"coach: --color takes always, never or auto, not 'sometimes'"
expect_err bad_color__hint "hint: try 'coach --help'"

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

# The man page: each section once, every command and journal command in
# its synopsis, and no warnings from groff where it is installed.
man1="$(dirname "$0")/../../docs/coach.1"
if [ -z "$(grep '^\.SH' "$man1" | sort | uniq -d)" ]; then
	ok man__each_section_once
else
	fail man__each_section_once "$(grep '^\.SH' "$man1" | sort | uniq -d)"
fi
synopsis=$(sed -n '/^\.SH SYNOPSIS/,/^\.SH DESCRIPTION/p' "$man1")
"$COACH_BIN" journal --help >"$TMP/jhelp" 2>/dev/null
missing=""
for c in $commands; do
	printf '%s\n' "$synopsis" | grep -q "^\.B coach $c" || \
		missing="$missing $c"
done
for c in $(sed -n 's/^  \([a-z][a-z]*\) .*/\1/p' "$TMP/jhelp"); do
	printf '%s\n' "$synopsis" | grep -qE "^\.B coach journal $c$|^\.RB \[ $c \]" \
		|| missing="$missing journal-$c"
done
for c in "questions check" "questions import" "rubric check" "plan check"
do
	printf '%s\n' "$synopsis" | grep -q "^\.B coach $c" || \
		missing="$missing $c"
done
if [ -z "$missing" ]; then ok man__synopsis_names_every_command
else fail man__synopsis_names_every_command "missing:$missing"; fi
if command -v groff >/dev/null 2>&1; then
	if groff -ww -man -Tutf8 "$man1" 2>&1 >/dev/null | grep -q .; then
		fail man__groff_no_warnings "$(groff -ww -man -Tutf8 "$man1" \
			2>&1 >/dev/null | head -3)"
	else
		ok man__groff_no_warnings
	fi
else
	ok "man__groff_no_warnings # skip no groff"
fi
