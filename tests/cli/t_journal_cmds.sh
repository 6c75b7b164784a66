# coach journal search, compare, stats, stories, export, compact and the
# --story/--tag options of "coach score --save", on answers saved here.
. "$(dirname "$0")/lib.sh"

J="$XDG_DATA_HOME/coach/journal.jsonl"
export LANG=C.UTF-8 TERM=xterm
unset LC_ALL LC_CTYPE

cat >"$TMP/a1.txt" <<'EOF'
At Brackenridge our payment releases failed, and customers, "angry" ones,
called. I owned the fix: I wrote a rollback script and cut errors by 40%
in 3 weeks. I learned to test with production data; I just do it now.
EOF
cat >"$TMP/a2.txt" <<'EOF'
At Brackenridge our payment releases failed. I owned the fix: I wrote a
rollback script and cut errors by 25% in 4 weeks. Straße, naïve, Zoë.
I learned to test with production data and I measure every release now.
EOF

run score --save --question msft-growth-setback --story "payments outage" \
	--tag onsite --tag amazon "$TMP/a1.txt"
expect_status "score --save --story --tag: succeeds" 0
run score --save --question msft-growth-setback --story "Payments Outage" \
	"$TMP/a2.txt"
expect_status "score --save: second telling saved" 0
run score --story x "$TMP/a1.txt"
expect_status "score --story without --save: usage error" 2
run score --save --tag "" "$TMP/a1.txt"
expect_status "score --tag '': usage error" 2
expect_err "score --tag '': says why" "coach: --tag '' is empty"

ID1=$(sed -n 's/^{"v":1,"id":"\([^"]*\)".*/\1/; 1p' "$J")
ID2=$(sed -n 's/^{"v":1,"id":"\([^"]*\)".*/\1/; 2p' "$J")
if grep -q '"story":"payments outage","tags":\["onsite","amazon"\]' "$J"
then ok "score --save: story and tags in the entry"
else fail "score --save: story and tags in the entry"; fi

run journal list --tag ONSITE
expect_out "list --tag: matching attempt" "$ID1"
if grep -qF "$ID2" "$TMP/out"; then fail "list --tag: others left out"
else ok "list --tag: others left out"; fi
run journal list --story "payments outage" --since 2000-01-01 \
	--until 2999-12-31 --min-score 0 --max-score 100 --question \
	msft-growth-setback --category failure
expect_status "list: every filter at once" 0
if [ "$(wc -l <"$TMP/out")" -eq 2 ]; then ok "list: both tellings match"
else fail "list: both tellings match"; fi
run journal list --since 2026-02-30
expect_status "list --since bad date: usage error" 2
expect_one_line_err "list --since bad date: one line"

run journal search ZOË
expect_status "search: succeeds" 0
expect_out "search: finds non-ASCII text in any case" "$ID2"
expect_out "search: shows a snippet" "    answer: ...weeks. Straße, naïve, Zoë. I"
run journal search nowhere-at-all
expect_err "search: says when nothing matches" "no attempt mentions"
run journal search onsite
expect_out "search: looks in tags" "    tag: onsite"

run journal show "$ID2"
expect_out "show: story" "story     Payments Outage"
expect_out "show: retold numbers" "40% → 25%"
expect_out "show: retold units" "3 weeks → 4 weeks"

run journal compare "$ID1" "$ID2"
expect_status "compare: succeeds" 0
expect_out "compare: overall row" "  overall"
expect_out "compare: words removed" "removed"
expect_out "compare: sentence only in B" "    - Straße, naïve, Zoë."
expect_out "compare: numbers" "  40% → 25%"
LANG=C run journal compare "$ID1" "$ID2"
expect_out "compare: ASCII arrow without UTF-8" "  40% -> 25%"
run journal compare "$ID1"
expect_status "compare: one id is a usage error" 2

run journal stats
expect_status "stats: succeeds" 0
expect_out "stats: attempts" "attempts  2 in 1 week"
expect_out "stats: category row" "failure"
expect_out "stats: sparkline" "per week  █"
expect_out "stats: STAR parts" "situation"
expect_out "stats: weakest criteria" "weakest criteria"
if grep -qE 'blame|fixed-mindset' "$TMP/out"
then fail "stats: penalties, best at 0, are not among the weakest"
else ok "stats: penalties, best at 0, are not among the weakest"; fi
TERM=dumb run journal stats
expect_out "stats: ASCII sparkline for a dumb terminal" "per week  #"

run journal stories --numbers
expect_status "stories: succeeds" 0
expect_out "stories: one story, two tellings" "payments outage  2 tellings"
expect_out "stories: its category" "failure"
expect_out "stories: changed numbers" "40% → 25%"
expect_out "stories: categories without a story" "no story yet"

run journal export --format csv
expect_status "export csv: succeeds" 0
cp "$TMP/out" "$TMP/export.csv"
if python3 - "$TMP/export.csv" "$TMP/a1.txt" "$TMP/a2.txt" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
assert len(rows) == 2, rows
for row, f in zip(rows, sys.argv[2:]):
    assert row["answer"] == open(f, encoding="utf-8").read(), row["answer"]
assert rows[0]["tags"] == "onsite;amazon"
assert rows[1]["story"] == "Payments Outage"
assert float(rows[0]["overall"]) >= 0
EOF
then ok "export csv: Python's csv module reads every answer back"
else fail "export csv: Python's csv module reads every answer back"; fi

run journal export --format json
if python3 -c 'import json,sys; a=json.load(open(sys.argv[1]));
assert len(a) == 2 and a[0]["story"] == "payments outage"' "$TMP/out"
then ok "export json: an array of the attempts"
else fail "export json: an array of the attempts"; fi

run journal export
expect_out "export md: a heading per question" "## Tell me about a setback"
expect_out "export md: answers as quotes" "> At Brackenridge"
run journal export --format xml
expect_status "export --format xml: usage error" 2

run journal delete "$ID1"
expect_status "delete: succeeds" 0
before=$(wc -c <"$J")
printf '{"v":1,"id":"torn' >>"$J"
run journal compact
expect_status "compact: succeeds" 0
expect_err "compact: reports the torn line" "skipped: not valid JSON"
expect_err "compact: counts the attempt and its tombstone apart" \
	"kept 1 entry, dropped 1 deleted entry, 1 tombstone and 1 unreadable line;"
if grep -qF "$ID1" "$J"; then fail "compact: deleted answer is gone"
else ok "compact: deleted answer is gone"; fi
if [ "$(stat -c %a "$J")" = 600 ] && [ "$(wc -c <"$J")" -lt "$before" ]
then ok "compact: file still private and smaller"
else fail "compact: file still private and smaller"; fi

# A full disk: the answer file is untouched and the error says so.
cp "$J" "$TMP/before.jsonl"
(trap '' XFSZ; ulimit -f 1; "$COACH_BIN" score --save "$TMP/a1.txt" \
	>"$TMP/out" 2>"$TMP/err")
status=$?
expect_status "full disk: bad input status" 3
expect_err "full disk: says the file is unchanged" \
	"not saved; the file itself is unchanged"
if cmp -s "$J" "$TMP/before.jsonl"; then ok "full disk: journal unchanged"
else fail "full disk: journal unchanged"; fi

# Two processes saving at once: every answer lands on a line of its own.
for w in 1 2; do
	( for i in 1 2 3 4 5 6 7 8 9 10; do
		"$COACH_BIN" score --save --tag "w$w" "$TMP/a2.txt" \
			>/dev/null 2>&1
	done ) &
done
wait
run journal list --tag w1
n1=$(wc -l <"$TMP/out")
run journal list --tag w2
n2=$(wc -l <"$TMP/out")
if [ "$n1" -eq 10 ] && [ "$n2" -eq 10 ] && [ ! -s "$TMP/err" ]
then ok "two writers: 10 answers each, no bad lines"
else fail "two writers: 10 answers each, no bad lines" "$n1 $n2"; fi

run journal list
if [ "$(wc -l <"$TMP/out")" -eq 21 ]; then ok "journal: 21 attempts in all"
else fail "journal: 21 attempts in all"; fi
