#!/bin/sh
# "coach loop": a plan run with answers piped in, rounds announced, each
# answer scored and journaled, and the summary at the end.
. "$(dirname "$0")/lib.sh"

journal="$XDG_DATA_HOME/coach/journal.jsonl"

run loop --list
expect_status list__exits_0 0
expect_out list__shows_builtin_plan "microsoft-backend"

cat >"$TMP/plan.json" <<'JSON'
{
  "schema": 1,
  "id": "two",
  "title": "Two rounds",
  "rounds": [
    {"name": "Warm-up", "time_limit": 600, "questions": ["failure-learned"]},
    {"name": "Technical", "time_limit": 900,
     "questions": ["tech-min-stack", "tech-lru-cache"]}
  ]
}
JSON
cat >"$TMP/answers" <<'EOF2'
Last spring I owned a schema migration and it failed: writes stopped for
eleven minutes. I rolled it back, found the root cause, and added a check
to CI so it cannot happen again. I learned to rehearse on production-sized
data, and since then every migration has gone through that check.
.
I keep a second stack of minimums: on push I push the smaller of the value
and the current minimum, and on pop I pop both. Every operation is O(1).
I would test pop on an empty stack and duplicate minimums.


/quit
EOF2
run_in "$TMP/answers" loop --seed 1 "$TMP/plan.json"
expect_status plan_file__exits_0 0
expect_out plan_file__announces_round "== Round 1 of 2: Warm-up"
expect_out plan_file__second_round "== Round 2 of 2: Technical"
expect_out plan_file__asks_question "Question [failure-learned]"
expect_out plan_file__shows_time "of 10:00)"
expect_out plan_file__summary "== Summary: Two rounds =="
expect_out plan_file__competency_summary "Learning from failure"
expect_out plan_file__concept_summary "Implementing a min stack"
if [ -f "$journal" ] && [ "$(wc -l <"$journal")" -eq 2 ] && \
   grep -q '"tech-min-stack"' "$journal"; then
	ok plan_file__journals_each_answer
else
	fail plan_file__journals_each_answer "expected two journal entries"
fi
rm -rf "$XDG_DATA_HOME"

printf '/skip\n/skip\n/skip\n' >"$TMP/skips"
run_in "$TMP/skips" --no-journal loop "$TMP/plan.json"
expect_status skip__exits_0 0
expect_out skip__reaches_summary "no answers"
if [ -e "$journal" ]; then fail no_journal__writes_nothing "journal written"
else ok no_journal__writes_nothing; fi

run loop nonsense </dev/null
expect_status unknown_plan__exits_2 2
expect_err unknown_plan__hints "coach loop --list"

sed 's/"tech-lru-cache"/"no-such-question"/' "$TMP/plan.json" >"$TMP/bad.json"
run loop "$TMP/bad.json" </dev/null
expect_status bad_plan__exits_3 3
expect_err bad_plan__names_line "bad.json:8: unknown question \"no-such-question\""

run loop </dev/null
expect_status no_plan__exits_2 2

run_in "$TMP/answers" --no-journal loop --seed 2 microsoft-backend
expect_status builtin_plan__exits_0 0
expect_out builtin_plan__first_round "== Round 1 of 6: Recruiter screen"
