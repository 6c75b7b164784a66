#!/bin/sh
# Times "coach journal" list, search and stats, and one append through
# "coach score --save", on generated journals of 1k, 10k and 100k
# attempts (the same every run), and prints one table.  Uses hyperfine
# when it is installed, else a loop timed with date +%s%N.
# Usage: scripts/bench-journal.sh COACH_BIN [SIZES...]
set -eu
bin=${1:?usage: bench-journal.sh COACH_BIN [SIZES...]}
shift
sizes=${*:-1000 10000 100000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT INT TERM
export HOME="$dir/home" XDG_CONFIG_HOME="$dir/config" XDG_DATA_HOME="$dir/data"
mkdir -p "$HOME"

# gen N FILE: N attempts written like coach writes them, plus feedback
# entries and tombstones, from a fixed seed.
gen() {
	python3 - "$1" "$2" <<'EOF'
import json, random, sys
n, path = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(42)
cats = ["failure", "conflict", "stakeholder", "ambiguity", "incident",
        "mentoring", "customer", "deadline"]
words = ("team release ledger migration customer outage latency budget "
         "review design rollout staging production incident metrics queue "
         "deadline manager stakeholder retry backlog postgres index cache "
         "feedback lesson owner plan risk test alert pager").split()
glue = "I we the a to and of in for with on that it was had".split()
crit = ["growth-mindset/" + c for c in ("owns-mistake", "seeks-feedback",
        "lesson", "applied-later", "blame", "fixed-mindset")] + \
       ["star/" + c for c in ("situation", "task", "action", "result")]
parts = ["situation", "task", "action", "result", "reflection"]
with open(path, "w") as f:
    for i in range(n):
        day = i * 730 // max(n, 1)
        y, d = 2025 + day // 365, day % 365
        mo, dd = 1 + d // 31 % 12, 1 + d % 28
        sec = i % 86400
        id_ = "%04d%02d%02dT%02d%02d%02d.%06dZ-%04x" % (
            y, mo, dd, sec // 3600 % 24, sec // 60 % 60, sec % 60, i % 10**6,
            rnd.randrange(65536))
        sents = []
        for _ in range(rnd.randint(8, 14)):
            w = [rnd.choice(glue if rnd.random() < .5 else words)
                 for _ in range(rnd.randint(8, 18))]
            if rnd.random() < .3:
                w.insert(3, "%d%%" % rnd.randint(5, 90))
            sents.append(" ".join(w).capitalize() + ".")
        answer = " ".join(sents)
        cat = cats[i % len(cats)]
        e = {"v": 1, "id": id_, "time": "%04d-%02d-%02dT12:00:00Z" % (y, mo, dd),
             "question": {"id": "%s-%d" % (cat, i % 5),
                          "text": "Tell me about a time (%s %d)." % (cat, i % 5),
                          "category": cat},
             "answer": answer,
             "score": {"overall": rnd.randint(10, 95),
                       "star": rnd.randint(10, 95),
                       "growth": rnd.randint(0, 95),
                       "parts": {p: {"present": rnd.random() < .8,
                                     "strength": round(rnd.random(), 2),
                                     "share": round(rnd.random() / 3, 2)}
                                 for p in parts},
                       "criteria": {c: round(rnd.random(), 2) for c in crit}},
             "flags": ["result_quantified"] if rnd.random() < .4 else [],
             "words": len(answer.split()), "seconds_spent": rnd.randint(40, 300),
             "tags": ["t%d" % (i % 7)], "story": "story %d" % (i % 40)}
        f.write(json.dumps(e, separators=(",", ":")) + "\n")
        if i % 20 == 0:
            f.write(json.dumps({"v": 1, "id": id_ + "f", "type": "feedback",
                                "attempt": id_, "model": "bench",
                                "text": "Say what you did first."}) + "\n")
        if i % 100 == 99:
            f.write(json.dumps({"v": 1, "id": id_ + "d", "deleted": id_}) + "\n")
EOF
}

# ms CMD...: the mean wall time of CMD in milliseconds.
ms() {
	if command -v hyperfine >/dev/null 2>&1; then
		hyperfine -N -w 1 -m 5 -M 20 --export-json "$dir/h.json" \
			"$*" >/dev/null 2>&1
		python3 -c 'import json,sys; print("%.1f" % (1000 *
json.load(open(sys.argv[1]))["results"][0]["mean"]))' "$dir/h.json"
	else
		t0=$(date +%s%N)
		for _ in 1 2 3 4 5; do "$@" >/dev/null 2>&1; done
		t1=$(date +%s%N)
		echo "$(( (t1 - t0) / 5000000 ))"
	fi
}

printf 'In my last role I owned the release. It failed. I fixed it.\n' \
	>"$dir/answer.txt"
printf '%-8s %10s %10s %10s %10s %10s\n' attempts "file MB" "list ms" \
	"search ms" "stats ms" "append ms"
for n in $sizes; do
	j="$dir/j$n.jsonl"
	gen "$n" "$j"
	mb=$(python3 -c 'import os,sys; print("%.1f" %
(os.path.getsize(sys.argv[1]) / 1e6))' "$j")
	export COACH_JOURNAL="$j"
	l=$(ms "$bin" journal list)
	s=$(ms "$bin" journal search postgres)
	t=$(ms "$bin" journal stats)
	a=$(ms "$bin" score --save "$dir/answer.txt")
	printf '%-8s %10s %10s %10s %10s %10s\n' "$n" "$mb" "$l" "$s" "$t" "$a"
done
