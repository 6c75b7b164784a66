#!/usr/bin/env python3
"""Speed and memory of `coach score`, beside `wc -w` and GNU `style`.

Usage: bench.py COACH_BIN [--sizes 10000,100000] [--runs N]

Generates a deterministic corpus of answer-like texts (the same words as a
plain-text file for wc and style, and as JSON Lines for coach), then
reports in one table: throughput of each tool on the same corpus, the time
to score one answer in a fresh process beside `wc -w` on it, and the peak
memory of coach at each corpus size (it should not grow with the count).
"""
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time

OPENERS = ["At {co} I owned the {sys}.", "Last year at {co}, our {sys} was "
           "failing about {n} times a week.", "In my previous role I was "
           "responsible for the {sys}.", "During my first year at {co} the "
           "{sys} kept timing out."]
ACTIONS = ["I added {n} alerts to the {sys} and wrote a runbook.",
           "I rewrote the {sys} retry logic so it backed off.",
           "I met the {team} lead and agreed on a plan.",
           "We moved the {sys} onto a read replica.",
           "I measured p99 latency for {n} days before changing anything.",
           "I would probably ask the {team} team first.",
           "I always start by writing a one-page note."]
RESULTS = ["As a result, errors dropped by {n}% within a month.",
           "The {sys} has not failed since, and the {team} team adopted it.",
           "It shipped {n} days late, which I owned in the retro.",
           "In the end it was fine."]
LESSONS = ["I learned to test with production-sized data, and since then I "
           "did the same on {n} migrations.", "The lesson for me was to ask "
           "earlier.", ""]
WORDS = {"co": ["Brackenridge", "Cobaltline", "Halden Freight", "Ivesley"],
         "sys": ["billing service", "ledger table", "search index",
                 "ingestion pipeline", "notification queue"],
         "team": ["payments", "mobile", "platform", "data"]}


def answer(rng):
    def fill(t):
        return t.format(co=rng.choice(WORDS["co"]),
                        sys=rng.choice(WORDS["sys"]),
                        team=rng.choice(WORDS["team"]),
                        n=rng.randint(2, 90))
    parts = [fill(rng.choice(OPENERS))]
    parts += [fill(rng.choice(ACTIONS)) for _ in range(rng.randint(3, 9))]
    parts += [fill(rng.choice(RESULTS)), fill(rng.choice(LESSONS))]
    return " ".join(p for p in parts if p)


def make_corpus(folder, count):
    rng = random.Random(count)
    txt = os.path.join(folder, "corpus-%d.txt" % count)
    jsonl = os.path.join(folder, "corpus-%d.jsonl" % count)
    with open(txt, "w") as t, open(jsonl, "w") as j:
        for i in range(count):
            a = answer(rng)
            t.write(a + "\n\n")
            j.write(json.dumps({"id": "a%d" % i, "answer": a,
                                "category": "failure"}) + "\n")
    return txt, jsonl


def run_timed(cmd, env):
    """Wall seconds and the peak RSS (KiB) of one run of cmd."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    with open(os.devnull, "w") as null:
        subprocess.run(cmd, stdout=null, stderr=null, env=env, check=False)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before)


def peak_rss(cmd, env):
    """Peak RSS of cmd alone, measured in a fresh Python child."""
    code = ("import resource,subprocess,sys,os;"
            "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,"
            "stderr=subprocess.DEVNULL);"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code] + cmd, env=env,
                         capture_output=True, text=True, check=False)
    return int(out.stdout.strip() or 0)


def best_of(runs, cmd, env):
    return min(run_timed(cmd, env)[0] for _ in range(runs))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    coach = sys.argv[1]
    sizes = [10000, 100000]
    runs = 3
    args = sys.argv[2:]
    if "--sizes" in args:
        sizes = [int(x) for x in args[args.index("--sizes") + 1].split(",")]
    if "--runs" in args:
        runs = int(args[args.index("--runs") + 1])
    style = shutil.which("style")
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, HOME=tmp, XDG_CONFIG_HOME=tmp + "/c",
                   XDG_DATA_HOME=tmp + "/d", NO_COLOR="1", LC_ALL="C.UTF-8")
        print("%-38s %10s %10s %12s" % ("corpus / tool", "seconds", "MB/s",
                                         "answers/s"))
        for n in sizes:
            txt, jsonl = make_corpus(tmp, n)
            mb = os.path.getsize(txt) / 1e6
            tools = [("wc -w", ["wc", "-w", txt]),
                     ("coach score --jsonl --json", [coach, "score",
                                                     "--jsonl", "--json",
                                                     "--no-evidence",
                                                     jsonl]),
                     ("coach score --jsonl (text)", [coach, "score",
                                                     "--jsonl", jsonl])]
            if style:
                tools.append(("style", [style, txt]))
            for name, cmd in tools:
                s = best_of(runs, cmd, env)
                print("%-38s %10.3f %10.1f %12.0f" % (
                    "%d answers / %s" % (n, name), s, mb / s, n / s))
            print("%-34s %10s %10d KiB" % ("%d answers / coach peak RSS" % n,
                                            "", peak_rss(tools[1][1], env)))
            print("%-34s %10.2f" % ("%d answers / coach / wc -w speed" % n,
                                    best_of(1, tools[0][1], env) /
                                    best_of(1, tools[1][1], env)))
        one = os.path.join(tmp, "one.txt")
        with open(one, "w") as f:
            f.write(answer(random.Random(1)))
        fresh = 50
        c = best_of(3, ["sh", "-c", "for i in $(seq %d); do %s score %s; "
                        "done" % (fresh, coach, one)], env) / fresh
        w = best_of(3, ["sh", "-c", "for i in $(seq %d); do wc -w %s; done"
                        % (fresh, one)], env) / fresh
        print("%-34s %10.2f ms" % ("one answer, fresh coach process",
                                   c * 1000))
        print("%-34s %10.2f ms" % ("one answer, fresh wc -w process",
                                   w * 1000))
        print("%-34s %10.2f" % ("ratio coach / wc -w", c / w if w else 0))


if __name__ == "__main__":
    main()
