#!/usr/bin/env python3
"""Agreement of `coach score` with the labelled answer set.

Usage: eval.py COACH_BIN CASES_DIR [--questions] [--verbose]

Scores every answer in CASES_DIR/answers.jsonl as an answer to a question
of its category (with --questions: to the bank question of the same text,
or the first of its category, so competency rubrics apply), then prints, beside a scorer that only counts words:
pairwise ordering agreement with pairs.tsv (all pairs, and the
length-controlled groups c51 on separately), STAR-part agreement and
agreement on each flag.
"""
import json
import os
import subprocess
import sys
import tempfile

FLAGS = ["result_quantified", "growth_mindset", "blames_others",
         "mostly_we", "hypothetical", "off_topic"]
PARTS = ["situation", "task", "action", "result"]


def load_cases(folder):
    with open(os.path.join(folder, "answers.jsonl"), encoding="utf-8") as f:
        cases = [json.loads(line) for line in f if line.strip()]
    pairs = []
    with open(os.path.join(folder, "pairs.tsv"), encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 2:
                pairs.append((cols[0], cols[1]))
    return cases, pairs


def bank(coach, env):
    """(id, category, text) of every question coach knows."""
    out = subprocess.run([coach, "questions"], env=env, check=True,
                         capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        parts = line.split(None, 2)
        if len(parts) == 3:
            rows.append(tuple(parts))
    return rows


def with_questions(cases, rows):
    """Each case as an answer to the bank question with its text, or to
    the first bank question of its category."""
    by_text = {r[2]: r[0] for r in rows}
    by_cat = {}
    for r in rows:
        by_cat.setdefault(r[1], r[0])
    out = []
    for c in cases:
        q = by_text.get(c["question"]) or by_cat.get(c["category"])
        out.append(dict(c, question=q) if q else c)
    return out


def score_all(coach, folder, questions=False):
    """Scores the whole set in one run of `coach score --jsonl`."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, HOME=tmp, XDG_CONFIG_HOME=tmp + "/config",
                   XDG_DATA_HOME=tmp + "/data", NO_COLOR="1")
        path = os.path.join(folder, "answers.jsonl")
        if questions:
            cases, _ = load_cases(folder)
            path = os.path.join(tmp, "cases.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                for c in with_questions(cases, bank(coach, env)):
                    f.write(json.dumps(c) + "\n")
        out = subprocess.run([coach, "score", "--jsonl", "--json",
                              "--no-evidence", path],
                             env=env, check=False, capture_output=True,
                             text=True)
    if out.returncode not in (0, 1):
        sys.exit("coach failed: " + out.stderr)
    reports = {}
    for line in out.stdout.splitlines():
        if line.strip():
            r = json.loads(line)
            reports[r["id"]] = r
    return reports


def length_controlled(better, worse):
    """The rule of the set's README: word counts within 15% of each
    other, or the better answer the shorter."""
    a, b = better["words"], worse["words"]
    return a <= b or abs(a - b) <= 0.15 * max(a, b)


def pct(n, d):
    return 100.0 * n / d if d else 0.0


def pair_agreement(pairs, key):
    ok = sum(1 for a, b in pairs if key(a) > key(b))
    return ok, len(pairs)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    coach, folder = sys.argv[1], sys.argv[2]
    verbose = "--verbose" in sys.argv
    cases, pairs = load_cases(folder)
    byid = {c["id"]: c for c in cases}
    questions = "--questions" in sys.argv
    rep = score_all(coach, folder, questions)
    print("scored as answers to %s" % (
        "the bank's questions (their competency rubrics apply)"
        if questions else "the bank question of the same text, else to "
        "a question of the category"))
    lc = [p for p in pairs if length_controlled(byid[p[0]], byid[p[1]])]

    def ours(i):
        return rep[i]["overall"]

    def words(i):
        return byid[i]["words"]

    rows = []
    for name, sel in (("all pairs", pairs), ("length-controlled", lc)):
        if not sel:
            continue
        a, n = pair_agreement(sel, ours)
        b, _ = pair_agreement(sel, words)
        rows.append((name, a, b, n))
    part_ok = part_n = 0
    base_part = 0
    for c in cases:
        for p in PARTS:
            part_n += 1
            part_ok += rep[c["id"]]["parts"][p]["present"] == c["star"][p]
            base_part += (c["words"] >= 60) == c["star"][p]
    print("%-24s %8s %8s %6s" % ("measure", "coach", "words", "n"))
    for name, a, b, n in rows:
        print("%-24s %7.1f%% %7.1f%% %6d" % (name, pct(a, n), pct(b, n), n))
    print("%-24s %7.1f%% %7.1f%% %6d" % ("STAR parts", pct(part_ok, part_n),
                                         pct(base_part, part_n), part_n))
    for fl in FLAGS:
        ok = sum(1 for c in cases
                 if rep[c["id"]]["flags"][fl] == c.get(fl, False))
        base = sum(1 for c in cases if not c.get(fl, False))
        print("%-24s %7.1f%% %7.1f%% %6d" % (fl, pct(ok, len(cases)),
                                             pct(base, len(cases)),
                                             len(cases)))
    if verbose:
        for a, b in pairs:
            if ours(a) <= ours(b):
                print("pair wrong: %s (%.0f) <= %s (%.0f)" %
                      (a, ours(a), b, ours(b)))
        for c in cases:
            r = rep[c["id"]]
            bad = [p for p in PARTS if r["parts"][p]["present"] !=
                   c["star"][p]]
            bad += [f for f in FLAGS if r["flags"][f] != c.get(f, False)]
            if bad:
                print("%s %-8s %3.0f: %s" % (c["id"], c["quality"],
                                            r["overall"], " ".join(
                    ("+" if r["parts"].get(x, {}).get("present") or
                     r["flags"].get(x) else "-") + x for x in bad)))


if __name__ == "__main__":
    main()
