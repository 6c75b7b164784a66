#!/bin/sh
# Malformed input on every path a user controls: the answer (stdin and
# file), rubric and question bank overrides, a plan, config.json and the
# journal.  Each case names the exit status and the key phrase of the
# message it expects; none may crash, hang or lose an answer.
. "$(dirname "$0")/lib.sh"

cfg="$XDG_CONFIG_HOME/coach"
journal="$XDG_DATA_HOME/coach/journal.jsonl"
limit=20
[ -n "$COACH_WRAP" ] && limit=300
root=0
[ "$(id -u)" -eq 0 ] && root=1

# try ARGS...: coach with a time limit, stdin from $in (or nothing).
try() {
	timeout "$limit" $COACH_WRAP "$COACH_BIN" "$@" <"${in:-/dev/null}" \
		>"$TMP/out" 2>"$TMP/err"
	status=$?
}

# verdict NAME STATUS PHRASE [FILE]: no crash or hang, that status, and
# the phrase in FILE (default: stderr).
verdict() {
	if [ "$status" -eq 124 ]; then
		fail "$1" "no answer within ${limit}s"
	elif [ "$status" -ge 128 ] && [ "$status" -ne 130 ]; then
		fail "$1" "crashed"
	elif [ "$status" -ne "$2" ]; then
		fail "$1" "expected status $2"
	elif [ -n "$3" ] && ! grep -qF -- "$3" "${4:-$TMP/err}"; then
		fail "$1" "${4:-stderr} lacks: $3"
	else
		ok "$1"
	fi
}

# skip_root NAME: permission cases mean nothing to root, who reads all.
skip_root() {
	[ "$root" -eq 1 ] && echo "ok $1 # skip root"
	[ "$root" -eq 1 ]
}

# The malformed files every JSON path is tried with, by name.
make_inputs() {
	mkdir -p "$TMP/in"
	: >"$TMP/in/empty"
	printf '  \n\t \n' >"$TMP/in/blank"
	printf '\377\376{}\n' >"$TMP/in/binary"
	python3 -c "print('[' * 100000)" >"$TMP/in/deep"
	head -c 52428800 /dev/zero | tr '\0' 'a' >"$TMP/in/huge"
	ln -s loop "$TMP/in/loop"
	mkdir "$TMP/in/folder.json"
}

cat >"$TMP/answer" <<'EOF'
Last spring I owned the migration of our billing service to a new database.
The cut-over failed and 300 invoices were written twice. I rolled it back
within ten minutes, wrote the postmortem and added a dry-run check; I learned
to rehearse on a copy of production data.
EOF
make_inputs

# ---- the answer ---------------------------------------------------------
in="$TMP/in/empty" try score -
verdict answer_stdin__empty 3 "stdin: the answer is empty"
in="$TMP/in/blank" try score -
verdict answer_stdin__whitespace 3 "stdin: the answer is empty"
printf 'I led the \377 migration.\n' >"$TMP/a"
in="$TMP/a" try score -
verdict answer_stdin__invalid_utf8 3 \
	"stdin: line 1: the answer is not valid UTF-8 (byte 11)"
printf 'I led it.\nThen\0 we shipped.\n' >"$TMP/a"
in="$TMP/a" try score -
verdict answer_stdin__nul_byte 3 \
	"stdin: line 2: the answer contains a NUL byte (is it a binary file?)"
in="$TMP/in/huge" try score -
verdict answer_stdin__50_mb 3 "standard input is over the 1 MiB limit"
yes 'I fixed it and we shipped on time.' | \
	timeout "$limit" $COACH_WRAP "$COACH_BIN" score - \
	>"$TMP/out" 2>"$TMP/err"
status=$?
verdict answer_stdin__endless_pipe 3 "standard input is over the 1 MiB limit"
python3 -c "print('I fixed the outage. ' * 50000)" >"$TMP/line"
in="$TMP/line" try score -
verdict answer_stdin__1_mb_line__scored 0 ""

try score "$TMP/in/empty"
verdict answer_file__empty 3 "the answer is empty"
try score "$TMP/in/blank"
verdict answer_file__whitespace 3 "the answer is empty"
try score "$TMP/in/binary"
verdict answer_file__invalid_utf8 3 "line 1: the answer is not valid UTF-8"
try score "$TMP/a"
verdict answer_file__nul_byte 3 "line 2: the answer contains a NUL byte"
try score "$TMP/in/huge"
verdict answer_file__50_mb 3 "is over the 1 MiB limit"
try score "$TMP/line"
verdict answer_file__1_mb_line__scored 0 ""
try score /dev/zero
verdict answer_file__endless_device 3 "'/dev/zero' is over the 1 MiB limit"
try score "$TMP/in/folder.json"
verdict answer_file__directory 3 "is a directory, not a file"
try score "$TMP/in/missing"
verdict answer_file__missing 3 "No such file or directory"
try score "$TMP/in/loop"
verdict answer_file__symlink_loop 3 "Too many levels of symbolic links"
if ! skip_root answer_file__unreadable; then
	cp "$TMP/answer" "$TMP/locked" && chmod 000 "$TMP/locked"
	try score "$TMP/locked"
	verdict answer_file__unreadable 3 "Permission denied"
fi

# ---- data files in the config folder ------------------------------------
# put NAME DEST: $TMP/in/NAME copied to DEST; "loop" makes DEST a link to
# itself.
put() {
	if [ "$1" = loop ]; then ln -s "$(basename "$2")" "$2"
	else cp -R "$TMP/in/$1" "$2"; fi
}

# data_case KIND NAME STATUS PHRASE ARGS...: $TMP/in/NAME as the only file
# in $cfg/KIND/, then coach ARGS.
data_case() {
	_kind=$1 _name=$2 _want=$3 _phrase=$4
	shift 4
	rm -rf "$cfg/$_kind" && mkdir -p "$cfg/$_kind"
	put "$_name" "$cfg/$_kind/mine.json"
	try "$@"
	verdict "${_kind}__$_name" "$_want" "$_phrase"
	rm -rf "$cfg/$_kind"
}

printf '{"schema":1,"id":"x","title":"T"\0,"criteria":[]}\n' \
	>"$TMP/in/nul"
head -c 4200000 /dev/zero | tr '\0' ' ' >"$TMP/in/over-cap"
cat >"$TMP/in/types" <<'EOF'
{"schema": "1", "id": "mine", "title": "T",
 "criteria": [{"id": "a", "name": "A", "cues": ["x"]}]}
EOF
cat >"$TMP/in/dup-ids" <<'EOF'
{"schema": 1, "id": "mine", "title": "T", "criteria": [
 {"id": "a", "name": "A", "cues": ["shipped"]},
 {"id": "a", "name": "B", "cues": ["learned"]}]}
EOF
cat >"$TMP/in/unknown" <<'EOF'
{"schema": 1, "id": "mine", "title": "T", "colour": "red",
 "criteria": [{"id": "a", "name": "A", "cues": ["shipped"]}]}
EOF
python3 -c "
import json
r = json.load(open('$(dirname "$0")/../../rubrics/growth-mindset.json'))
r['id'] = 'mine'
s = json.dumps(r)
print(s[:-1] + ' ' * 1048000 + '}')" >"$TMP/in/long-line"

r() { data_case rubrics "$@" score "$TMP/answer"; }
r empty 3 "rubrics/mine.json:1: not valid JSON"
r blank 3 "rubrics/mine.json:2: not valid JSON"
r binary 3 "rubrics/mine.json:1: not valid UTF-8"
r nul 3 "rubrics/mine.json:1: "
r deep 3 "rubrics/mine.json:1: not valid JSON"
r over-cap 3 "rubrics/mine.json' is over the 4 MiB limit"
r types 3 "rubrics/mine.json:1: \"schema\" must be a number"
r dup-ids 3 "rubrics/mine.json:3: duplicate criterion id"
r unknown 3 "rubrics/mine.json:1: unknown field \"colour\""
r long-line 0 ""
r folder.json 3 "rubrics/mine.json' is a directory, not a file"
r loop 3 "Too many levels of symbolic links"

printf '{"schema":1,"questions":[\n{"id":"a","text":"T?"\0}]}\n' \
	>"$TMP/in/nul"
printf '{"schema":1,"questions":[\n{"id":"a","text":"T\351?"}]}\n' \
	>"$TMP/in/binary"
cat >"$TMP/in/types" <<'EOF'
{"schema": 1, "questions": [
 {"id": "a", "text": "T?", "category": "failure",
  "competencies": "growth-mindset"}]}
EOF
cat >"$TMP/in/dup-ids" <<'EOF'
{"schema": 1, "questions": [
 {"id": "a", "text": "T?", "category": "failure",
  "competencies": ["growth-mindset"]},
 {"id": "a", "text": "U?", "category": "failure",
  "competencies": ["growth-mindset"]}]}
EOF
cat >"$TMP/in/unknown" <<'EOF'
{"schema": 1, "questions": [
 {"id": "a", "text": "T?", "category": "failure",
  "competencies": ["growth-mindset"], "level": 3}]}
EOF
python3 -c "
import json
print(json.dumps({'schema': 1, 'questions': [{'id': 'long',
    'text': 'Why ' * 260000 + '?', 'category': 'failure',
    'competencies': ['growth-mindset']}]}))" >"$TMP/in/long-line"

q() { data_case questions "$@" questions; }
q empty 3 "questions/mine.json:1: syntax error"
q blank 3 "questions/mine.json:2: syntax error"
q binary 3 "questions/mine.json:2: not valid UTF-8"
q nul 3 "questions/mine.json:2: contains a NUL byte"
q deep 3 "questions/mine.json:1: syntax error"
q over-cap 3 "questions/mine.json' is over the 4 MiB limit"
q types 3 "questions/mine.json:3: \"competencies\" must be an array"
q dup-ids 3 "questions/mine.json:4: duplicate id \"a\" (first on line 2)"
q unknown 3 "questions/mine.json:3: unknown field \"level\""
q long-line 0 ""
q folder.json 3 "questions/mine.json' is a directory, not a file"
q loop 3 "Too many levels of symbolic links"

# ---- a plan -------------------------------------------------------------
printf '{"schema":1,"id":"p",\n"rounds":[]\0}\n' >"$TMP/in/nul"
printf '{"schema":1,"id":"p",\n"title":"\377","rounds":[]}\n' \
	>"$TMP/in/binary"
cat >"$TMP/in/types" <<'EOF'
{"schema": 1, "id": "p", "rounds": [
 {"name": "R", "time_limit": "an hour", "questions": ["failure-learned"]}]}
EOF
cat >"$TMP/in/dup-ids" <<'EOF'
{"schema": 1, "id": "p",
 "id": "q", "rounds": [
 {"name": "R", "time_limit": 60, "questions": ["failure-learned"]}]}
EOF
cat >"$TMP/in/unknown" <<'EOF'
{"schema": 1, "id": "p", "rounds": [
 {"name": "R", "time_limit": 60, "questions": ["failure-learned"],
  "break": 5}]}
EOF

p() {
	_name=$1 _want=$2 _phrase=$3
	try plan check "$TMP/in/$_name"
	# Problems in the plan are the report, on stdout; the rest stderr.
	cat "$TMP/out" "$TMP/err" >"$TMP/both"
	verdict "plan__$_name" "$_want" "$_phrase" "$TMP/both"
}
p empty 3 "in/empty:1: syntax error"
p blank 3 "in/blank:2: syntax error"
p binary 3 "in/binary:2: not valid UTF-8"
p nul 3 "in/nul:2: contains a NUL byte"
p deep 3 "in/deep:1: syntax error"
p huge 3 "in/huge' is over the 4 MiB limit"
p types 3 "in/types:2: \"time_limit\" must be a number above 0"
p dup-ids 3 "in/dup-ids:1: duplicate field \"id\""
p unknown 3 "in/unknown:3: unknown field \"break\""
p folder.json 3 "in/folder.json' is a directory, not a file"
p loop 3 "Too many levels of symbolic links"
p missing 3 "No such file or directory"

# ---- config.json --------------------------------------------------------
printf '{"llm": {"provider": "openai",\n"model": "m"\0}}\n' \
	>"$TMP/in/nul"
printf '{"llm": {"provider": "openai",\n"model": "m\377"}}\n' \
	>"$TMP/in/binary"
printf '{"llm": {"provider": "openai",\n"retries": "two"}}\n' \
	>"$TMP/in/types"
printf '{"llm": {"provider": "openai",\n"modle": "m"}}\n' \
	>"$TMP/in/unknown"
printf '{"llm": {"provider": "openai"}}\n}\n' >"$TMP/in/trailing"
printf '{"llm": {"provider": "openai",\n"api_key": "sk-x"}}\n' \
	>"$TMP/in/key"

c() {
	_name=$1 _want=$2 _phrase=$3
	rm -rf "$cfg" && mkdir -p "$cfg"
	put "$_name" "$cfg/config.json"
	try config
	verdict "config__$_name" "$_want" "$_phrase"
	rm -rf "$cfg"
}
c empty 3 "config.json:1: not valid JSON"
c blank 3 "config.json:2: not valid JSON"
c binary 3 "config.json:2: not valid UTF-8"
c nul 3 "config.json:2: contains a NUL byte"
c deep 3 "config.json:1: not valid JSON"
c huge 3 "config.json' is over the 4 MiB limit"
c types 3 "config.json:2: \"retries\" must be a number from 0 to 10"
c unknown 3 "config.json:2: unknown setting \"modle\""
c trailing 3 "config.json:2: not valid JSON"
c key 3 "a key does not belong in the config file"
c folder.json 3 "config.json' is a directory, not a file"
c loop 3 "Too many levels of symbolic links"

# ---- the journal --------------------------------------------------------
in="$TMP/answer" try score --save -
verdict journal__one_good_entry_saved 0 ""
cp "$journal" "$TMP/good.jsonl"

# j NAME STATUS PHRASE: the journal is $TMP/in/NAME then the good line.
j() {
	_name=$1 _want=$2 _phrase=$3
	cat "$TMP/in/$_name" "$TMP/good.jsonl" >"$journal"
	try journal list
	verdict "journal__$_name" "$_want" "$_phrase"
	if [ "$_want" -eq 0 ] && ! grep -q "Last spring" "$TMP/out"; then
		fail "journal__${_name}__keeps_good_entry" "entry not listed"
	fi
}
printf '{"v": 1, "id": "a\0b"}\n' >"$TMP/in/nul"
printf '{"v": 1, "id": "x", "answer": ["not", "text"]}\n' >"$TMP/in/types"
sed 's/^{/{"mood": "calm", /' "$TMP/good.jsonl" >"$TMP/in/unknown"
python3 -c "
import json
print(json.dumps({'v': 1, 'id': 'long', 'time': '2026-01-01T00:00:00Z',
    'answer': 'I fixed it. ' * 90000}))" >"$TMP/in/long-line"
j empty 0 ""
j blank 0 ""
j binary 0 "journal.jsonl:1: skipped: not valid JSON"
j nul 0 "journal.jsonl:1: skipped: contains a NUL byte"
j deep 0 "journal.jsonl:1: skipped: not valid JSON"
j types 0 "journal.jsonl:1: skipped: \"answer\" is not text"
j unknown 0 ""
j long-line 0 ""

rm -f "$journal" && mkdir -p "$(dirname "$journal")"
put loop "$journal"
try journal list
verdict journal__symlink_loop 3 "Too many levels of symbolic links"
rm -f "$journal" && mkdir "$journal"
try journal list
verdict journal__directory 3 "cannot read the journal"

# A journal that cannot be written never costs the answer typed.
printf 'I fixed the outage and learned to test restores.\n.\n/quit\n' \
	>"$TMP/typed"
in="$TMP/typed" try practice --question failure-learned
verdict journal__directory__answer_kept 3 "it is kept in"
if grep -qs 'I fixed the outage and learned to test restores.' \
	"$XDG_STATE_HOME"/coach/recovered-*.txt; then
	ok journal__directory__recovery_file_holds_answer
else
	fail journal__directory__recovery_file_holds_answer "no recovery file"
fi
in="$TMP/answer" try score --save -
verdict journal__directory__score_save 3 "cannot save to the journal"
if grep -q '^Overall' "$TMP/out"; then ok journal__directory__report_shown
else fail journal__directory__report_shown "no report on stdout"; fi
rmdir "$journal"
if ! skip_root journal__unreadable; then
	cp "$TMP/good.jsonl" "$journal" && chmod 000 "$journal"
	try journal list
	verdict journal__unreadable 3 "Permission denied"
fi
