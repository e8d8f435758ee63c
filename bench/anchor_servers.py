"""The two gunicorns of bench/anchor.py, started alike (2 sync workers on a free loopback port),
and the plain HTTP fetches around the timed runs (warm-up, bytes, status)."""

import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

GUNICORN = ["--workers", "2", "--worker-class", "sync", "--log-level", "warning"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def quote(path):
    """The path as wrk and urllib need it: non-ASCII query values percent-encoded."""
    return urllib.parse.quote(path, safe="/?=&%")


def fetch(url, timeout=60):
    """(status, body bytes, headers) of one GET; errors as their status, never raised."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return answer.status, len(answer.read()), dict(answer.headers)
    except urllib.error.HTTPError as error:
        return error.code, len(error.read()), dict(error.headers)


class Server:
    def __init__(self, name, command, cwd, env, log):
        self.name, self.command, self.cwd, self.env, self.log = name, command, cwd, env, log
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.drain_path = "/"

    def start(self):
        self.process = subprocess.Popen([*self.command, *GUNICORN, "--bind", f"127.0.0.1:{self.port}"],
                                        cwd=self.cwd, env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(300):
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name}: gunicorn exited ({self.process.returncode}); see {self.log.name}")
            try:
                fetch(self.base + "/")
                return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise SystemExit(f"{self.name}: gunicorn did not answer within 60 s; see {self.log.name}")

    def url(self, path):
        return self.base + quote(path)

    def warm(self, path, times):
        """Warm-up requests; returns the last one's (status, bytes, headers)."""
        answer = None
        for _ in range(max(1, times)):
            answer = fetch(self.url(path))
        return answer

    def drain(self):
        """Returns once the workers have answered every request already queued (one more request
        waits behind them)."""
        try:
            for _ in range(2):  # one per worker
                fetch(self.url(self.drain_path), timeout=900)
        except OSError as error:
            print(f"   WARNING: {self.name} still busy after the run ({error})", flush=True)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
