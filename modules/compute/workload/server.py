#!/usr/bin/env python3
"""Default workload of the elastic web tier: a small HTTP service using only what Amazon
Linux 2023 ships (python3), so a fresh deploy answers through the load balancer.

  GET  /         200, JSON with this instance's id and private IP (read through IMDSv2)
  GET  /health   200 "ok": the load balancer's health check
  POST /stress   202 at once, then burns every CPU for ?seconds=N (default 120, capped),
                 so scaling on CPU can be watched; 404 when STRESS_ENABLED is not 1
  GET  /stress   200, JSON: whether a burn is running and how long it has left

Configured by environment: APP_PORT, APP_BIND, IMDS_ENDPOINT, STRESS_ENABLED,
STRESS_DEFAULT_SECONDS, STRESS_MAX_SECONDS, STRESS_WORKERS (default: one per CPU).
"""
import json
import multiprocessing
import os
import socket
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

PORT = int(os.environ.get("APP_PORT", "5000"))
BIND = os.environ.get("APP_BIND", "0.0.0.0")
IMDS = os.environ.get("IMDS_ENDPOINT", "http://169.254.169.254").rstrip("/")
STRESS_ENABLED = os.environ.get("STRESS_ENABLED", "1") == "1"
STRESS_DEFAULT = int(os.environ.get("STRESS_DEFAULT_SECONDS", "120"))
STRESS_MAX = int(os.environ.get("STRESS_MAX_SECONDS", "600"))
STRESS_WORKERS = int(os.environ.get("STRESS_WORKERS", "0")) or os.cpu_count() or 1

_identity = None
_identity_lock = threading.Lock()
_burn_lock = threading.Lock()
_burn_until = 0.0


def imds(path, token):
    request = urllib.request.Request(f"{IMDS}/latest/meta-data/{path}", headers={"X-aws-ec2-metadata-token": token})
    with urllib.request.urlopen(request, timeout=2) as response:
        return response.read().decode()


def identity():
    """Instance id and private IP through IMDSv2 (a session token first), cached once known."""
    global _identity
    with _identity_lock:
        if _identity is None:
            try:
                token_request = urllib.request.Request(
                    f"{IMDS}/latest/api/token",
                    method="PUT",
                    headers={"X-aws-ec2-metadata-token-ttl-seconds": "300"},
                )
                with urllib.request.urlopen(token_request, timeout=2) as response:
                    token = response.read().decode()
                _identity = {"instance_id": imds("instance-id", token), "private_ip": imds("local-ipv4", token)}
            except OSError:
                # Off EC2 (or metadata unreachable): answer anyway, and try again next time.
                return {"instance_id": "unknown", "private_ip": socket.gethostbyname(socket.gethostname())}
        return _identity


def _burn(until):
    while time.time() < until:
        pass


def start_burn(seconds):
    """Burns the CPUs until now + seconds in child processes that end by themselves."""
    global _burn_until
    with _burn_lock:
        _burn_until = max(_burn_until, time.time() + seconds)
        until = _burn_until
        workers = [multiprocessing.Process(target=_burn, args=(until,), daemon=True) for _ in range(STRESS_WORKERS)]
        for worker in workers:
            worker.start()
    # Reap the children so none is left as a zombie.
    threading.Thread(target=lambda: [w.join() for w in workers], daemon=True).start()
    return len(workers)


def burn_status():
    left = max(0.0, _burn_until - time.time())
    return {"running": left > 0, "seconds_left": round(left, 1)}


class Handler(BaseHTTPRequestHandler):
    server_version = "webtier/1"

    def _send(self, status, body, content_type="application/json"):
        data = (json.dumps(body) if content_type == "application/json" else body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        path = urlparse(self.path).path
        if path == "/":
            self._send(200, identity())
        elif path == "/health":
            self._send(200, "ok\n", "text/plain")
        elif path == "/stress" and STRESS_ENABLED:
            self._send(200, burn_status())
        else:
            self._send(404, {"error": "not found"})

    def do_POST(self):
        url = urlparse(self.path)
        if url.path != "/stress" or not STRESS_ENABLED:
            self._send(404, {"error": "not found"})
            return
        try:
            asked = int(parse_qs(url.query).get("seconds", [STRESS_DEFAULT])[0])
        except ValueError:
            self._send(400, {"error": "seconds must be a whole number"})
            return
        seconds = max(1, min(asked, STRESS_MAX))
        workers = start_burn(seconds)
        self._send(202, {"seconds": seconds, "workers": workers})

    def log_message(self, fmt, *args):
        # One line per request on stdout: journald keeps it.
        print(f"{self.address_string()} {fmt % args}", flush=True)


def main():
    server = ThreadingHTTPServer((BIND, PORT), Handler)
    server.daemon_threads = True
    print(f"listening on {BIND}:{PORT}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
