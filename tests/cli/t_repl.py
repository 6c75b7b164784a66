#!/usr/bin/env python3
"""The practice REPL in a real pseudo-terminal: an answer typed line by
line is scored and journaled; Ctrl-C neither ends the session nor loses
the answer typed so far; Ctrl-D at an empty prompt ends it with status 0.
Prints one "ok NAME" or "not ok NAME" line per check."""

import fcntl
import json
import os
import pty
import select
import struct
import sys
import tempfile
import termios
import time

STEP_TIMEOUT = 20.0
PROMPT = b"> "
failures = 0


def check(name, cond, detail=""):
    global failures
    if cond:
        print("ok " + name)
    else:
        failures += 1
        print("not ok " + name)
        for line in str(detail).splitlines():
            print("# " + line)


def case_answer(case_id):
    path = os.path.join(os.environ["COACH_CASES"], "answers.jsonl")
    with open(path, encoding="utf-8") as f:
        for line in f:
            entry = json.loads(line)
            if entry["id"] == case_id:
                return entry["answer"].replace("\r\n", "\n")
    raise SystemExit("case %s not found in %s" % (case_id, path))


class StepFailed(Exception):
    pass


class Session:
    """coach running in a pty with private HOME and XDG folders."""

    def __init__(self, args):
        self.tmp = tempfile.TemporaryDirectory()
        root = self.tmp.name
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.path.join(root, "home"),
            "XDG_CONFIG_HOME": os.path.join(root, "config"),
            "XDG_DATA_HOME": os.path.join(root, "data"),
            "XDG_STATE_HOME": os.path.join(root, "state"),
            "TERM": "xterm",
            "NO_COLOR": "1",
            "LANG": "C.UTF-8",
        }
        os.mkdir(self.env["HOME"])
        self.screen = b""
        self.status = None
        pid, fd = pty.fork()
        if pid == 0:
            os.execve(os.environ["COACH_BIN"],
                      [os.environ["COACH_BIN"]] + args, self.env)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100,
                                                        0, 0))

    def read_some(self, deadline):
        ready, _, _ = select.select([self.fd], [], [],
                                    max(0.0, deadline - time.time()))
        if not ready:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            data = b""
        if not data:
            raise StepFailed("the program closed the terminal")
        self.screen += data
        return True

    def wait_for(self, what, cond):
        deadline = time.time() + STEP_TIMEOUT
        while not cond():
            if time.time() > deadline:
                raise StepFailed("timed out waiting for " + what)
            self.read_some(deadline)

    def expect(self, text):
        start = len(self.screen)
        needle = text.lower().encode()
        self.wait_for(repr(text),
                      lambda: needle in self.screen[start:].lower())

    def expect_from(self, start, text):
        needle = text.lower().encode()
        self.wait_for(repr(text),
                      lambda: needle in self.screen[start:].lower())

    def type_line(self, line):
        """Types one line and waits for the next prompt."""
        start = len(self.screen)
        os.write(self.fd, line.encode() + b"\r")
        self.wait_for("the prompt after %r" % line[:40],
                      lambda: len(self.screen) > start and
                      self.screen.endswith(PROMPT))

    def send(self, data):
        os.write(self.fd, data)

    def wait_exit(self):
        deadline = time.time() + STEP_TIMEOUT
        while time.time() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = status
                self.drain()
                return os.waitstatus_to_exitcode(status)
            try:
                self.read_some(min(deadline, time.time() + 0.1))
            except StepFailed:
                pass
        raise StepFailed("timed out waiting for the program to exit")

    def drain(self):
        try:
            while select.select([self.fd], [], [], 0.05)[0]:
                data = os.read(self.fd, 65536)
                if not data:
                    break
                self.screen += data
        except OSError:
            pass

    def shown(self):
        return self.screen.decode("utf-8", "replace")

    def close(self):
        if self.status is None:
            try:
                os.kill(self.pid, 9)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
        os.close(self.fd)
        self.tmp.cleanup()

    def path(self, var, *parts):
        return os.path.join(self.env[var], *parts)


def run_scenario(name, args, body):
    s = Session(args)
    try:
        body(s)
    except StepFailed as e:
        check(name, False, "%s\nscreen so far:\n%s" % (e, s.shown()))
    finally:
        s.close()


def scenario_answer(s):
    answer = case_answer("c01")
    s.expect("Question [failure-learned]")
    s.wait_for("the first prompt", lambda: s.screen.endswith(PROMPT))
    check("repl_shows_question", True)
    start = len(s.screen)
    for line in answer.split("\n"):
        s.type_line(line)
    s.send(b".\r")
    for part in ("Situation", "Task", "Action", "Result"):
        s.expect_from(start, part)
    check("repl_answer__shows_report", True)
    s.expect_from(start, "Saved to your journal")
    check("repl_answer__says_saved", True)
    s.send(b"/quit\r")
    code = s.wait_exit()
    check("repl_quit__exits_0", code == 0, "status %s" % code)

    folder = s.path("XDG_DATA_HOME", "coach")
    journal = os.path.join(folder, "journal.jsonl")
    try:
        with open(journal, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as e:
        check("repl_journal__exists", False, e)
        return
    check("repl_journal__one_line", len(lines) == 1, lines)
    try:
        entry = json.loads(lines[0])
    except (ValueError, IndexError) as e:
        check("repl_journal__is_json", False, e)
        return
    check("repl_journal__is_json", True)
    got = entry.get("answer", "").replace("\r\n", "\n")
    check("repl_journal__answer_as_typed", got == answer,
          "got %r" % got[:200])
    qid = (entry.get("question") or {}).get("id")
    check("repl_journal__question_id", qid == "failure-learned", qid)
    fmode = os.stat(journal).st_mode & 0o777
    dmode = os.stat(folder).st_mode & 0o777
    check("repl_journal__file_0600", fmode == 0o600, oct(fmode))
    check("repl_journal__folder_0700", dmode == 0o700, oct(dmode))


def recovered_files(s):
    folder = s.path("XDG_STATE_HOME", "coach")
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return [os.path.join(folder, n) for n in names
            if n.startswith("recovered-")]


def scenario_ctrl_c(s):
    s.expect("Question [failure-learned]")
    s.wait_for("the first prompt", lambda: s.screen.endswith(PROMPT))
    s.type_line("I owned the ledger migration at my last job.")
    s.send(b"It locked the table")
    s.expect("locked the table")
    s.send(b"\x03")
    s.expect("1 line kept")
    s.wait_for("the prompt after Ctrl-C", lambda: s.screen.endswith(PROMPT))
    check("repl_ctrl_c__keeps_lines", True)
    start = len(s.screen)
    s.send(b"\x03")
    s.expect_from(start, "recovered-")
    s.wait_for("the prompt after discarding",
               lambda: s.screen.endswith(PROMPT))
    check("repl_ctrl_c_twice__says_where_answer_went", True)
    s.send(b"/quit\r")
    code = s.wait_exit()
    check("repl_ctrl_c__session_goes_on", code == 0, "status %s" % code)

    files = recovered_files(s)
    check("repl_ctrl_c__one_recovery_file", len(files) == 1, files)
    if not files:
        return
    with open(files[0], encoding="utf-8") as f:
        text = f.read()
    check("repl_ctrl_c__recovery_has_answer",
          "I owned the ledger migration" in text and
          "It locked the table" in text, repr(text))
    mode = os.stat(files[0]).st_mode & 0o777
    check("repl_ctrl_c__recovery_file_0600", mode == 0o600, oct(mode))
    journal = s.path("XDG_DATA_HOME", "coach", "journal.jsonl")
    check("repl_ctrl_c__nothing_journaled", not os.path.exists(journal))


def scenario_ctrl_d(s):
    s.expect("Question [")
    s.wait_for("the first prompt", lambda: s.screen.endswith(PROMPT))
    s.send(b"\x04")
    code = s.wait_exit()
    check("repl_ctrl_d__exits_0", code == 0, "status %s" % code)
    check("repl_ctrl_d__prints_summary",
          "attempts this session" in s.shown().lower(), s.shown())


def main():
    if not os.environ.get("COACH_BIN") or not os.environ.get("COACH_CASES"):
        print("not ok repl_environment")
        print("# COACH_BIN and COACH_CASES must be set")
        return 1
    args = ["practice", "--question", "failure-learned", "--seed", "1"]
    run_scenario("repl_answer", args, scenario_answer)
    run_scenario("repl_ctrl_c", args, scenario_ctrl_c)
    run_scenario("repl_ctrl_d", ["practice", "--seed", "1"], scenario_ctrl_d)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
