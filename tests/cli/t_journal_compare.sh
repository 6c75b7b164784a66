# coach journal compare on two tellings that differ deep inside a long
# sentence: the same word count as "show", the differing words shown, and
# numbers such as $8,100 kept whole.
. "$(dirname "$0")/lib.sh"

export LANG=C.UTF-8
unset LC_ALL LC_CTYPE

cat >"$TMP/a1.txt" <<'EOT'
At Brackenridge our payment releases failed and angry customers called
the support line every single morning for two weeks in a row. I owned
the fix and cut errors by 40% in 3 weeks at a cost of $8,100.
EOT
cat >"$TMP/a2.txt" <<'EOT'
At Brackenridge our payment releases failed and angry customers called
the support line every single morning for three weeks in a row. I owned
the fix and cut errors by 40% in 3 weeks at a cost of $9,250.
EOT

run score --save "$TMP/a1.txt"
run score --save "$TMP/a2.txt"
run journal list
IDB=$(sed -n '1s/ .*//p' "$TMP/out")
IDA=$(sed -n '2s/ .*//p' "$TMP/out")

run journal show "$IDA"
words=$(sed -n 's/^words *//p' "$TMP/out")
run journal compare "$IDA" "$IDB"
expect_status "compare: succeeds" 0
expect_out "compare: word counts as show gives them" \
	"  words      $words → $words"
expect_out "compare: long sentence shown where it differs (A)" \
	"    - ...single morning for two weeks in a row."
expect_out "compare: long sentence shown where it differs (B)" \
	"    - ...single morning for three weeks in a row."
expect_out "compare: a number with a thousands comma is one word" \
	"removed    2 words: 8,100"
