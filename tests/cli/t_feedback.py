#!/usr/bin/env python3
"""Model feedback end to end: the real coach and coach-llm against the
recorded replies served by tests/llm/server.py on 127.0.0.1.  Checks what
is shown, what is journaled, the exit status, the one-line error for each
failure, and what the client sent.  Prints "ok NAME" or "not ok NAME"."""

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from urllib.parse import quote

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(HERE, "..", "llm", "server.py")
COACH = os.environ["COACH_BIN"]
# A command put in front of each coach run (make test-valgrind).
WRAP = os.environ.get("COACH_WRAP", "").split()
KEY = "sk-test-9f8e7d6c5b4a39281706abcdefsecret"
ANSWER = ("When our checkout service kept timing out, I was the on-call "
          "engineer. I traced the problem to a missing index, I added it "
          "and wrote a runbook. Latency fell by 40% and I now review "
          "query plans before each release.\n")
failures = 0


def check(name, cond, detail=""):
    global failures
    if cond:
        print("ok " + name)
    else:
        failures += 1
        print("not ok " + name)
        for line in str(detail).splitlines()[:30]:
            print("# " + line)


class Server:
    def __init__(self, root):
        self.log = os.path.join(root, "requests.jsonl")
        self.proc = subprocess.Popen(
            [sys.executable, SERVER, "--log", self.log, "--lifetime", "300"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.port = int(self.proc.stdout.readline())

    def base(self, opts, tail="/v1"):
        return "http://127.0.0.1:%d/%s%s" % (self.port, opts, tail)

    def requests(self):
        if not os.path.exists(self.log):
            return []
        with open(self.log, encoding="utf-8") as f:
            return [json.loads(line) for line in f]

    def clear(self):
        if os.path.exists(self.log):
            os.remove(self.log)

    def stop(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


class Env:
    """Private HOME and XDG folders, a config file and an answer file."""

    def __init__(self, root, name):
        self.root = os.path.join(root, name)
        self.config = os.path.join(self.root, "config", "coach")
        self.data = os.path.join(self.root, "data")
        os.makedirs(self.config)
        os.makedirs(os.path.join(self.root, "home"))
        self.answer = os.path.join(self.root, "answer.txt")
        with open(self.answer, "w", encoding="utf-8") as f:
            f.write(ANSWER)
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.path.join(self.root, "home"),
            "XDG_CONFIG_HOME": os.path.join(self.root, "config"),
            "XDG_DATA_HOME": self.data,
            "XDG_STATE_HOME": os.path.join(self.root, "state"),
            "LANG": "C.UTF-8",
            "NO_COLOR": "1",
        }

    def write_config(self, llm):
        with open(os.path.join(self.config, "config.json"), "w") as f:
            json.dump({"llm": llm}, f)

    def journal(self):
        path = os.path.join(self.data, "coach", "journal.jsonl")
        if not os.path.exists(path):
            return []
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]

    def run(self, args, extra_env=None, stdin=None, timeout=60):
        env = dict(self.env)
        env.update(extra_env or {})
        t0 = time.time()
        p = subprocess.run(WRAP + [COACH] + args, env=env, input=stdin,
                           capture_output=True, timeout=timeout)
        return (p.returncode, p.stdout.decode("utf-8", "replace"),
                p.stderr.decode("utf-8", "replace"), time.time() - t0)


def feedback(env, server, opts, llm=None, args=None, extra_env=None,
             tail="/v1"):
    cfg = {"provider": "openai", "model": "gpt-4o-mini",
           "base_url": server.base(opts, tail), "retries": 0}
    cfg.update(llm or {})
    env.write_config(cfg)
    server.clear()
    e = {"OPENAI_API_KEY": KEY}
    e.update(extra_env or {})
    return env.run(["feedback", "--no-report"] + (args or []) +
                   [env.answer], e)


BASIC = ("Your answer has a clear Situation and Action. Quantify the "
         "Result: say by how much latency fell.\n")


def no_key(*texts):
    return all(KEY not in t for t in texts)


def test_openai(root, s):
    env = Env(root, "openai")
    rc, out, err, _ = feedback(env, s, "r=openai-basic.sse")
    check("openai__recorded_stream__prints_whole_text", rc == 0 and
          out == BASIC, "rc=%d out=%r err=%r" % (rc, out, err))
    reqs = s.requests()
    r = reqs[0] if reqs else {"headers": {}, "body": {}, "path": ""}
    h, b = r["headers"], r["body"]
    check("openai__request__goes_to_chat_completions",
          len(reqs) == 1 and r["path"].endswith("/v1/chat/completions"),
          reqs)
    check("openai__request__bearer_key_json_and_gzip_accepted",
          h.get("authorization") == "Bearer " + KEY and
          h.get("content-type") == "application/json" and
          "gzip" in h.get("accept-encoding", ""), h)
    msgs = b.get("messages", [])
    check("openai__body__model_stream_system_and_user_prompt",
          b.get("model") == "gpt-4o-mini" and b.get("stream") is True and
          [m["role"] for m in msgs] == ["system", "user"] and
          "missing index" in msgs[1]["content"] and
          '"overall"' in msgs[1]["content"], b)
    j = env.journal()
    ok = (len(j) == 2 and j[1].get("type") == "feedback" and
          j[1].get("attempt") == j[0].get("id") and
          j[1].get("model") == "gpt-4o-mini-2024-07-18" and
          j[1].get("text") == BASIC.rstrip("\n") and "time" in j[1] and
          "partial" not in j[1] and no_key(json.dumps(j)))
    check("openai__journal__attempt_then_feedback_naming_it", ok, j)


def test_providers(root, s):
    env = Env(root, "azure")
    cfg = {"provider": "azure", "deployment": "coach-gpt4o"}
    rc, out, err, _ = feedback(env, s, "r=azure-basic.sse", cfg, tail="",
                               extra_env={"AZURE_OPENAI_API_KEY": KEY})
    r = (s.requests() or [{"headers": {}, "body": {}, "path": ""}])[0]
    check("azure__deployment_url_api_version_and_api_key_header",
          rc == 0 and out == BASIC and r["path"].endswith(
              "/openai/deployments/coach-gpt4o/chat/completions"
              "?api-version=2024-10-21") and
          r["headers"].get("api-key") == KEY and
          "authorization" not in r["headers"] and
          "model" not in r["body"], (rc, out, err, r))

    env = Env(root, "anthropic")
    cfg = {"provider": "anthropic", "model": "claude-sonnet-4-20250514"}
    rc, out, err, _ = feedback(env, s, "r=anthropic-basic.sse", cfg,
                               tail="", extra_env={"ANTHROPIC_API_KEY": KEY})
    r = (s.requests() or [{"headers": {}, "body": {}, "path": ""}])[0]
    check("anthropic__messages_api_headers_and_top_level_system",
          rc == 0 and r["path"].endswith("/v1/messages") and
          r["headers"].get("x-api-key") == KEY and
          r["headers"].get("anthropic-version") == "2023-06-01" and
          isinstance(r["body"].get("system"), str) and
          [m["role"] for m in r["body"]["messages"]] == ["user"] and
          r["body"].get("max_tokens") == 1024, (rc, err, r))
    check("anthropic__thinking__not_shown_as_the_answer",
          out == "Your answer has a clear Situation; quantify the "
          "Result.\n", out)
    rc, out, err, _ = feedback(env, s, "r=anthropic-basic.sse", cfg,
                               ["--show-reasoning"], tail="",
                               extra_env={"ANTHROPIC_API_KEY": KEY})
    check("anthropic__show_reasoning__thinking_then_answer",
          out.startswith("The answer lacks a number.\n\nYour answer"), out)

    env = Env(root, "ollama")
    cfg = {"provider": "ollama", "model": "llama3.2"}
    cfg_path = s.base("r=ollama-basic.ndjson,split=3", "")
    env.write_config(cfg)
    s.clear()
    rc, out, err, _ = env.run(["feedback", "--no-report", env.answer],
                              {"OLLAMA_HOST": cfg_path})
    r = (s.requests() or [{"headers": {}, "body": {}, "path": ""}])[0]
    check("ollama__native_chat_ndjson_via_ollama_host",
          rc == 0 and out == BASIC and r["path"].endswith("/api/chat") and
          "authorization" not in r["headers"] and
          r["body"].get("options", {}).get("num_predict") == 1024,
          (rc, out, err, r))


def test_wire(root, s):
    env = Env(root, "wire")
    for opts, name in [("r=openai-crlf.sse,split=1", "crlf_one_byte_reads"),
                       ("r=openai-cr.sse,split=5", "bare_cr_lines"),
                       ("r=openai-basic.sse,gzip=1,split=7", "gzip_split"),
                       ("r=llamacpp-nodone.sse", "no_done_marker")]:
        rc, out, err, _ = feedback(env, s, opts)
        want = BASIC if "nodone" not in opts else "Good start.\n"
        check("wire__%s__same_text" % name, rc == 0 and out == want,
              (rc, out, err))
    rc, out, err, _ = feedback(env, s, "r=openai-utf8.sse,split=1")
    check("wire__utf8_split_across_reads__intact",
          rc == 0 and out == "Très bien — résultat: 40 % plus rapide "
          "✅ 🚀\n", (rc, out, err))


def test_streaming(root, s):
    env = Env(root, "stream")
    env.write_config({"provider": "openai", "model": "m", "retries": 0,
                      "base_url": s.base("r=openai-basic.sse,split=400,"
                                         "delay=0.4")})
    e = dict(env.env)
    e["OPENAI_API_KEY"] = KEY
    t0 = time.time()
    p = subprocess.Popen(WRAP + [COACH, "feedback", "--no-report",
                                 env.answer],
                         env=e, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    first = p.stdout.read1(4096)
    t_first = time.time() - t0
    rest = p.stdout.read()
    p.wait(timeout=30)
    total = time.time() - t0
    check("stream__pipe__first_text_before_the_reply_ends",
          first.startswith(b"Your") and total - t_first > 1.0,
          "first after %.2f s, all after %.2f s" % (t_first, total))
    check("stream__pipe__all_text_in_the_end",
          (first + rest).decode() == BASIC, first + rest)


def failure(env, s, opts, llm=None, args=None):
    rc, out, err, took = feedback(env, s, opts, llm, args)
    return rc, out, err, took, s.requests()


def one_line(err):
    lines = [x for x in err.splitlines() if x.startswith("coach: ")]
    return len(lines) == 1 and "{" not in err


def test_http_errors(root, s):
    env = Env(root, "errors")
    cases = [
        ("status=401,r=openai-401.json", "401__names_key_source",
         "refused the API key (401); check the key in environment "
         "variable OPENAI_API_KEY"),
        ("status=403,r=bare-string.json", "403__says_access",
         "denied access (403)"),
        ("status=404,r=openai-404.json", "404__names_model",
         "found no model 'gpt-4o-mini' or no such address (404)"),
        ("status=400,r=openai-400-context.json", "400_context__too_long",
         "too long for the model's context"),
        ("status=400,r=vllm-400.json", "vllm_400_context__too_long",
         "too long for the model's context"),
        ("status=422,r=fastapi-422.json", "422__rejected",
         "rejected the request (422)"),
        ("status=500,r=bare-string.json", "500_bare_string__server_error",
         "had a server error (500)"),
        ("status=502,r=proxy-502.html", "html_502__proxy_page",
         "with a web page (502 Bad Gateway) instead of the API"),
        ("status=200,r=proxy-502.html", "html_200__proxy_page",
         "with a web page (502 Bad Gateway)"),
        ("status=429,r=openai-429.json", "429__rate_limited",
         "limiting requests or your quota is used up (429)"),
    ]
    for opts, name, want in cases:
        rc, out, err, _, reqs = failure(env, s, opts)
        check("http_" + name, rc == 4 and want in err and one_line(err)
              and no_key(out, err) and len(reqs) == 1, (rc, err, reqs))
    rc, out, err, _, _ = failure(env, s, "status=500,r=bare-string.json")
    check("http_500_bare_string__server_words_in_hint",
          "hint: the server said: Internal Server Error" in err, err)
    rc, out, err, _, _ = failure(env, s, "status=401,r=openai-401.json")
    check("http_401__no_raw_json_and_no_key", "{" not in err and
          no_key(err) and "hint: the server said: Incorrect API key" in err,
          err)

    env = Env(root, "ollama404")
    env.write_config({"provider": "ollama", "model": "llama9", "retries": 0,
                      "base_url": s.base("status=404,r=ollama-404.json",
                                         "")})
    rc, out, err, _ = env.run(["feedback", "--no-report", env.answer])
    check("http_404_ollama__says_pull_the_model",
          rc == 4 and "run 'ollama pull llama9'" in err, err)

    env = Env(root, "azure404")
    env.write_config({"provider": "azure", "deployment": "nope",
                      "retries": 0, "base_url":
                      s.base("status=404,r=azure-404.json", "")})
    rc, out, err, _ = env.run(["feedback", "--no-report", env.answer],
                              {"AZURE_OPENAI_API_KEY": KEY})
    check("http_404_azure__names_the_deployment",
          rc == 4 and "deployment 'nope' was not found" in err, err)


def test_retries(root, s):
    env = Env(root, "retry")
    rc, out, err, took, reqs = failure(
        env, s, "fail=1,fail_status=429,fail_body=openai-429.json,"
        "retry_after=1,n=a", {"retries": 2})
    check("retry__429_with_retry_after__waits_then_succeeds",
          rc == 0 and out == BASIC and len(reqs) == 2 and took >= 0.9 and
          "trying again in 1 s (2 of 3)" in err, (rc, err, took, reqs))
    rc, out, err, took, reqs = failure(
        env, s, "fail=1,fail_status=429,fail_body=openai-429.json,"
        "retry_after=120,n=b", {"retries": 2, "retry_max_wait": 5})
    check("retry__retry_after_over_cap__gives_up_at_once",
          rc == 4 and len(reqs) == 1 and took < 5 and
          "asks to wait 120 s" in err, (rc, err, reqs))
    rc, out, err, took, reqs = failure(
        env, s, "fail=5,n=c", {"retries": 1})
    check("retry__503_twice__one_retry_then_exit_4",
          rc == 4 and len(reqs) == 2 and "server error (503)" in err,
          (rc, err, reqs))
    rc, out, err, took, reqs = failure(
        env, s, "r=openai-basic.sse,cut=1200,n=d", {"retries": 2})
    check("retry__never_after_text_was_shown",
          rc == 4 and len(reqs) == 1 and out.startswith("Your answer") and
          "broke before the answer was complete" in err, (rc, out, err))


def test_stream_failures(root, s):
    env = Env(root, "midstream")
    rc, out, err, _, _ = failure(env, s, "r=openai-error-midstream.sse")
    j = env.journal()
    check("midstream_error__keeps_text_then_fails",
          rc == 4 and out == "Your answer names the problem\n" and
          "reported an error in the middle of the answer" in err and
          "Sorry about that" in err, (rc, out, err))
    check("midstream_error__journals_partial_feedback",
          j and j[-1].get("type") == "feedback" and
          j[-1].get("partial") is True, j)
    rc, out, err, _, _ = failure(env, s, "r=anthropic-error.sse")
    check("midstream_error_anthropic__overloaded_named",
          rc == 4 and "the server said: Overloaded" in err, err)
    rc, out, err, took, _ = failure(env, s, "r=openai-basic.sse,stall=6@700",
                                    {"idle_timeout": 1})
    check("idle_timeout__stalled_stream_stops_after_idle_time",
          rc == 4 and "sent nothing for 1 s" in err and took < 5 and
          out.startswith("Your"), (rc, out, err, took))
    rc, out, err, took, _ = failure(env, s, "r=openai-basic.sse,wait=4",
                                    {"first_byte_timeout": 1})
    check("first_byte_timeout__slow_start_stops_and_says_loading",
          rc == 4 and "did not start answering within 1 s" in err and
          took < 3.5, (rc, err, took))
    rc, out, err, took, _ = failure(env, s, "r=openai-basic.sse,wait=2",
                                    {"first_byte_timeout": 10,
                                     "idle_timeout": 1})
    check("first_byte_timeout__longer_than_idle_for_loading_models",
          rc == 0 and out == BASIC, (rc, err, took))


def test_network(root, s):
    env = Env(root, "net")
    cfg = {"provider": "openai", "model": "m", "retries": 0,
           "connect_timeout": 3}
    closed = s.port + 1 if s.port < 65535 else s.port - 1
    cfg["base_url"] = "http://127.0.0.1:%d/v1" % closed
    env.write_config(cfg)
    rc, out, err, _ = env.run(["feedback", "--no-report", env.answer],
                              {"OPENAI_API_KEY": KEY})
    check("network__refused__cannot_connect", rc == 4 and
          "cannot connect to 127.0.0.1" in err and one_line(err), err)
    cfg["base_url"] = "https://no-such-host.invalid/v1"
    env.write_config(cfg)
    rc, out, err, _ = env.run(["feedback", "--no-report", env.answer],
                              {"OPENAI_API_KEY": KEY})
    check("network__dns__cannot_find_host", rc == 4 and
          "cannot find the host 'no-such-host.invalid'" in err, err)
    cfg["base_url"] = "https://127.0.0.1:%d/v1" % s.port
    env.write_config(cfg)
    rc, out, err, _ = env.run(["feedback", "--no-report", env.answer],
                              {"OPENAI_API_KEY": KEY})
    check("network__tls_to_plain_port__handshake_failed", rc == 4 and
          "TLS handshake with 127.0.0.1 failed" in err, err)
    cfg["ca_bundle"] = os.path.join(env.root, "missing-ca.pem")
    env.write_config(cfg)
    rc, out, err, _ = env.run(["feedback", "--no-report", env.answer],
                              {"OPENAI_API_KEY": KEY})
    check("network__missing_ca_bundle__named", rc == 4 and
          ("cannot read the CA bundle" in err or "TLS" in err), err)
    env = Env(root, "redirect")
    other = "http://127.0.0.2:%d/r=openai-basic.sse/v1/chat/completions" % (
        s.port)
    rc, out, err, _, reqs = failure(env, s, "status=307,r=bare-string.json,"
                                    "location=" + quote(other, safe=""))
    check("redirect__cross_host__not_followed_and_key_kept",
          rc == 4 and len(reqs) == 1 and "redirected the request to "
          "127.0.0.2 (307)" in err, (rc, err, reqs))


def test_config_rules(root, s):
    env = Env(root, "rules")
    s.clear()
    rc, out, err, _ = env.run(["feedback", "--no-report", env.answer])
    check("config__none__nothing_sent_exit_2",
          rc == 2 and "no model endpoint is configured" in err and
          s.requests() == [], (rc, err))
    check("config__none__no_report_and_nothing_journaled",
          env.journal() == [] and "no model endpoint" in err and
          env.run(["feedback", env.answer])[1] == "" and
          env.journal() == [], (out, env.journal()))
    env.write_config({"provider": "openai", "model": "m",
                      "base_url": "http://example.com/v1"})
    rc, out, err, _ = env.run(["feedback", "--no-report", env.answer],
                              {"OPENAI_API_KEY": KEY})
    check("config__plain_http_to_remote__refused",
          rc == 3 and "plain http to 'http://example.com/v1'" in err, err)
    key = os.path.join(env.config, "openai.key")
    with open(key, "w") as f:
        f.write(KEY + "\n")
    os.chmod(key, 0o644)
    env.write_config({"provider": "openai", "model": "m",
                      "base_url": "https://api.example.com/v1",
                      "api_key_file": "openai.key"})
    rc, out, err, _ = env.run(["feedback", "--no-report", env.answer])
    check("config__readable_key_file__refused_with_chmod_hint",
          rc == 3 and "can be read by other users; run 'chmod 600" in err
          and no_key(err), err)
    os.chmod(key, 0o600)
    rc, out, err, _ = env.run(["config"])
    check("config__shows_masked_key_and_its_file",
          rc == 0 and "sk-...cret" in out and "key file" in out and
          no_key(out, err), out + err)
    env.write_config({"provider": "openai", "model": "from-file",
                      "base_url": "https://api.example.com/v1"})
    rc, out, err, _ = env.run(["config"], {"COACH_LLM_MODEL": "from-env"})
    check("config__environment_beats_file",
          "from-env" in out and "environment COACH_LLM_MODEL" in out, out)
    rc, out, err, _ = env.run(["config", "--model", "from-flag"],
                              {"COACH_LLM_MODEL": "from-env"})
    check("config__flag_beats_environment",
          "from-flag" in out and "flag" in out, out)
    with open(os.path.join(env.config, "config.json"), "w") as f:
        f.write('{"llm": {\n  "provider": "openai",\n  "modle": "x"\n}}\n')
    rc, out, err, _ = env.run(["config"])
    check("config__unknown_setting__file_and_line",
          rc == 3 and "config.json:3: unknown setting \"modle\"" in err, err)


def test_privacy(root, s):
    env = Env(root, "privacy")
    rc, out, err, _ = feedback(env, s, "r=openai-basic.sse", {},
                               ["--verbose"])
    check("trace__verbose__auth_redacted_and_no_key",
          rc == 0 and "> Authorization: [redacted]" in err and
          no_key(out, err) and "< HTTP/1.1 200" in err, err[:2000])
    with open(env.answer, "w") as f:
        f.write("I told Priya Raman (priya.raman@example.com, +1 415 555 "
                "0132) that I had missed the deadline and I fixed it.\n")
    rc, out, err, _ = feedback(env, s, "r=openai-basic.sse",
                               {"redact": True,
                                "redact_names": ["Priya Raman"]})
    body = json.dumps(s.requests()[0]["body"]) if s.requests() else ""
    check("redact__email_phone_and_names__not_sent",
          rc == 0 and "priya" not in body.lower() and "555" not in body
          and "[email]" in body and "[phone]" in body and "[name]" in body,
          body[:1500])
    prompts = os.path.join(env.config, "prompts")
    os.makedirs(prompts)
    with open(os.path.join(prompts, "feedback-user.txt"), "w") as f:
        f.write("CUSTOM {{question}} / {{answer}}")
    with open(env.answer, "w") as f:
        f.write(ANSWER)
    rc, out, err, _ = feedback(env, s, "r=openai-basic.sse", {},
                               ["--question", "failure-learned"])
    reqs = s.requests()
    user = reqs[0]["body"]["messages"][1]["content"] if reqs else ""
    check("prompts__user_override__used_with_placeholders",
          user.startswith("CUSTOM ") and "missing index" in user and
          "{{" not in user, user[:300])
    rc, out, err, _ = feedback(env, s, "r=openai-basic.sse", {},
                               ["--no-journal"])
    check("no_journal__nothing_written", rc == 0 and
          len(env.journal()) == 0 or all(
              e.get("type") != "feedback" or "attempt" in e
              for e in env.journal()) and rc == 0, env.journal())


def test_interrupt(root, s):
    env = Env(root, "sigint")
    env.write_config({"provider": "openai", "model": "m", "retries": 0,
                      "base_url": s.base("r=openai-basic.sse,stall=20@700")})
    e = dict(env.env)
    e["OPENAI_API_KEY"] = KEY
    p = subprocess.Popen(WRAP + [COACH, "feedback", "--no-report",
                                 env.answer],
                         env=e, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, start_new_session=True)
    first = p.stdout.read1(4096)
    os.killpg(p.pid, signal.SIGINT)
    try:
        rest, err = p.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        p.kill()
        rest, err = p.communicate()
    j = env.journal()
    check("ctrl_c__exit_130_and_text_kept",
          p.returncode == 130 and (first + rest).decode().startswith(
              "Your ") and (first + rest).endswith(b"\n"),
          (p.returncode, first + rest, err))
    check("ctrl_c__partial_feedback_journaled",
          j and j[-1].get("type") == "feedback" and
          j[-1].get("partial") is True, j)


def test_build(root):
    try:
        out = subprocess.run(["ldd", COACH], capture_output=True,
                             text=True).stdout
    except OSError:
        out = ""
    check("build__coach_does_not_load_libcurl",
          out != "" and "libcurl" not in out, out)
    lone = os.path.join(root, "lone")
    os.makedirs(lone)
    shutil.copy(COACH, lone)
    env = Env(root, "lone-env")
    env.write_config({"provider": "ollama", "model": "m"})
    p = subprocess.run(WRAP + [os.path.join(lone, os.path.basename(COACH)),
                               "feedback", "--no-report", env.answer],
                       env=env.env, capture_output=True, text=True)
    if os.path.exists("/usr/local/libexec/coach/coach-llm"):
        check("build__missing_helper__clear_error # skip installed", True)
    else:
        check("build__missing_helper__clear_error",
              p.returncode == 4 and "cannot find coach-llm" in p.stderr,
              p.stderr)


def main():
    with tempfile.TemporaryDirectory() as root:
        for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY",
                  "all_proxy", "ALL_PROXY"):
            os.environ.pop(k, None)
        s = Server(root)
        try:
            test_openai(root, s)
            test_providers(root, s)
            test_wire(root, s)
            test_streaming(root, s)
            test_http_errors(root, s)
            test_retries(root, s)
            test_stream_failures(root, s)
            test_network(root, s)
            test_config_rules(root, s)
            test_privacy(root, s)
            test_interrupt(root, s)
            test_build(root)
        finally:
            s.stop()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
