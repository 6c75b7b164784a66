#!/bin/sh
# "coach rubric|questions|plan check" and "coach questions import": every
# shipped file is clean, broken files are reported by line, and a broken
# user file does not stop the built-in content from working.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)

all_ok=1
for f in "$root"/rubrics/*.json; do
	run rubric check "$f"
	[ "$status" -eq 0 ] && grep -qF "$f: ok" "$TMP/out" || all_ok=0
done
for f in "$root"/prompts/questions*.json; do
	run questions check "$f"
	[ "$status" -eq 0 ] && grep -qF "$f: ok" "$TMP/out" || all_ok=0
done
for f in "$root"/prompts/plan-*.json; do
	run plan check "$f"
	[ "$status" -eq 0 ] && grep -qF "$f: ok" "$TMP/out" || all_ok=0
done
if [ "$all_ok" -eq 1 ]; then ok shipped_files__all_pass_check
else fail shipped_files__all_pass_check "a shipped file has problems"; fi

cat >"$TMP/rubric.json" <<'JSON'
{
  "schema": 1,
  "id": "mine",
  "title": "Mine",
  "criteria": [
    {"id": "a", "name": "A", "cues": ["one", "one"]},
    {"id": "b", "name": "B", "cues": [{"phrase": "two", "weight": 0.2}]},
    {"id": "a", "name": "C", "cues": ["three"]}
  ]
}
JSON
run rubric check "$TMP/rubric.json"
expect_status broken_rubric__exits_3 3
expect_out broken_rubric__loader_error "$TMP/rubric.json:8: duplicate criterion id"
expect_out broken_rubric__repeated_cue "$TMP/rubric.json:6: cue \"one\" is listed twice"
expect_out broken_rubric__unreachable "$TMP/rubric.json:7: criterion \"b\" can never be met"
expect_err broken_rubric__counts "coach: $TMP/rubric.json: 3 problems"

cat >"$TMP/bank.json" <<'JSON'
{
  "schema": 1,
  "questions": [
    {
      "id": "mine-one",
      "text": "Tell me about a time.",
      "category": "failure",
      "competencies": ["learning-from-failure"],
      "rubrics": ["learning-from-failure", "no-such-rubric"]
    }
  ]
}
JSON
run questions check "$TMP/bank.json"
expect_status bank_unknown_rubric__exits_3 3
expect_out bank_unknown_rubric__names_line "$TMP/bank.json:9: unknown rubric \"no-such-rubric\""

cat >"$TMP/plan.json" <<'JSON'
{
  "schema": 1,
  "id": "mine",
  "rounds": [
    {"name": "One", "time_limit": 600,
     "questions": ["failure-learned", "no-such-question"]}
  ]
}
JSON
run plan check "$TMP/plan.json"
expect_status plan_unknown_question__exits_3 3
expect_out plan_unknown_question__names_line "$TMP/plan.json:6: unknown question \"no-such-question\""

run rubric check
expect_status check_without_file__exits_2 2

# A broken user rubric: reported by file and line; checks still resolve
# against the built-in content, and the shipped plan still checks clean.
mkdir -p "$XDG_CONFIG_HOME/coach/rubrics"
printf '{\n  "schema": 1,\n  "id": "oops",\n  "title": 5\n}\n' \
	>"$XDG_CONFIG_HOME/coach/rubrics/oops.json"
run questions
expect_status broken_user_file__exits_3 3
expect_err broken_user_file__names_file "coach/rubrics/oops.json:4:"
run plan check "$root/prompts/plan-microsoft-backend.json"
expect_status broken_user_file__defaults_still_check 0
expect_err broken_user_file__warned "oops.json:4:"
rm -rf "$XDG_CONFIG_HOME/coach"

# A user plan, bank and rubric load together.
mkdir -p "$XDG_CONFIG_HOME/coach/plans" "$XDG_CONFIG_HOME/coach/questions"
cp "$TMP/plan.json" "$XDG_CONFIG_HOME/coach/plans/mine.json"
sed 's/"no-such-question"/"mine-one"/' "$TMP/plan.json" \
	>"$XDG_CONFIG_HOME/coach/plans/mine.json"
sed 's/, "no-such-rubric"//' "$TMP/bank.json" \
	>"$XDG_CONFIG_HOME/coach/questions/mine.json"
run loop --list
expect_out user_plan__listed "mine"
expect_out user_plan__builtin_listed "microsoft-backend"
rm -rf "$XDG_CONFIG_HOME/coach"

cat >"$TMP/list.md" <<'EOF2'
# Failure

- Tell me about a time you broke production.
- What is the worst bug you shipped?

## Conflict

1. Tell me about a disagreement with a peer.
EOF2
run questions import "$TMP/list.md" --id-prefix team
expect_status import__exits_0 0
expect_out import__first_id '"team-tell-me-about-a-time-you"'
expect_out import__category_from_heading '"category":	"conflict"'
cp "$TMP/out" "$TMP/imported.json"
run questions check "$TMP/imported.json"
expect_status import__output_checks_clean 0

printf 'Tell me about a time you failed.\n' >"$TMP/plain.txt"
run questions import "$TMP/plain.txt"
expect_status import_no_category__exits_3 3
expect_err import_no_category__names_line "plain.txt:1: no category"

run questions import "$TMP/plain.txt" --category failure --save
expect_status import_save__exits_0 0
if [ -f "$XDG_CONFIG_HOME/coach/questions/plain.json" ]; then
	ok import_save__writes_user_bank
else
	fail import_save__writes_user_bank "no file saved"
fi
run questions --category failure
expect_out import_save__question_is_listed "my-tell-me-about-a-time-you"
run questions import "$TMP/plain.txt" --category failure --save
expect_status import_save_again__refuses_to_overwrite 3

# Malformed bytes and repeated fields in a rubric file.
printf '{"schema":1,"id":"x","title":"T"\000,"criteria":[]}' >"$TMP/nul.json"
run rubric check "$TMP/nul.json"
expect_status rubric_nul__exits_3 3
expect_out rubric_nul__names_line "$TMP/nul.json:1: contains a NUL byte"
printf '{"schema":1,"id":"x","id":"y","title":"T","criteria":[{"id":"a","name":"A","cues":["a"]}]}' >"$TMP/dup.json"
run rubric check "$TMP/dup.json"
expect_out rubric_duplicate_field__named "$TMP/dup.json:1: duplicate field \"id\""
printf '{"schema":1,"id":"x","title":"T\377","criteria":[{"id":"a","name":"A","cues":["a"]}]}' >"$TMP/utf.json"
run rubric check "$TMP/utf.json"
expect_out rubric_bad_utf8__named "$TMP/utf.json:1: not valid UTF-8"
long=$(printf '%0130d' 0 | tr 0 x)
printf '{"schema":1,"id":"x","title":"T","criteria":[{"id":"a","name":"A","cues":["%s"]}]}' "$long" >"$TMP/long.json"
run rubric check "$TMP/long.json"
expect_status rubric_long_cue_word__accepted 0
