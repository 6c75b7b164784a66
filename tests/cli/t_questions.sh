#!/bin/sh
# "coach questions": columns as wide as the longest id and category, and
# an unknown category answered with the list of known ones.
. "$(dirname "$0")/lib.sh"

mkdir -p "$XDG_CONFIG_HOME/coach/questions"
cat >"$XDG_CONFIG_HOME/coach/questions/long.json" <<'JSON'
{
  "schema": 1,
  "questions": [
    {
      "id": "a-question-id-well-over-twenty-eight-characters",
      "text": "Tell me about a time you changed your mind.",
      "category": "failure",
      "competencies": ["learning-from-failure"]
    }
  ]
}
JSON

run questions
expect_status list__exits_0 0
expect_out list__long_id_listed \
	"a-question-id-well-over-twenty-eight-characters"
# Where the text starts: after the id, the category and their padding.
starts=$(awk '{ match($0, /^[^ ]+ +[^ ]+ +/); print RLENGTH }' \
	"$TMP/out" | sort -u)
if [ "$(printf '%s\n' "$starts" | wc -l)" -eq 1 ]; then
	ok list__text_column_aligned_for_every_id
else
	fail list__text_column_aligned_for_every_id "starts: $starts"
fi

run questions --category failure
expect_out by_category__long_id_listed \
	"a-question-id-well-over-twenty-eight-characters  failure  Tell me"

run questions --category nope
expect_status unknown_category__exits_2 2
expect_one_line_err unknown_category__one_line
expect_err unknown_category__says_so "coach: no questions in category 'nope'"
expect_err unknown_category__lists_them "hint: the categories are: "
expect_err unknown_category__lists_technical "technical"

run questions --category
expect_status category_without_name__exits_2 2
expect_err category_without_name__hint "hint: try 'coach questions --help'"
