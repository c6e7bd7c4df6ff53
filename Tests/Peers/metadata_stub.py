#!/usr/bin/env python3
"""A scripted $metadata server with an Entra ID-like token endpoint, for `odata-generator fetch-metadata` tests.

Listens on 127.0.0.1, port 0 (a free port) unless --port is given, prints "PORT <n>" on its first stdout line,
and serves until killed or until its stdin closes (so it never outlives the test that started it).

The first path segment names a scenario, so each test uses its own service root
(http://127.0.0.1:<port>/<scenario>/data/) and its own counters. Every $metadata request must send
`Accept: application/xml` (else 406).

  /<s>/data/$metadata with <s> =
    open         200, the --csdl document (Content-Length), no authentication
    auth         401 (OData error body) unless "Authorization: Bearer <t>" names a token /token issued
    bearer       401 unless "Authorization: Bearer static-token-42"
    flaky        first request 503 with Retry-After: 0 and a text body, then like `auth`
    die          headers with the full Content-Length, half the body, then the connection is closed
    diechunked   chunked transfer, half the body, then the connection is closed without the last chunk
    chunked      200, chunked transfer (no Content-Length)
    slow-<ms>    200, the body in 4 KiB chunks, <ms> milliseconds apart
    broken       200, the --csdl document with the Name attribute of its first <Property> misspelt (an error)
    notfound     404 with an OData error body
  POST /token    checks the form (grant_type, client_id, client_secret, scope) and issues tok-<n>
  /stats         JSON: {"counts": {path: n}, "token_forms": [...], "authorizations": {path: [...]}}
"""

import argparse
import json
import socket
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CLIENT_ID = "fetch-client-id"
CLIENT_SECRET = "f3tch-s3cr3t/+=&value"
STATIC_TOKEN = "static-token-42"

lock = threading.Lock()
state = {"counts": {}, "token_forms": [], "issued": [], "authorizations": {}}
documents = {}


def odata_error(code, message):
    return json.dumps({"error": {"code": code, "message": message}}).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    expected_scope = None

    def log_message(self, fmt, *args):
        pass

    def send(self, status, body=b"", content_type="application/json", headers=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def abort(self):
        self.wfile.flush()
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if urllib.parse.urlsplit(self.path).path != "/token":
            self.send(404, odata_error("NotFound", "POST only to /token"))
            return
        form = dict(urllib.parse.parse_qsl(body.decode()))
        with lock:
            state["token_forms"].append(form)
        problems = []
        if form.get("grant_type") != "client_credentials":
            problems.append("grant_type")
        if form.get("client_id") != CLIENT_ID:
            problems.append("client_id")
        if form.get("client_secret") != CLIENT_SECRET:
            problems.append("client_secret")
        if self.expected_scope is not None and form.get("scope") != self.expected_scope:
            problems.append("scope")
        if self.headers.get("Content-Type", "").split(";")[0] != "application/x-www-form-urlencoded":
            problems.append("content-type")
        if problems:
            answer = {"error": "invalid_client", "error_description": "AADSTS7000215: wrong " + ", ".join(problems)}
            self.send(401, json.dumps(answer).encode())
            return
        with lock:
            token = "tok-%d" % (len(state["issued"]) + 1)
            state["issued"].append(token)
        self.send(200, json.dumps({"token_type": "Bearer", "expires_in": 3600, "access_token": token}).encode())

    def do_GET(self):
        parsed = urllib.parse.urlsplit(self.path)
        path = parsed.path
        if path == "/stats":
            with lock:
                self.send(200, json.dumps({"counts": state["counts"], "token_forms": state["token_forms"],
                                           "authorizations": state["authorizations"]}).encode())
            return
        with lock:
            n = state["counts"][path] = state["counts"].get(path, 0) + 1
            state["authorizations"].setdefault(path, []).append(self.headers.get("Authorization", ""))
        parts = path.strip("/").split("/")
        if len(parts) != 3 or parts[1:] != ["data", "$metadata"]:
            self.send(404, odata_error("", "No resource at " + path))
            return
        scenario = parts[0]
        if "application/xml" not in self.headers.get("Accept", ""):
            self.send(406, odata_error("", "Accept application/xml for $metadata"))
            return
        auth = self.headers.get("Authorization", "")
        token = auth[len("Bearer "):] if auth.startswith("Bearer ") else None
        document = documents["good"]
        if scenario == "flaky" and n == 1:
            self.send(503, b"Service Unavailable", "text/plain", {"Retry-After": "0"})
        elif scenario in ("auth", "flaky") and (token is None or token not in state["issued"]):
            self.send(401, odata_error("", "Authorization failed for the request"), headers={"WWW-Authenticate": "Bearer"})
        elif scenario == "bearer" and token != STATIC_TOKEN:
            self.send(401, odata_error("", "Authorization failed for the request"), headers={"WWW-Authenticate": "Bearer"})
        elif scenario in ("open", "auth", "flaky", "bearer"):
            self.send(200, document, "application/xml")
        elif scenario == "broken":
            self.send(200, documents["broken"], "application/xml")
        elif scenario == "notfound":
            self.send(404, odata_error("", "No route data found for the request /data/$metadata"))
        elif scenario == "die":
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(document)))
            self.end_headers()
            self.wfile.write(document[: len(document) // 2])
            self.abort()
        elif scenario in ("chunked", "diechunked") or scenario.startswith("slow-"):
            slow = scenario.startswith("slow-")
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            if slow:
                self.send_header("Content-Length", str(len(document)))
            else:
                self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            size = 4096
            limit = len(document) // 2 if scenario == "diechunked" else len(document)
            delay = int(scenario[len("slow-"):]) / 1000 if slow else 0
            try:
                for start in range(0, limit, size):
                    chunk = document[start:min(start + size, limit)]
                    if slow:
                        self.wfile.write(chunk)
                    else:
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    self.wfile.flush()
                    if delay:
                        time.sleep(delay)
                if scenario == "diechunked":
                    self.abort()
                elif scenario == "chunked":
                    self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True
        else:
            self.send(404, odata_error("", "no scenario " + scenario))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--csdl", required=True, help="the $metadata document to serve")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--scope", default=None, help="the scope /token expects (default: any)")
    args = parser.parse_args()
    with open(args.csdl, "rb") as f:
        good = f.read()
    broken = good.replace(b'<Property Name="', b'<Property Nom="', 1)
    if broken == good:
        print("error: %s has no <Property Name=...> to break" % args.csdl, file=sys.stderr)
        return 2
    documents["good"] = good
    documents["broken"] = broken
    Handler.expected_scope = args.scope
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print("PORT %d" % server.server_address[1], flush=True)

    def watch_stdin():
        sys.stdin.read()
        server.shutdown()

    threading.Thread(target=watch_stdin, daemon=True).start()
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
