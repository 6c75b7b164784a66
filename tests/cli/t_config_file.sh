# config.json: journal location and switch, scoring rules and settings,
# and a clear message with a line for each kind of mistake.
. "$(dirname "$0")/lib.sh"

cfg="$XDG_CONFIG_HOME/coach"
mkdir -p "$cfg"
answer="$TMP/answer.txt"
cat >"$answer" <<'TXT'
We had an outage at Acme last year. Honestly, the other team's code was a
mess and nobody listened to me, so it was their fault. We restarted the
service and it came back. We added an alert.
TXT

run score --json "$answer"
if grep -q '"blames_others":true' "$TMP/out"; then ok "blame: flagged by default"
else fail "blame: flagged by default"; fi

printf '{ "scoring": { "disable": ["growth.blame"] } }\n' >"$cfg/config.json"
run score --json "$answer"
expect_status "disable: scores" 0
if grep -q '"blames_others":false' "$TMP/out"; then ok "disable: rule off"
else fail "disable: rule off"; fi

printf '{ "scoring": { "settings": { "words_min": 10 } } }\n' \
	>"$cfg/config.json"
run score --json "$answer"
if grep -q '"too_short":false' "$TMP/out"; then ok "settings: words_min"
else fail "settings: words_min"; fi

printf '{ "journal": { "path": "~/elsewhere.jsonl" } }\n' >"$cfg/config.json"
run journal path
expect_out "journal.path: moves the journal" "$HOME/elsewhere.jsonl"
COACH_JOURNAL="$TMP/env.jsonl" "$COACH_BIN" journal path >"$TMP/out"
expect_out "journal.path: COACH_JOURNAL wins" "$TMP/env.jsonl"

printf '{ "journal": { "enabled": false } }\n' >"$cfg/config.json"
run score --save "$answer"
expect_status "journal.enabled false: --save refused" 2
if [ -e "$HOME/elsewhere.jsonl" ] || [ -e "$XDG_DATA_HOME/coach/journal.jsonl" ]
then fail "journal.enabled false: nothing written"
else ok "journal.enabled false: nothing written"; fi

# Mistakes: each names the file and line, status 3.
bad() {
	name=$1 text=$2 msg=$3
	printf '%b' "$text" >"$cfg/config.json"
	run score "$answer"
	expect_status "$name: status 3" 3
	expect_err "$name: message" "$msg"
	expect_one_line_err "$name: one line"
}
bad "syntax" '{\n "journal": {\n' "config.json:2: not valid JSON"
bad "unknown section" '{\n "jornal": {}\n}\n' \
	'config.json:2: unknown section "jornal"'
bad "unknown rule" '{\n "scoring": {\n  "disable": ["star.nope"]\n }\n}\n' \
	'config.json:3: unknown rule "star.nope"'
bad "unknown setting" '{\n "scoring": {\n  "settings": {"word_min": 3}\n }\n}\n' \
	'unknown setting "word_min"'
bad "wrong type" '{\n "journal": {\n  "enabled": "no"\n }\n}\n' \
	'config.json:3: "enabled" must be true or false'
bad "not an object" '[1, 2]\n' 'config.json:1: must be a JSON object'
bad "min over max" '{\n "scoring": {\n  "settings": {"words_min": 500,\n   "words_max": 100}\n }\n}\n' \
	'"words_min" is more than "words_max"'

# A user rubric's settings are checked like config.json's.
rm -f "$cfg/config.json"
mkdir -p "$cfg/rubrics"
python3 - "$cfg/rubrics/star.json" <<'PY'
import json, sys
r = json.load(open("rubrics/star.json"))
r["settings"]["wrods_min"] = 3
json.dump(r, open(sys.argv[1], "w"), indent=1)
PY
run score "$answer"
expect_status "rubric override: unknown setting, status 3" 3
expect_err "rubric override: unknown setting, message" \
	'unknown setting "wrods_min"'

# A user question naming a rubric that does not exist is an error.
rm -f "$cfg/rubrics/star.json"
mkdir -p "$cfg/questions"
cat >"$cfg/questions/mine.json" <<'JSON'
{
  "schema": 1,
  "questions": [
    {"id": "capacity-plan", "text": "Tell me about planning capacity.",
     "category": "decision", "competencies": ["ownership"],
     "rubrics": ["capacity-planning"]}
  ]
}
JSON
run score "$answer"
expect_status "question override: unknown rubric, status 3" 3
expect_err "question override: unknown rubric, message" \
	"question 'capacity-plan' names rubric 'capacity-planning'"
bad "text after the object" '{\n "journal": {}\n} junk\n' \
	"config.json:3: not valid JSON"
