#!/usr/bin/env python3
"""A test endpoint for coach's model feedback, on 127.0.0.1 only.

It serves the recorded replies in tests/llm/recordings byte for byte, and
logs every request it gets (method, path, headers, body) as one JSON line.
How to answer is chosen by the first segment of the request path, a list
of name=value options separated by commas, e.g.
  /r=openai-basic.sse,split=1,delay=0.01/v1/chat/completions
Options:
  r=FILE          the recording to send (content type from its extension)
  status=N        the HTTP status (default 200)
  split=N         send the body in writes of N bytes (default: whole)
  delay=S         wait S seconds between writes
  wait=S          wait S seconds before sending the status line
  stall=S@B       after B bytes of body, wait S seconds
  cut=B           after B bytes of body, drop the connection
  gzip=1          gzip the body when the client accepts it
  fail=N          answer the first N requests with these options with
                  fail_status (default 503) and fail_body (default
                  plain-503.txt)
  retry_after=V   a Retry-After header on failures (or on status >= 400)
  location=URL    a Location header (with status=307)
Usage: server.py --log FILE [--recordings DIR] [--lifetime SECONDS]
Prints the port on standard output, then serves until standard input
closes or the lifetime ends.
"""

import argparse
import gzip
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

TYPES = {
    ".sse": "text/event-stream; charset=utf-8",
    ".ndjson": "application/x-ndjson",
    ".json": "application/json",
    ".html": "text/html",
    ".txt": "text/plain",
}

counts = {}
counts_lock = threading.Lock()
log_lock = threading.Lock()


def parse_options(segment):
    opts = {}
    for part in unquote(segment).split(","):
        if "=" in part:
            k, v = part.split("=", 1)
            opts[k] = v
    return opts


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "recorded/1.0"

    def log_message(self, fmt, *args):
        pass

    def record(self, body):
        try:
            parsed = json.loads(body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            parsed = body.decode("utf-8", "replace")
        entry = {
            "method": self.command,
            "path": self.path,
            "host": self.headers.get("Host"),
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "body": parsed,
        }
        with log_lock, open(self.server.log, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry) + "\n")

    def do_GET(self):
        self.do_POST()

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        self.record(body)
        segment = self.path.lstrip("/").split("/", 1)[0]
        opts = parse_options(segment)
        try:
            self.answer(segment, opts)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def failing(self, segment, opts):
        limit = int(opts.get("fail", "0"))
        with counts_lock:
            counts[segment] = counts.get(segment, 0) + 1
            return counts[segment] <= limit

    def answer(self, segment, opts):
        status = int(opts.get("status", "200"))
        name = opts.get("r", "openai-basic.sse")
        if self.failing(segment, opts):
            status = int(opts.get("fail_status", "503"))
            name = opts.get("fail_body", "plain-503.txt")
        with open(os.path.join(self.server.recordings, name), "rb") as f:
            data = f.read()
        time.sleep(float(opts.get("wait", "0")))
        self.send_response(status)
        ext = os.path.splitext(name)[1]
        self.send_header("Content-Type", TYPES.get(ext, "text/plain"))
        if "retry_after" in opts and status >= 400:
            self.send_header("Retry-After", opts["retry_after"])
        if "location" in opts:
            self.send_header("Location", opts["location"])
        accepts = self.headers.get("Accept-Encoding", "")
        if opts.get("gzip") == "1" and "gzip" in accepts:
            data = gzip.compress(data)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.wfile.flush()
        self.send_body(data, opts)

    def chunk(self, piece):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        self.wfile.flush()

    def send_body(self, data, opts):
        split = int(opts.get("split", "0")) or len(data) or 1
        delay = float(opts.get("delay", "0"))
        cut = int(opts.get("cut", "-1"))
        stall_s, stall_at = 0.0, -1
        if "stall" in opts:
            s, b = opts["stall"].split("@")
            stall_s, stall_at = float(s), int(b)
        sent = 0
        while sent < len(data):
            end = min(len(data), sent + split)
            for mark in (stall_at, cut):
                if sent < mark < end:
                    end = mark
            if end > sent:
                self.chunk(data[sent:end])
            sent = end
            if sent == cut:
                self.close_connection = True
                return
            if sent == stall_at:
                time.sleep(stall_s)
            elif delay and sent < len(data):
                time.sleep(delay)
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--log", required=True)
    ap.add_argument("--recordings",
                    default=os.path.join(os.path.dirname(
                        os.path.abspath(__file__)), "recordings"))
    ap.add_argument("--lifetime", type=float, default=600)
    ap.add_argument("--host", default="127.0.0.1")
    args = ap.parse_args()
    server = ThreadingHTTPServer((args.host, 0), Handler)
    server.daemon_threads = True
    server.log = args.log
    server.recordings = args.recordings
    print(server.server_address[1], flush=True)

    def stop_on_eof():
        sys.stdin.read()
        server.shutdown()

    threading.Thread(target=stop_on_eof, daemon=True).start()
    timer = threading.Timer(args.lifetime, server.shutdown)
    timer.daemon = True
    timer.start()
    server.serve_forever()


if __name__ == "__main__":
    main()
