#!/usr/bin/env python3
"""The practice REPL in a real pseudo-terminal: an answer typed line by
line is scored and journaled; Ctrl-C neither ends the session nor loses
the answer typed so far; Ctrl-D at an empty prompt ends it with status 0;
every slash command, /edit with a scripted editor, a bracketed paste of
5,000 words, tab completion, the saved command history, a 40-column
terminal, NO_COLOR and TERM=dumb.  Each step has a timeout.
Prints one "ok NAME" or "not ok NAME" line per check."""

import fcntl
import json
import os
import pty
import re
import select
import stat
import struct
import sys
import tempfile
import termios
import time

STEP_TIMEOUT = 20.0
PROMPT = b"> "


def at_prompt(screen):
    """Whether screen ends at an empty prompt: "> " at a line start, so
    an arrow in the output ("present -> missing") is not taken for it."""
    tail = ESC.sub(b"", screen[-200:])
    return (tail.endswith(b"\n" + PROMPT) or tail.endswith(b"\r" + PROMPT)
            or tail == PROMPT)
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

    def __init__(self, args, env=None, cols=100):
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
        for key, value in (env or {}).items():
            if value is None:
                self.env.pop(key, None)
            else:
                self.env[key] = value.replace("@TMP@", root)
        self.screen = b""
        self.status = None
        pid, fd = pty.fork()
        if pid == 0:
            os.execve(os.environ["COACH_BIN"],
                      [os.environ["COACH_BIN"]] + args, self.env)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, cols,
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
                      at_prompt(self.screen))

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


def run_scenario(name, args, body, env=None, cols=100):
    s = Session(args, env, cols)
    try:
        body(s)
    except StepFailed as e:
        check(name, False, "%s\nscreen so far:\n%s" % (e, s.shown()))
    finally:
        s.close()


def scenario_answer(s):
    answer = case_answer("c01")
    s.expect("Question [failure-learned]")
    s.wait_for("the first prompt", lambda: at_prompt(s.screen))
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
    s.wait_for("the first prompt", lambda: at_prompt(s.screen))
    s.type_line("I owned the ledger migration at my last job.")
    s.send(b"It locked the table")
    s.expect("locked the table")
    s.send(b"\x03")
    s.expect("1 line kept")
    s.wait_for("the prompt after Ctrl-C", lambda: at_prompt(s.screen))
    check("repl_ctrl_c__keeps_lines", True)
    start = len(s.screen)
    s.send(b"\x03")
    s.expect_from(start, "recovered-")
    s.wait_for("the prompt after discarding",
               lambda: at_prompt(s.screen))
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
    s.wait_for("the first prompt", lambda: at_prompt(s.screen))
    s.send(b"\x04")
    code = s.wait_exit()
    check("repl_ctrl_d__exits_0", code == 0, "status %s" % code)
    check("repl_ctrl_d__prints_summary",
          "attempts this session" in s.shown().lower(), s.shown())



SGR = re.compile(rb"\x1b\[[0-9;]*m")
ESC = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")
TOOLS = tempfile.TemporaryDirectory()


def tool(name, body):
    path = os.path.join(TOOLS.name, name)
    with open(path, "w") as f:
        f.write("#!/bin/sh\n" + body)
    os.chmod(path, 0o755)
    return path


def prompt(s):
    s.wait_for("the prompt", lambda: at_prompt(s.screen))


def command(s, line):
    """Types a command; returns what it printed, escapes removed."""
    start = len(s.screen)
    s.type_line(line)
    return ESC.sub(b"", s.screen[start:]).decode("utf-8", "replace")


def answer(s, text):
    """Types text line by line and '.', then waits for the report."""
    start = len(s.screen)
    for line in text.split("\n"):
        s.type_line(line)
    s.send(b".\r")
    s.expect_from(start, "Overall")
    prompt(s)
    return start


def journal_entries(s):
    path = s.path("XDG_DATA_HOME", "coach", "journal.jsonl")
    try:
        with open(path, encoding="utf-8") as f:
            return [json.loads(x) for x in f.read().splitlines()]
    except OSError:
        return []


def scenario_commands(s):
    s.expect("Question [failure-learned]")
    prompt(s)
    out = command(s, "/help")
    check("cmd_help__lists_every_command",
          all(c in out for c in ("/next", "/retry", "/skip", "/edit",
                                 "/hint", "/example", "/followup",
                                 "/category", "/questions", "/question",
                                 "/history", "/journal", "/feedback",
                                 "/quit")), out)
    out = command(s, "/hint")
    check("cmd_hint__says_what_to_cover", "failure" in out.lower() and
          len(out.splitlines()) >= 3, out)
    out = command(s, "/example")
    check("cmd_example__labelled",
          "Example outline (an example, not your answer):" in out, out)
    out = command(s, "/followup")
    check("cmd_followup__needs_an_answer", "Answer this question first"
          in out, out)
    out = command(s, "/questions")
    check("cmd_questions__lists_ids", "* failure-learned" in out and
          "conflict-disagree-manager" in out, out)
    out = command(s, "/category")
    check("cmd_category__lists_them", "failure" in out and
          "questions" in out, out)
    out = command(s, "/category conflict")
    check("cmd_category__switches", "(conflict):" in out, out)
    out = command(s, "/next")
    check("cmd_next__same_category", "(conflict):" in out, out)
    out = command(s, "/category nonsense")
    check("cmd_category__unknown_says_so",
          "unknown category 'nonsense'" in out, out)
    out = command(s, "/question failure-learned")
    check("cmd_question__jumps", "Question [failure-learned]" in out, out)
    out = command(s, "/skip")
    check("cmd_skip__moves_on", "Skipped failure-learned" in out and
          "Question [" in out.split("Skipped")[1], out)
    out = command(s, "/history")
    check("cmd_history__empty_session", "No attempts" in out, out)
    out = command(s, "/journal")
    check("cmd_journal__runs", "coach:" not in out or "journal" in out,
          out)
    out = command(s, "/feedback")
    check("cmd_feedback__needs_an_answer", "Answer a question first"
          in out, out)
    out = command(s, "/bogus")
    check("cmd_unknown__hint", "unknown command '/bogus'" in out and
          "/help" in out, out)
    s.send(b"/quit\r")
    code = s.wait_exit()
    check("cmd_quit__exits_0", code == 0, "status %s" % code)
    check("cmd_quit__summary", "No attempts this session" in s.shown())


def scenario_retry(s):
    s.expect("Question [failure-learned]")
    prompt(s)
    answer(s, case_answer("c01"))
    out = command(s, "/followup")
    check("cmd_followup__asks", "Interviewer:" in out, out)
    out = command(s, "/retry")
    check("cmd_retry__same_question", "Question [failure-learned]" in out,
          out)
    start = answer(s, "We had an outage once. It was bad.")
    out = ESC.sub(b"", s.screen[start:]).decode("utf-8", "replace")
    check("cmd_retry__shows_change", re.search(
        r"Since your last attempt: overall \d+ -> \d+", out), out)
    check("timed__shows_time", re.search(r"Time: \d+:\d\d \((within|"
                                         r"over) your 2:00 limit", out),
          out)
    out = command(s, "/history")
    check("cmd_history__lists_attempts", " 1. failure-learned" in out and
          " 2. failure-learned" in out, out)
    out = command(s, "/history all")
    check("cmd_history_all__reads_journal",
          out.count("failure-learned") == 2, out)
    out = command(s, "/journal")
    check("cmd_journal__lists_entries", out.count("failure-l") >= 2, out)
    s.send(b"\x04")
    code = s.wait_exit()
    check("ctrl_d__summary_counts", code == 0 and
          "2 attempts this session" in s.shown(), s.shown()[-300:])
    check("retry__both_journaled", len(journal_entries(s)) == 2)


def big_answer():
    base = case_answer("c01").split()
    words = [base[i % len(base)] for i in range(5000)]
    paras = [" ".join(words[i:i + 250]) for i in range(0, 5000, 250)]
    return "\n\n".join(paras[:10]) + "\n\n\n" + "\n\n".join(paras[10:])


def scenario_paste(s):
    text = big_answer()
    s.expect("Question [")
    prompt(s)
    data = b"\x1b[200~" + text.replace("\n", "\r").encode() + b"\x1b[201~"
    t0 = time.time()
    for i in range(0, len(data), 2048):
        s.send(data[i:i + 2048])
        s.read_some(time.time() + 0.01)
    s.send(b"\r")
    prompt(s)
    s.send(b".\r")
    s.expect("Saved to your journal")
    took = time.time() - t0
    check("paste__quick", took < 10, "took %.1f s" % took)
    entries = journal_entries(s)
    got = entries[0]["answer"] if entries else ""
    check("paste__taken_whole", len(entries) == 1 and
          len(got.split()) == 5000, "%d entries, %d words" %
          (len(entries), len(got.split())))
    check("paste__keeps_paragraphs_and_double_blank", got == text,
          repr(got[:200]))
    s.send(b"/quit\r")
    s.wait_exit()


def scenario_edit(s):
    s.expect("Question [failure-learned]")
    prompt(s)
    out = command(s, "/edit")
    check("edit__scores_edited_answer", "Overall" in out, out[-500:])
    entries = journal_entries(s)
    check("edit__journals_editor_text", len(entries) == 1 and
          "dry-run check" in entries[0]["answer"], entries)
    state = s.path("XDG_STATE_HOME", "coach")
    left = [n for n in os.listdir(state) if n.startswith("answer-")] \
        if os.path.isdir(state) else []
    check("edit__temp_file_removed", not left, left)
    s.send(b"/quit\r")
    s.wait_exit()


def scenario_edit_fails(s):
    s.expect("Question [failure-learned]")
    prompt(s)
    s.type_line("I owned the ledger migration at my last job.")
    out = command(s, "/edit")
    check("edit_fails__says_so", "exited with status 3" in out and
          "as it was" in out, out)
    s.type_line("It locked the table for eleven minutes.")
    s.send(b".\r")
    s.expect("Saved to your journal")
    entries = journal_entries(s)
    got = entries[0]["answer"] if entries else ""
    check("edit_fails__keeps_text", got == "I owned the ledger migration "
          "at my last job.\nIt locked the table for eleven minutes.",
          repr(got))
    s.send(b"/quit\r")
    s.wait_exit()


def scenario_complete(s):
    s.expect("Question [")
    prompt(s)
    start = len(s.screen)
    s.send(b"/hel\t")
    s.expect_from(start, "/help")
    s.send(b"\r")
    s.expect_from(start, "Commands (type one")
    prompt(s)
    check("complete__command_prefix", True)
    start = len(s.screen)
    s.send(b"/category confl\t")
    s.expect_from(start, "conflict")
    s.send(b"\r")
    s.expect_from(start, "(conflict):")
    prompt(s)
    check("complete__category", True)
    start = len(s.screen)
    s.send(b"/question failure-lea\t\r")
    s.expect_from(start, "Question [failure-learned]")
    prompt(s)
    check("complete__question_id", True)
    start = len(s.screen)
    s.send(b"\x0f")
    s.expect_from(start, "Commands (type one")
    prompt(s)
    check("inputrc__if_coach_respected", True)
    s.send(b"/quit\r")
    s.wait_exit()
    path = s.path("XDG_STATE_HOME", "coach", "history")
    try:
        with open(path, encoding="utf-8") as f:
            hist = f.read()
        mode = os.stat(path).st_mode & 0o777
        dmode = os.stat(os.path.dirname(path)).st_mode & 0o777
    except OSError as e:
        check("history__saved", False, e)
        return
    check("history__saved", "/category conflict" in hist and
          "/quit" in hist, hist)
    check("history__file_0600", mode == 0o600, oct(mode))
    check("history__folder_0700", dmode == 0o700, oct(dmode))


def report_lines(s, start):
    text = s.screen[start:]
    text = text[text.find(b"Overall"):text.find(b"Saved to your")]
    return text


def scenario_narrow(s):
    s.expect("Question [failure-learned]")
    prompt(s)
    start = answer(s, case_answer("c01"))
    text = ESC.sub(b"", report_lines(s, start)).decode("utf-8", "replace")
    long_lines = [x for x in text.replace("\r", "").split("\n")
                  if len(x) > 40]
    check("narrow__report_fits_40_columns", not long_lines and text,
          "\n".join(long_lines[:5]))
    shown = ESC.sub(b"", s.screen).decode("utf-8", "replace")
    banner = shown[:shown.find("Question [")]
    after = shown[shown.rfind("Next:"):]
    lines = [x for x in (banner + after).replace("\r", "").split("\n")
             if len(x) > 40]
    check("narrow__banner_and_next_line_fit_40_columns",
          not lines and "Type your answer" in banner and "/quit" in after,
          "\n".join(lines[:5]))
    check("no_color__no_escapes", not SGR.search(report_lines(s, start)),
          repr(report_lines(s, start)[:200]))
    s.send(b"/quit\r")
    s.wait_exit()


def scenario_color(s):
    s.expect("Question [failure-learned]")
    prompt(s)
    start = answer(s, case_answer("c01"))
    check("color__on_a_terminal", SGR.search(report_lines(s, start)),
          repr(report_lines(s, start)[:200]))
    s.send(b"/quit\r")
    s.wait_exit()


def scenario_dumb(s):
    s.expect("Question [failure-learned]")
    prompt(s)
    start = answer(s, "I owned the migration.\nIt failed and I fixed it.")
    check("dumb__report", "Saved to your journal" in
          s.screen[start:].decode("utf-8", "replace"))
    check("dumb__no_escape_sequences", b"\x1b" not in s.screen,
          repr(s.screen[:300]))
    s.send(b"/quit\r")
    code = s.wait_exit()
    check("dumb__exits_0", code == 0, "status %s" % code)


def main():
    if not os.environ.get("COACH_BIN") or not os.environ.get("COACH_CASES"):
        print("not ok repl_environment")
        print("# COACH_BIN and COACH_CASES must be set")
        return 1
    args = ["practice", "--question", "failure-learned", "--seed", "1"]
    run_scenario("repl_answer", args, scenario_answer)
    run_scenario("repl_ctrl_c", args, scenario_ctrl_c)
    run_scenario("repl_ctrl_d", ["practice", "--seed", "1"], scenario_ctrl_d)
    run_scenario("repl_commands", args, scenario_commands)
    run_scenario("repl_retry", args + ["--timed", "120"], scenario_retry)
    run_scenario("repl_paste", args, scenario_paste)
    editor = tool("edit.sh", 'shift\nprintf "%s\\n" "I owned the '
                  'migration and it failed." "" "I added a dry-run check '
                  'and the next two went out clean." > "$1"\n')
    run_scenario("repl_edit", args, scenario_edit,
                 {"VISUAL": "%s --ignored-flag" % editor})
    run_scenario("repl_edit_fails", args, scenario_edit_fails,
                 {"VISUAL": tool("fail.sh", "exit 3\n")})
    inputrc = tool("inputrc", '$if coach\n"\\C-o": "/help\\n"\n$endif\n')
    run_scenario("repl_complete", args, scenario_complete,
                 {"INPUTRC": inputrc})
    run_scenario("repl_narrow", args, scenario_narrow, cols=40)
    run_scenario("repl_color", args, scenario_color, {"NO_COLOR": None})
    run_scenario("repl_dumb", args, scenario_dumb,
                 {"TERM": "dumb", "NO_COLOR": None})
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
