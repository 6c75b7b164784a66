#!/usr/bin/env python3
"""The API key never leaks.  A distinctive fake key is configured through
each route coach supports (OPENAI_API_KEY, AZURE_OPENAI_API_KEY,
ANTHROPIC_API_KEY, api_key_file, api_key_command); then "coach config",
and "coach feedback --verbose" against tests/llm/server.py (a good reply,
a server that echoes the key back in its error, and a closed port).  The
key must not appear in stdout, stderr (the trace included), the journal
or any file under the data and state folders.  "coach config" may show
the masked form, which keeps at most the last four characters.
Prints "ok NAME" or "not ok NAME"."""

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(HERE, "..", "llm", "server.py")
RECORDINGS = os.path.join(HERE, "..", "llm", "recordings")
COACH = os.environ["COACH_BIN"]
# A command put in front of each coach run (make test-valgrind).
WRAP = os.environ.get("COACH_WRAP", "").split()
KEY = "sk-leak-Qz8Xw3Vb9Nm1Lk5Jh2Gf8Dd4Ss6Aa0Pp-tail9876"
# Any run of 8 characters from the key's middle counts as a leak.
PIECES = [KEY[i:i + 8] for i in range(3, len(KEY) - 4 - 8 + 1)]
ANSWER = ("When our checkout service kept timing out, I was the on-call "
          "engineer. I traced it to a missing index, added it and wrote "
          "a runbook. Latency fell by 40%.\n")
failures = 0


def check(name, cond, detail=""):
    global failures
    if cond:
        print("ok " + name)
    else:
        failures += 1
        print("not ok " + name)
        for line in str(detail).splitlines()[:20]:
            print("# " + line)


def leaks(text):
    """The pieces of the key found in text, if any."""
    if KEY in text:
        return [KEY]
    return [p for p in PIECES if p in text]


def files_under(*roots):
    for root in roots:
        for d, _, names in os.walk(root):
            for n in names:
                yield os.path.join(d, n)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Server:
    """tests/llm/server.py over the shipped recordings plus one that
    echoes the key, as a careless server or proxy might."""

    def __init__(self, root):
        rec = os.path.join(root, "recordings")
        shutil.copytree(RECORDINGS, rec)
        with open(os.path.join(rec, "echo-key.json"), "w") as f:
            json.dump({"error": {"message": "Incorrect API key provided: "
                                 + KEY, "code": "invalid_api_key"}}, f)
        self.proc = subprocess.Popen(
            [sys.executable, SERVER, "--log", os.path.join(root, "log"),
             "--recordings", rec, "--lifetime", "300"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.port = int(self.proc.stdout.readline())

    def base(self, opts):
        return "http://127.0.0.1:%d/%s" % (self.port, opts)

    def stop(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


# Each route: the provider settings, the environment, and the recording
# of a good reply for that provider.
def routes(root):
    key_file = os.path.join(root, "key")
    with open(key_file, "w") as f:
        f.write(KEY + "\n")
    os.chmod(key_file, stat.S_IRUSR | stat.S_IWUSR)
    cmd_file = os.path.join(root, "key-for-command")
    shutil.copy(key_file, cmd_file)
    openai = {"provider": "openai", "model": "m"}
    return [
        ("env_openai", openai, {"OPENAI_API_KEY": KEY}, "openai-basic.sse",
         "/v1"),
        ("env_azure", {"provider": "azure", "deployment": "d",
                       "api_version": "2024-06-01"},
         {"AZURE_OPENAI_API_KEY": KEY}, "azure-basic.sse", ""),
        ("env_anthropic", {"provider": "anthropic", "model": "m"},
         {"ANTHROPIC_API_KEY": KEY}, "anthropic-basic.sse", ""),
        ("key_file", dict(openai, api_key_file=key_file), {},
         "openai-basic.sse", "/v1"),
        ("key_command", dict(openai, api_key_command="cat " + cmd_file), {},
         "openai-basic.sse", "/v1"),
    ]


def run_route(root, server, name, llm, extra, good, tail):
    home = os.path.join(root, name)
    cfg = os.path.join(home, "config", "coach")
    data = os.path.join(home, "data")
    state = os.path.join(home, "state")
    os.makedirs(cfg)
    os.makedirs(os.path.join(home, "home"))
    answer = os.path.join(home, "answer.txt")
    with open(answer, "w") as f:
        f.write(ANSWER)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
           "HOME": os.path.join(home, "home"),
           "XDG_CONFIG_HOME": os.path.join(home, "config"),
           "XDG_DATA_HOME": data, "XDG_STATE_HOME": state,
           "LANG": "C.UTF-8", "NO_COLOR": "1"}
    env.update(extra)
    seen = []
    statuses = []
    endpoints = [("good", server.base("r=" + good) + tail),
                 ("echo", server.base("r=echo-key.json,status=401") + tail),
                 ("closed", "http://127.0.0.1:%d%s" % (free_port(), tail))]
    for what, url in endpoints:
        with open(os.path.join(cfg, "config.json"), "w") as f:
            json.dump({"llm": dict(llm, base_url=url, retries=0)}, f)
        for args in (["config"],
                     ["feedback", "--verbose", "--no-report", answer]):
            p = subprocess.run(WRAP + [COACH] + args, env=env,
                               capture_output=True, timeout=120)
            statuses.append((what, args[0], p.returncode))
            seen.append(("%s %s stdout" % (what, args[0]),
                         p.stdout.decode("utf-8", "replace")))
            seen.append(("%s %s stderr" % (what, args[0]),
                         p.stderr.decode("utf-8", "replace")))
    for path in files_under(data, state):
        with open(path, "rb") as f:
            seen.append((path, f.read().decode("utf-8", "replace")))
    return seen, statuses


def main():
    with tempfile.TemporaryDirectory() as root:
        server = Server(root)
        try:
            for name, llm, extra, good, tail in routes(root):
                seen, st = run_route(root, server, name, llm, extra, good,
                                     tail)
                check("%s__feedback__good_0_echo_4_closed_4" % name,
                      [s for (_, c, s) in st if c == "feedback"] ==
                      [0, 4, 4], st)
                journal = [t for (w, t) in seen if w.endswith(".jsonl")]
                check("%s__journal__has_the_feedback" % name,
                      any('"feedback"' in t for t in journal), journal)
                config_out = [t for (w, t) in seen
                              if w == "good config stdout"]
                # "coach config" does not run a key command.
                shown = ("(run when needed)" if name == "key_command"
                         else "sk-...9876")
                check("%s__config__shows_masked_key" % name,
                      config_out and shown in config_out[0], config_out)
                trace = [t for (w, t) in seen
                         if w == "good feedback stderr"]
                check("%s__trace__key_header_redacted" % name,
                      trace and "[redacted]" in trace[0], trace)
                found = [(w, leaks(t)) for (w, t) in seen if leaks(t)]
                check("%s__key__nowhere" % name, not found, found)
        finally:
            server.stop()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
