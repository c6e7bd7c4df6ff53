#!/usr/bin/env python3
"""A scripted HTTP stub for the ODataRuntime client's fault tests.

Listens on 127.0.0.1, port 0 (a free port) unless --port is given, prints "PORT <n>" on its first stdout line,
and serves until killed or until its stdin closes (so it never outlives the test that started it).

Each path misbehaves in one scripted way; counters are kept per path (query excluded), so a test that uses its own
path prefix (the first path segment is free: /<anything>/throttle429) gets its own script state.

  .../echo               200, JSON of the request: method, path, headers, body
  .../throttle429        first request 429 with Retry-After: 1, then 200
  .../throttle429date    first request 429 with Retry-After as an HTTP date (1 s ahead), then 200
  .../unavailable503     first two requests 503 without Retry-After, then 200 (only if If-Match or GET)
  .../always429          always 429 with Retry-After: 1 and an OData error body
  .../error500           500 with an OData error body
  .../malformed          200 with a truncated JSON body
  .../slow?ms=N          answers after N milliseconds
  .../pages?page=K&last=L&delay=MS   rows 3K..3K+2, @odata.nextLink to page K+1 until L
  .../auth               401 unless "Authorization: Bearer <t>" names the newest token the token endpoint
                         issued; with ?revoke=1 the first token issued is refused once even when newest
                         (it "expired" on the server side), so a client must fetch a new one
  .../download?size=N    N bytes (a repeating pattern), sent in 64 KiB chunks with Content-Length
  .../token?expires_in=S&delay=MS    an Entra ID-like token endpoint: checks the form body, issues tok-<n>
  /stats                 JSON: {"counts": {path: n}, "token_requests": n, "token_forms": [...]}
"""

import argparse
import email.utils
import json
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

EXPECTED_FORM = {
    "grant_type": "client_credentials",
    "client_id": "test-client-id",
    "client_secret": "s3cr3t/+=&value",
}

lock = threading.Lock()
counts = {}
tokens = {"issued": [], "forms": [], "requests": 0}
refused_once = set()


def bump(path):
    with lock:
        counts[path] = counts.get(path, 0) + 1
        return counts[path]


def odata_error(code, message):
    return {"error": {"code": code, "message": message, "innererror": {"message": "inner " + message, "type": "Stub"}}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet: the tests read stdout for the port only
        pass

    def send(self, status, body=b"", headers=None, content_type="application/json;odata.metadata=minimal"):
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        elif isinstance(body, str):
            body = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("OData-Version", "4.0")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def handle_any(self):
        parsed = urllib.parse.urlsplit(self.path)
        path = parsed.path
        query = dict(urllib.parse.parse_qsl(parsed.query))
        body = self.read_body()
        if path == "/stats":
            with lock:
                self.send(200, {"counts": counts, "token_requests": tokens["requests"], "token_forms": tokens["forms"]})
            return
        n = bump(path)
        leaf = path.rstrip("/").rsplit("/", 1)[-1]
        safe = self.command == "GET" or "If-Match" in self.headers
        if leaf == "echo":
            self.send(200, {"method": self.command, "path": self.path,
                            "headers": {k: v for k, v in self.headers.items()},
                            "body": body.decode("utf-8", "replace")})
        elif leaf == "throttle429":
            if n == 1:
                self.send(429, odata_error("Throttled", "too many requests"), {"Retry-After": "1"})
            else:
                self.send(200, {"value": [{"CustomerAccount": "after-429"}]})
        elif leaf == "throttle429date":
            if n == 1:
                self.send(429, b"", {"Retry-After": email.utils.formatdate(time.time() + 1, usegmt=True)})
            else:
                self.send(200, {"value": [{"CustomerAccount": "after-429-date"}]})
        elif leaf == "unavailable503":
            if n <= 2 or not safe:
                self.send(503, "Service Unavailable", content_type="text/plain")
            else:
                self.send(200, {"value": [{"CustomerAccount": "after-503"}]})
        elif leaf == "always429":
            self.send(429, odata_error("Throttled", "still too many"), {"Retry-After": "1"})
        elif leaf == "error500":
            self.send(500, odata_error("E500", "Write failed for table row of type 'CustTable'"))
        elif leaf == "malformed":
            self.send(200, '{"value":[{"CustomerAccount":"A"},{"CustomerAccount":')
        elif leaf == "slow":
            time.sleep(int(query.get("ms", "1000")) / 1000)
            self.send(200, {"value": [{"CustomerAccount": "slow"}]})
        elif leaf == "pages":
            page = int(query.get("page", "0"))
            last = int(query.get("last", "5"))
            time.sleep(int(query.get("delay", "0")) / 1000)
            rows = [{"CustomerAccount": "C%04d" % (page * 3 + i)} for i in range(3)]
            answer = {"value": rows}
            if page == 0:
                answer["@odata.count"] = 3 * (last + 1)
            if page < last:
                nxt = dict(query, page=str(page + 1))
                answer["@odata.nextLink"] = "http://%s%s?%s" % (
                    self.headers.get("Host"), path, urllib.parse.urlencode(nxt))
            self.send(200, answer)
        elif leaf == "auth":
            auth = self.headers.get("Authorization", "")
            with lock:
                newest = tokens["issued"][-1] if tokens["issued"] else None
                token = auth[len("Bearer "):] if auth.startswith("Bearer ") else None
                refuse = token is None or token != newest
                if not refuse and query.get("revoke") == "1" and token == tokens["issued"][0] \
                        and token not in refused_once:
                    refused_once.add(token)
                    refuse = True
            if refuse:
                self.send(401, odata_error("", "Authorization failed"), {"WWW-Authenticate": "Bearer"})
            else:
                self.send(200, {"value": [{"CustomerAccount": "authorized"}], "token": token})
        elif leaf == "download":
            size = int(query.get("size", "1000000"))
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(size))
            self.end_headers()
            pattern = bytes(range(256)) * 256  # 64 KiB
            sent = 0
            while sent < size:
                chunk = pattern[: min(len(pattern), size - sent)]
                self.wfile.write(chunk)
                sent += len(chunk)
        elif leaf == "token":
            self.token(body, query)
        else:
            self.send(404, odata_error("NotFound", "no script for " + path))

    def token(self, body, query):
        form = dict(urllib.parse.parse_qsl(body.decode()))
        with lock:
            tokens["requests"] += 1
            tokens["forms"].append(form)
        time.sleep(int(query.get("delay", "0")) / 1000)
        problems = [k for k, v in EXPECTED_FORM.items() if form.get(k) != v]
        if self.headers.get("Content-Type", "").split(";")[0] != "application/x-www-form-urlencoded":
            problems.append("content-type")
        if not form.get("scope", "").endswith("/.default"):
            problems.append("scope")
        if self.command != "POST":
            problems.append("method")
        if problems:
            self.send(401, {"error": "invalid_client",
                            "error_description": "AADSTS7000215: Invalid request: " + ", ".join(problems)},
                      content_type="application/json")
            return
        with lock:
            token = "tok-%d" % (len(tokens["issued"]) + 1)
            tokens["issued"].append(token)
        self.send(200, {"token_type": "Bearer", "expires_in": int(query.get("expires_in", "3600")),
                        "access_token": token}, content_type="application/json")

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = do_HEAD = handle_any


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print("PORT %d" % server.server_address[1], flush=True)

    def watch_stdin():
        sys.stdin.read()
        server.shutdown()

    threading.Thread(target=watch_stdin, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
