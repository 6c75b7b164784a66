#!/bin/sh
# "coach practice" with answers piped in: scoring, journaling, empty and
# broken answers, and the command line errors.
. "$(dirname "$0")/lib.sh"

journal="$XDG_DATA_HOME/coach/journal.jsonl"
state="$XDG_STATE_HOME/coach"

cat >"$TMP/answer" <<'EOF'
Last spring I owned the migration of our billing service to a new database.
I ran the cut-over on a Friday and it failed: about 300 invoices were
written twice.

I rolled it back within ten minutes, wrote the postmortem myself and added
a dry-run check to the deploy script. I learned to rehearse on a copy of
production data, and the next two migrations went out with no incidents.
.
/quit
EOF

run_in "$TMP/answer" practice --question failure-learned --seed 1
expect_status pipe_answer__exits_0 0
expect_out pipe_answer__shows_question "Question [failure-learned]"
if grep -qi 'situation' "$TMP/out"; then ok pipe_answer__shows_report
else fail pipe_answer__shows_report "no report on stdout"; fi
expect_out pipe_answer__says_saved "Saved to your journal ("
if [ -f "$journal" ] && [ "$(wc -l <"$journal")" -eq 1 ] && \
   grep -q '"failure-learned"' "$journal" && \
   grep -q 'I rolled it back within ten minutes' "$journal"; then
	ok pipe_answer__journaled_once
else
	fail pipe_answer__journaled_once "journal lacks the one answer"
fi
if grep -q 'I rolled it back' "$TMP/err"; then
	fail pipe_answer__no_answer_on_stderr "the answer went to stderr"
else
	ok pipe_answer__no_answer_on_stderr
fi
rm -rf "$XDG_DATA_HOME"

# No '.' and no /quit: the end of input finishes the answer.
head -7 "$TMP/answer" >"$TMP/unterminated"
run_in "$TMP/unterminated" practice --question failure-learned
expect_status pipe_eof__exits_0 0
if [ -f "$journal" ] && [ "$(wc -l <"$journal")" -eq 1 ]; then
	ok pipe_eof__scores_answer
else
	fail pipe_eof__scores_answer "no journal entry"
fi
rm -rf "$XDG_DATA_HOME"

run_in "$TMP/answer" practice --question failure-learned --no-journal
expect_status pipe_no_journal__exits_0 0
if [ -e "$journal" ]; then
	fail pipe_no_journal__writes_nothing "journal was written"
else
	ok pipe_no_journal__writes_nothing
fi

printf '\n\n/quit\n' >"$TMP/empty"
run_in "$TMP/empty" practice --question failure-learned
expect_status pipe_empty__exits_0 0
if grep -q '^coach: ' "$TMP/err"; then ok pipe_empty__says_why
else fail pipe_empty__says_why "no coach: message"; fi
if [ -e "$journal" ]; then
	fail pipe_empty__journals_nothing "journal was written"
else
	ok pipe_empty__journals_nothing
fi

printf 'I fixed it \377 myself.\n.\n/quit\n' >"$TMP/binary"
run_in "$TMP/binary" practice --question failure-learned
expect_status pipe_bad_utf8__session_exits_3 3
if grep -q '^coach: .*recovered-' "$TMP/err" && \
   ls "$state"/recovered-*.txt >/dev/null 2>&1; then
	ok pipe_bad_utf8__kept_in_recovery_file
else
	fail pipe_bad_utf8__kept_in_recovery_file "no recovery file"
fi
if [ -e "$journal" ]; then
	fail pipe_bad_utf8__journals_nothing "journal was written"
else
	ok pipe_bad_utf8__journals_nothing
fi

python3 -c "print('I fixed the outage. ' * 60000); print('.')" \
	>"$TMP/huge"
run_in "$TMP/huge" practice --question failure-learned --no-journal
expect_status pipe_over_limit__session_exits_3 3
expect_err pipe_over_limit__same_words_as_score \
	"coach: the answer is over the 1 MiB limit"

printf '/next\n/quit\n' >"$TMP/next"
run_in "$TMP/next" practice --question failure-learned --seed 3
if [ "$(grep -c '^Question \[' "$TMP/out")" -eq 2 ] && \
   [ "$(grep -c '^Question \[failure-learned\]' "$TMP/out")" -eq 1 ]; then
	ok pipe_next__asks_another_question
else
	fail pipe_next__asks_another_question "expected two questions"
fi

printf '/nonsense\n/quit\n' >"$TMP/unknown"
run_in "$TMP/unknown" practice --question failure-learned
expect_status pipe_unknown_command__goes_on 0
expect_err pipe_unknown_command__says_so "unknown command '/nonsense'"

run practice --bogus </dev/null
expect_status bogus_option__exits_2 2
expect_one_line_err bogus_option__one_line
expect_err bogus_option__names_it "unknown option '--bogus'"
expect_err bogus_option__hints "hint: try 'coach practice --help'"

run practice --category nonsense </dev/null
expect_status unknown_category__exits_2 2
expect_one_line_err unknown_category__one_line
expect_err unknown_category__lists_them "failure"

run practice --question nonsense </dev/null
expect_status unknown_question__exits_2 2
expect_err unknown_question__names_it "unknown question 'nonsense'"

run practice --story "" </dev/null
expect_status bad_story__exits_2 2
expect_one_line_err bad_story__one_line
expect_err bad_story__hints "hint: "

run practice --seed banana </dev/null
expect_status bad_seed__exits_2 2

run practice --help </dev/null
expect_status help__exits_0 0
expect_out help__shows_usage "usage: coach practice"

# A journal that cannot be written: the answer goes to a recovery file,
# and when that fails too, back to stdout.
rm -rf "$XDG_STATE_HOME"
: >"$TMP/not-a-folder"
(COACH_JOURNAL="$TMP/not-a-folder/journal.jsonl"; export COACH_JOURNAL
run_in "$TMP/answer" practice --question failure-learned)
if grep -q '^coach: .*recovered-' "$TMP/err" && \
   grep -qs 'I rolled it back within ten minutes' "$state"/recovered-*.txt
then
	ok journal_fails__answer_in_recovery_file
else
	fail journal_fails__answer_in_recovery_file "no recovery file"
fi

(COACH_JOURNAL="$TMP/not-a-folder/journal.jsonl"
XDG_STATE_HOME="$TMP/not-a-folder"; export COACH_JOURNAL XDG_STATE_HOME
run_in "$TMP/answer" practice --question failure-learned)
if grep -q '^Your answer (not saved):' "$TMP/out" && \
   grep -q 'I rolled it back within ten minutes' "$TMP/out"; then
	ok recovery_fails__answer_printed_back
else
	fail recovery_fails__answer_printed_back "answer not on stdout"
fi

# The coaching commands work without a terminal too.
{ sed -n 1,7p "$TMP/answer"; printf '.\n/followup\n/hint\n/example\n'
  printf '/history\n/edit\n/skip\n/question conflict-disagree-manager\n'
  printf '/category failure\n/quit\n'; } >"$TMP/cmds"
run_in "$TMP/cmds" practice --question failure-learned --no-journal
expect_status pipe_commands__exit_0 0
expect_out pipe_followup__asks "Interviewer: "
expect_out pipe_example__labelled \
	"Example outline (an example, not your answer):"
if grep -q '^ *Example outline:$' "$TMP/out"; then
	fail pipe_example__label_shown_once "the rubric's label repeated"
else
	ok pipe_example__label_shown_once
fi
expect_out pipe_history__lists_attempt " 1. failure-learned"
expect_err pipe_edit__needs_terminal "/edit needs a terminal"
expect_out pipe_skip__says_so "Skipped failure-learned"
expect_out pipe_question__jumps "Question [conflict-disagree-manager]"
if [ "$(grep -c '^Question \[.*(failure):' "$TMP/out")" -ge 2 ]; then
	ok pipe_category__switches
else
	fail pipe_category__switches "no second failure question"
fi

run_in "$TMP/answer" practice --question failure-learned --timed 10 \
	--no-journal
expect_out pipe_timed__shows_time "Time: 0:00 (within your 0:10 limit)"

run practice --timed 5 </dev/null
expect_status bad_timed__exits_2 2
expect_err bad_timed__says_range "--timed wants seconds from 10 to 3600"

run practice --order hardest </dev/null
expect_status bad_order__exits_2 2
expect_err bad_order__names_choices "'random' or 'weakest'"

# Weakest first: a question never practised comes before one that was.
printf '/quit\n' >"$TMP/quit"
run_in "$TMP/answer" practice --question failure-learned --seed 2
run_in "$TMP/quit" practice --category failure --order weakest --seed 2
if grep -q '^Question \[failure-learned\]' "$TMP/out"; then
	fail weakest__practised_question_later "asked the practised one"
else
	ok weakest__practised_question_later
fi
rm -rf "$XDG_DATA_HOME"
