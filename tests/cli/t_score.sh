# coach score: reports on stdout, JSON and lint forms, stdin, --min, bad
# input and usage errors with their exit statuses, broken rubrics, several
# files at once, and --save.
. "$(dirname "$0")/lib.sh"

DATA="$(cd "$(dirname "$0")/../data" && pwd)"
STRONG="$DATA/score-strong.txt"
WEAK="$DATA/score-mediocre.txt"
J="$XDG_DATA_HOME/coach/journal.jsonl"

# expect_clean_out NAME: no "coach:" message reached stdout.
expect_clean_out() {
	if grep -q '^coach:' "$TMP/out"; then fail "$1" \
		"stdout has a coach: line"; else ok "$1"; fi
}

# expect_empty_out NAME: nothing at all on stdout.
expect_empty_out() {
	if [ -s "$TMP/out" ]; then fail "$1" "stdout is not empty"; \
	else ok "$1"; fi
}

# expect_hint NAME: the second stderr line is a hint.
expect_hint() {
	if [ "$(sed -n 2p "$TMP/err")" != "" ] && \
	   sed -n 2p "$TMP/err" | grep -q '^hint: '; then ok "$1"; \
	else fail "$1" "no hint line after the message"; fi
}

# expect_json_lines NAME N: stdout is N lines, each a JSON report.
expect_json_lines() {
	if python3 - "$TMP/out" "$2" <<'EOF'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
assert len(lines) == int(sys.argv[2]), len(lines)
for line in lines:
    r = json.loads(line)
    assert r["schema"] == 1
    assert set(r["parts"]) == {"situation", "task", "action", "result",
                               "reflection"}
    assert all(isinstance(v, bool) for v in r["flags"].values())
EOF
	then ok "$1"; else fail "$1" "stdout is not $2 JSON reports"; fi
}

# bad_input NAME FILE TEXT: status 3, one message naming TEXT, no output.
bad_input() {
	run score "$2"
	expect_status "$1: status 3" 3
	expect_one_line_err "$1: one coach: line"
	expect_err "$1: message says why" "$3"
	expect_empty_out "$1: nothing on stdout"
}

# usage NAME TEXT ARGS...: status 2, a message with TEXT, then a hint.
usage() {
	_name=$1
	_text=$2
	shift 2
	run score "$@"
	expect_status "$_name: status 2" 2
	expect_one_line_err "$_name: one coach: line"
	expect_err "$_name: message says what" "$_text"
	expect_hint "$_name: hint line"
	expect_empty_out "$_name: nothing on stdout"
}

# A report for people
run score "$STRONG"
expect_status "text: succeeds" 0
expect_out "text: names the file" "$STRONG"
expect_out "text: overall score" "Overall "
expect_out "text: quotes the answer" '"At my last job'
if [ -s "$TMP/err" ]; then fail "text: stderr is empty"; else
	ok "text: stderr is empty"; fi

# JSON, one report per file
run score --json "$STRONG" "$WEAK"
expect_status "json: succeeds" 0
expect_json_lines "json: two reports that parse" 2
run score --format json "$STRONG"
expect_json_lines "format json: one report" 1
if python3 -c 'import json,sys; json.load(sys.stdin)' <"$TMP/out"; then
	ok "json: parses with json.load"; else fail "json: parses"; fi

# The answer on standard input
run_in "$STRONG" score -
expect_status "stdin: succeeds" 0
expect_out "stdin: a report" "Overall "
cp "$TMP/out" "$TMP/stdin.out"
run score "$STRONG"
if [ "$(tail -n +2 "$TMP/stdin.out")" = "$(tail -n +2 "$TMP/out")" ]
then ok "stdin: same report as the file"; else
	fail "stdin: same report as the file"; fi
printf '\377' >"$TMP/bad-utf8.txt"
run_in "$TMP/bad-utf8.txt" score -
expect_status "stdin: invalid UTF-8 is status 3" 3
expect_err "stdin: message names stdin and line" "coach: stdin: line 1:"

# Bad input: status 3, one line on stderr, nothing on stdout
: >"$TMP/empty.txt"
printf ' \n\t\r\n   \n' >"$TMP/blank.txt"
head -c 2000 /bin/ls >"$TMP/binary.dat"
printf 'I fixed it \377 quickly.\n' >"$TMP/invalid.txt"
yes 'I fixed the bug in the ledger export.' | head -c 5000000 \
	>"$TMP/huge.txt"
mkdir -p "$TMP/folder"
bad_input "empty file" "$TMP/empty.txt" "the answer is empty"
bad_input "whitespace only" "$TMP/blank.txt" "the answer is empty"
bad_input "binary file" "$TMP/binary.dat" "NUL byte"
bad_input "invalid UTF-8" "$TMP/invalid.txt" \
	"invalid.txt: line 1: the answer is not valid UTF-8 (byte 12)"
bad_input "5 MB answer" "$TMP/huge.txt" "limit"
bad_input "missing file" "$TMP/nosuch.txt" "nosuch.txt"
bad_input "directory" "$TMP/folder" "folder"
run_in "$TMP/huge.txt" score -
expect_status "5 MB on stdin: status 3" 3
expect_err "5 MB on stdin: over the limit" "limit"

# Usage errors: status 2 and a hint
usage "unknown option" "'--jsno'" --jsno "$STRONG"
usage "no file" "no answer file"
usage "--min abc" "'abc'" --min abc "$STRONG"
usage "--min 101" "'101'" --min 101 "$STRONG"
usage "--min -1" "'-1'" --min -1 "$STRONG"
usage "--format nope" "'nope'" --format nope "$STRONG"
usage "--question nosuch" "'nosuch'" --question nosuch "$STRONG"

# --min
run score --min 0 "$STRONG"
expect_status "--min 0: passes" 0
run score --min 100 "$WEAK"
expect_status "--min 100 on a mediocre answer: status 1" 1
expect_out "--min 100: the report is still shown" "Overall "
run score --min 10 "$STRONG" "$WEAK"
expect_status "--min 10: both reach it" 0
run score --min 60 "$STRONG" "$WEAK"
expect_status "--min 60: one falls short" 1

# Lint lines for editors
run score --format lint "$WEAK" "$STRONG"
expect_status "lint: succeeds" 0
if [ -s "$TMP/out" ] && ! grep -Ev "^($WEAK|$STRONG):[0-9]+:[0-9]+: " \
	"$TMP/out" >/dev/null; then ok "lint: every line is FILE:LINE:COL:"
else fail "lint: every line is FILE:LINE:COL:"; fi
expect_out "lint: mostly-we at its line and column" \
	"$WEAK:1:49: star.mostly-we"
expect_out "lint: a missing part" "$WEAK:1:1: star.task.missing"

# Several files, one missing: the others are still scored
run score "$STRONG" "$TMP/nosuch.txt" "$WEAK"
expect_status "several files, one missing: status 3" 3
expect_out "several files: the first is scored" "$STRONG"
expect_out "several files: the last is scored" "$WEAK"
expect_err "several files: the missing one is named" "nosuch.txt"
expect_clean_out "several files: no message on stdout"
run score --min 100 "$WEAK" "$TMP/empty.txt"
expect_status "bad input outranks --min" 3

# A broken rubric in the config folder stops with its path and line
R="$XDG_CONFIG_HOME/coach/rubrics"
mkdir -p "$R"
printf '{\n  "schema": 1,\n  "id": "star"\n  "title": "Mine",\n' >"$R/star.json"
printf '  "criteria": []\n}\n' >>"$R/star.json"
run score "$STRONG"
expect_status "broken rubric: status 3" 3
expect_one_line_err "broken rubric: one coach: line"
expect_err "broken rubric: path and line" "$R/star.json:4:"
expect_empty_out "broken rubric: nothing on stdout"
printf '{\n  "schema": 1,\n  "id": "star",\n  "title": "Mine",\n' \
	>"$R/star.json"
printf '  "criteria": [\n    { "id": "a", "name": "A", "weight": "x" }\n' \
	>>"$R/star.json"
printf '  ]\n}\n' >>"$R/star.json"
run score "$STRONG"
expect_status "invalid rubric field: status 3" 3
expect_err "invalid rubric field: path, line and why" \
	"$R/star.json:6: \"weight\" must be a number"
rm -f "$R/star.json"

# --save journals the answer, readable only by its owner
Q=$("$COACH_BIN" questions | awk 'NR == 1 { print $1 }')
run score --save --question "$Q" "$STRONG"
expect_status "save: succeeds" 0
if [ -f "$J" ] && [ "$(wc -l <"$J")" -eq 1 ]; then
	ok "save: one journal line"; else fail "save: one journal line"; fi
if [ "$(stat -c %a "$J" 2>/dev/null)" = 600 ]; then
	ok "save: journal mode 600"; else fail "save: journal mode 600"; fi
if python3 - "$J" "$STRONG" "$Q" <<'EOF'
import json, sys
e = json.loads(open(sys.argv[1], encoding="utf-8").readline())
assert e["answer"] == open(sys.argv[2], encoding="utf-8").read()
assert e["question"]["id"] == sys.argv[3]
assert e["score"]["overall"] > 0
EOF
then ok "save: the entry holds answer and question"; else
	fail "save: the entry holds answer and question"; fi
run score --save "$TMP/empty.txt"
expect_status "save of bad input: status 3" 3
if [ "$(wc -l <"$J")" -eq 1 ]; then ok "save of bad input: not journaled"
else fail "save of bad input: not journaled"; fi

# --category and JSON Lines questions must name something that exists.
run score --category nope "$STRONG"
expect_status "category: unknown, status 2" 2
expect_err "category: unknown, lists them" "hint: the categories are:"
printf '{"answer": "I fixed it.", "question": "nope"}\n' >"$TMP/q.jsonl"
run score --jsonl "$TMP/q.jsonl"
expect_status "jsonl: unknown question, status 3" 3
expect_err "jsonl: unknown question, names the line" \
	"q.jsonl:1: no question or category 'nope'"
printf '{"answer": "At Acme I fixed it.", "question": "%s"}\n' \
	"Tell me about a time you learned from failure." >"$TMP/q.jsonl"
run score --jsonl --json "$TMP/q.jsonl"
expect_status "jsonl: question by its text" 0

# Punctuation with no words is refused like an empty answer.
printf '!!! ??? ...\n' >"$TMP/punct.txt"
run score "$TMP/punct.txt"
expect_status "no words: status 3" 3
expect_err "no words: message" "the answer has no words"
