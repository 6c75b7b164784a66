# coach journal: path, list, show and delete on a journal written by hand,
# with one garbage line that must be skipped with a warning.
. "$(dirname "$0")/lib.sh"

J="$XDG_DATA_HOME/coach/journal.jsonl"
OLD=20261203T170455.123456Z-ab12
NEW=20261204T090000.000001Z-cd34
mkdir -p "$XDG_DATA_HOME/coach"
cat >"$J" <<'EOF'
{"v":1,"id":"20261203T170455.123456Z-ab12","time":"2026-12-03T17:04:55Z","question":{"id":"failure-lesson","text":"Tell me about a time you failed.","category":"growth"},"answer":"When I joined the payments team,\nour release process failed every week.","score":{"overall":72,"star":80,"growth":55,"parts":{"situation":{"present":true,"strength":0.8,"share":0.2},"task":{"present":false,"strength":0,"share":0}},"criteria":{"growth-mindset/lesson":0.5}},"flags":["result_quantified"],"words":14,"seconds_spent":95}
this line is not json
{"v":1,"id":"20261204T090000.000001Z-cd34","time":"2026-12-04T09:00:00Z","answer":"A second answer with no question and no score at all, long enough to be cut."}
EOF

# expect_lines_fit NAME: every stdout line is at most 80 columns.
expect_lines_fit() {
	if awk 'length($0) > 80 { bad = 1 } END { exit bad }' "$TMP/out"
	then ok "$1"; else fail "$1" "a line is over 80 columns"; fi
}

# expect_first_line NAME TEXT: the first stdout line starts with TEXT.
expect_first_line() {
	case "$(head -1 "$TMP/out")" in
	"$2"*) ok "$1" ;;
	*) fail "$1" "first line does not start with $2" ;;
	esac
}

# expect_no_out NAME TEXT: stdout lacks TEXT.
expect_no_out() {
	if grep -qF -- "$2" "$TMP/out"; then fail "$1" "stdout has: $2"; \
	else ok "$1"; fi
}

run journal path
expect_status "path: succeeds" 0
expect_out "path: is the XDG data file" "$J"

COACH_JOURNAL="$TMP/elsewhere.jsonl" run journal path
expect_out "path: COACH_JOURNAL overrides it" "$TMP/elsewhere.jsonl"

run journal list
expect_status "list: succeeds despite a bad line" 0
expect_first_line "list: newest first" "$NEW 2026-12-04   -"
expect_out "list: older entry with score and question" \
	"$OLD 2026-12-03  72 failure-les~ When I joined the..."
expect_out "list: answer cut at a word end" \
	"$NEW 2026-12-04   - -            A second answer with..."
expect_lines_fit "list: lines fit 80 columns"
expect_err "list: warns about the garbage line" \
	"coach: warning: $J:2: skipped: not valid JSON"

run journal list --limit 1
expect_status "list --limit: succeeds" 0
expect_no_out "list --limit 1: only the newest" "$OLD"

run journal list --limit 0
expect_status "list --limit 0: usage error" 2
expect_one_line_err "list --limit 0: one line"

run journal show 20261203
expect_status "show: prefix finds the entry" 0
expect_out "show: full id" "id        $OLD"
expect_out "show: question" "Tell me about a time you failed."
expect_out "show: overall score" "72 overall, STAR 80, growth 55"
expect_out "show: part present" "situation  present"
expect_out "show: part absent" "task       absent"
expect_out "show: flags" "result_quantified"
expect_out "show: answer text" "our release process failed every week."

run journal show 2026
expect_status "show: ambiguous prefix is bad input" 3
expect_err "show: says the prefix is ambiguous" "'2026' is the start of 2 ids"

run journal show nosuchid
expect_status "show: unknown id is bad input" 3
expect_err "show: names the unknown id" \
	"coach: no journal entry has the id 'nosuchid'"

run journal show
expect_status "show: no id is a usage error" 2
expect_one_line_err "show: no id, one line"
expect_err "show: no id, hint on a line of its own" \
	"hint: try 'coach journal --help'"

run journal frobnicate
expect_status "unknown command: usage error" 2
expect_one_line_err "unknown command: one line"
expect_err "unknown command: hint on a line of its own" \
	"hint: try 'coach journal --help'"

COACH_JOURNAL="$TMP/none.jsonl" run journal list
expect_status "list of an empty journal: succeeds" 0
expect_err "list of an empty journal: says where answers go" \
	"answers you practise are kept in $TMP/none.jsonl"

run journal --help
expect_status "help: succeeds" 0
expect_out "help: shows usage" "usage: coach journal"

run journal delete "$NEW"
expect_status "delete: succeeds" 0
expect_err "delete: says what it deleted" "deleted journal entry $NEW"
if tail -1 "$J" | grep -qF "\"deleted\":\"$NEW\""; then
	ok "delete: appends a tombstone"
else
	fail "delete: appends a tombstone" "last line: $(tail -1 "$J")"
fi

run journal list
expect_status "list after delete: succeeds" 0
expect_no_out "list after delete: entry is gone" "$NEW"
expect_first_line "list after delete: other entry stays" "$OLD"

run journal show "$NEW"
expect_status "show after delete: entry is unknown" 3
