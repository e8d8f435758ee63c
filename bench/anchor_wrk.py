"""Running Debian's wrk and reading its output (`wrk --latency`), for bench/anchor.py.

The parsing functions are pure (tests/test_bench_anchor.py feeds them real wrk output)."""

import re
import shutil
import subprocess
from dataclasses import dataclass

INSTALL_HINT = "wrk is missing: apt-get install -y wrk (Debian's package; https://github.com/wg/wrk)"
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
SIZES = {"B": 1, "KB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3, "TB": 1024 ** 4}


@dataclass
class WrkResult:
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int  # socket errors (connect, read, write, timeout) plus non-2xx/3xx answers
    bytes_read: int


def duration_ms(text):
    """'2.91ms' → 2.91; '1.02s' → 1020.0; '850.00us' → 0.85."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * UNITS[match.group(2)]


def size_bytes(text):
    """'495.97KB' → 507873; '1.36MB' → 1426063; '512B' → 512."""
    match = re.fullmatch(r"([\d.]+)(B|KB|MB|GB|TB)", text.strip())
    if not match:
        raise ValueError(f"not a wrk size: {text!r}")
    return round(float(match.group(1)) * SIZES[match.group(2)])


def parse(output):
    """The figures of one `wrk --latency` run."""
    def find(pattern):
        match = re.search(pattern, output, re.MULTILINE)
        if not match:
            raise ValueError(f"wrk output without {pattern!r}:\n{output}")
        return match

    total = find(r"^\s*(\d+) requests in ([\d.]+\w+), ([\d.]+\w+) read")
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = (sum(int(n) for n in sockets.groups()) if sockets else 0) + (int(non_2xx.group(1)) if non_2xx else 0)
    return WrkResult(requests=int(total.group(1)), seconds=duration_ms(total.group(2)) / 1000,
                     rps=float(find(r"^Requests/sec:\s+([\d.]+)").group(1)),
                     p50_ms=duration_ms(find(r"^\s+50%\s+(\S+)").group(1)),
                     p99_ms=duration_ms(find(r"^\s+99%\s+(\S+)").group(1)),
                     errors=errors, bytes_read=size_bytes(total.group(3)))


def command(url, seconds, connections=8, threads=2, timeout=2):
    threads = min(threads, connections)
    return ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", f"--timeout={timeout}s", "--latency", url]


def run(url, seconds, connections=8, threads=2, timeout=2):
    if not shutil.which("wrk"):
        raise SystemExit(INSTALL_HINT)
    done = subprocess.run(command(url, seconds, connections, threads, timeout), capture_output=True, text=True,
                          timeout=seconds + timeout + 60)
    if done.returncode:
        raise SystemExit(f"wrk failed on {url}: {done.stderr.strip() or done.stdout.strip()}")
    return parse(done.stdout)
