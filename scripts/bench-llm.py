#!/usr/bin/env python3
"""How long coach takes to show a piece of streamed feedback: the time from
a delta leaving a local test endpoint to its text arriving on coach's
standard output (a pipe), over N deltas sent 20 ms apart.

Usage: scripts/bench-llm.py COACH_BIN [N]
Everything runs on 127.0.0.1; nothing else is contacted."""

import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

N = int(sys.argv[2]) if len(sys.argv) > 2 else 200
GAP = 0.02
sent = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for i in range(N):
            chunk = {"choices": [{"index": 0, "delta":
                                  {"content": "<%d>" % i}}]}
            sent[i] = time.monotonic()
            self.send_chunk("data: %s\n\n" % json.dumps(chunk))
            time.sleep(GAP)
        self.send_chunk("data: [DONE]\n\n")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def send_chunk(self, text):
        data = text.encode()
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()


def main():
    coach = sys.argv[1]
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory() as root:
        conf = os.path.join(root, "config", "coach")
        os.makedirs(conf)
        with open(os.path.join(conf, "config.json"), "w") as f:
            json.dump({"llm": {"provider": "openai", "model": "bench",
                               "base_url": "http://127.0.0.1:%d/v1" %
                               server.server_address[1]}}, f)
        answer = os.path.join(root, "answer.txt")
        with open(answer, "w") as f:
            f.write("I led the migration and cut latency by 40%.\n")
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
               "HOME": root, "XDG_CONFIG_HOME": os.path.join(root, "config"),
               "XDG_DATA_HOME": os.path.join(root, "data")}
        p = subprocess.Popen([coach, "--no-journal", "feedback",
                              "--no-report", answer], env=env,
                             stdout=subprocess.PIPE)
        got, buf = {}, b""
        while True:
            data = p.stdout.read1(65536)
            now = time.monotonic()
            if not data:
                break
            buf += data
            for m in re.finditer(rb"<(\d+)>", buf):
                got.setdefault(int(m.group(1)), now)
            buf = buf[buf.rfind(b">") + 1:]
        p.wait()
    server.shutdown()
    lat = sorted((got[i] - sent[i]) * 1000 for i in got if i in sent)
    if len(lat) != N or p.returncode != 0:
        print("bench-llm: got %d of %d deltas, status %d" %
              (len(lat), N, p.returncode))
        return 1
    print("deltas: %d, delay from endpoint to stdout (ms): median %.3f, "
          "p95 %.3f, max %.3f" % (N, lat[len(lat) // 2],
                                  lat[int(len(lat) * 0.95)], lat[-1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
