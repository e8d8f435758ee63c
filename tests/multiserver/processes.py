"""The real processes of the multi-server run, each on a free loopback port with its own log:
a throwaway PostgreSQL cluster, redis-server, moto's S3 server, gunicorn app servers, qclusters
and nginx. Nothing here knows what Tsunagu does; run.py wires them together."""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = ROOT / ".venv" / "bin"


class Missing(RuntimeError):
    """A program the run needs is not installed (the message names the Debian or PyPI package)."""


def pg_bin():
    for d in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (d / "pg_ctl").exists() and (d / "initdb").exists():
            return d
    found = shutil.which("pg_ctl")
    return Path(found).parent if found else None


def program(name, package):
    found = shutil.which(name, path=f"{VENV_BIN}:/usr/sbin:/usr/bin:{os.environ.get('PATH', '')}")
    if not found:
        raise Missing(f"{name} not found: install {package}")
    return found


def missing_programs():
    """What is not installed, as install hints (empty when the run can start)."""
    wanted = [("nginx", "Debian's nginx"), ("redis-server", "Debian's redis-server"),
              ("moto_server", "moto[server] (pip, the test extra)"), ("gunicorn", "gunicorn (pip)")]
    hints = [package for name, package in wanted if not _has(name)]
    if pg_bin() is None:
        hints.append("Debian's postgresql")
    return hints


def _has(name):
    try:
        program(name, "")
        return True
    except Missing:
        return False


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, seconds, what, process=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode} before listening on {port}")
        with socket.socket() as sock:
            sock.settimeout(0.5)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not listen on port {port} within {seconds}s")


class Processes:
    """Started processes, stopped in reverse order (each in its own process group)."""

    def __init__(self, log_dir):
        self.log_dir = Path(log_dir)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.running = []

    def start(self, name, args, env=None, cwd=ROOT):
        log = open(self.log_dir / f"{name}.log", "w")
        process = subprocess.Popen(args, cwd=cwd, env=env or os.environ.copy(), stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        process.name = name
        self.running.append(process)
        return process

    def log_tail(self, name, lines=30):
        path = self.log_dir / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    @staticmethod
    def stop(process, sig=signal.SIGTERM, timeout=20):
        """`sig` to the process group, then SIGKILL after `timeout` (django-q2 #346: a cluster can
        hang while stopping). Returns how long it took."""
        started = time.monotonic()
        if process.poll() is None:
            try:
                os.killpg(process.pid, sig)
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                pass
            finally:
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                process.wait()
        return time.monotonic() - started

    def stop_all(self):
        for process in reversed(self.running):
            self.stop(process, timeout=10)
        self.running.clear()


class Postgres:
    """A PostgreSQL cluster of our own in a temporary directory, listening on a Unix socket only;
    run as the `postgres` user when we are root (initdb refuses root)."""

    def __init__(self):
        self.bin = pg_bin()
        if self.bin is None:
            raise Missing("PostgreSQL's server binaries not found: install Debian's postgresql")
        self.dir = Path(tempfile.mkdtemp(prefix="tsunagu-multi-pg."))
        self.port = free_port()
        if os.getuid() == 0:
            shutil.chown(self.dir, "postgres")

    def _pg(self, tool, *args):
        command = [str(self.bin / tool), *args]
        if os.getuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self):
        self._pg("initdb", "-D", str(self.dir / "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                 "--locale=C.UTF-8")
        self._pg("pg_ctl", "-D", str(self.dir / "data"), "-l", str(self.dir / "log"), "-w", "start",
                 "-o", f"-k {self.dir} -p {self.port} -c listen_addresses='' -c fsync=off "
                       "-c synchronous_commit=off -c max_connections=200")
        self._pg("createdb", "-h", str(self.dir), "-p", str(self.port), "-U", "postgres", "tsunagu")

    def url(self, name="tsunagu"):
        return f"postgresql://postgres@/{name}?host={self.dir}&port={self.port}"

    def remove(self):
        try:
            self._pg("pg_ctl", "-D", str(self.dir / "data"), "-m", "immediate", "-w", "stop")
        except (subprocess.CalledProcessError, FileNotFoundError):
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


def start_redis(processes, work):
    port = free_port()
    process = processes.start("redis", [program("redis-server", "Debian's redis-server"), "--port", str(port),
                                        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                                        "--dir", str(work)])
    wait_for_port(port, 20, "redis-server", process)
    return f"redis://127.0.0.1:{port}/0"


def start_s3(processes):
    """moto's standalone S3-protocol server: stands in for the deployment's object storage."""
    port = free_port()
    process = processes.start("s3", [program("moto_server", "moto[server]"), "-H", "127.0.0.1", "-p", str(port)])
    wait_for_port(port, 30, "moto_server", process)
    return f"http://127.0.0.1:{port}"


def start_gunicorn(processes, name, env, port):
    args = [program("gunicorn", "gunicorn"), "cms.wsgi:application", "--bind", f"127.0.0.1:{port}",
            "--workers", "2", "--threads", "4", "--graceful-timeout", "20", "--timeout", "60",
            "--access-logfile", "-", "--error-logfile", "-",
            # gunicorn 27's control socket defaults to one path per user: two servers would share it.
            "--no-control-socket"]
    process = processes.start(name, args, env=env)
    wait_for_port(port, 60, f"gunicorn {name}", process)
    return process


def start_qcluster(processes, name, env):
    return processes.start(name, [str(VENV_BIN / "python"), "manage.py", "qcluster"], env=env)


def start_nginx(processes, conf_dir):
    """Debian's nginx as a foreground process with its own prefix (temp files, pid, logs)."""
    nginx = program("nginx", "Debian's nginx")
    test = subprocess.run([nginx, "-t", "-p", str(conf_dir), "-c", str(conf_dir / "nginx.conf")],
                          capture_output=True, text=True)
    if test.returncode != 0:
        raise RuntimeError(f"nginx refused its configuration:\n{test.stderr}")
    return processes.start("nginx", [nginx, "-p", str(conf_dir), "-c", str(conf_dir / "nginx.conf"),
                                     "-g", "daemon off;"])


def manage(env, *args, timeout=600):
    """A manage.py command in its own process; raises with its output when it fails."""
    result = subprocess.run([str(VENV_BIN / "python"), "manage.py", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result.stdout


def run_seed(env):
    """tests/multiserver/seed.py in its own process; returns what it wrote (ids, people)."""
    import json

    result = subprocess.run([str(VENV_BIN / "python"), "-m", "tests.multiserver.seed"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"the seed step failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])
