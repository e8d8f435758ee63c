"""Preparing the two sides of bench/anchor.py, each reused when already prepared (a marker file
in the scratch folder says so):

- Wagtail's bakerydemo snapshot (../shared/anchors/): unpacked in the scratch folder, with its own
  venv, its SQLite database, its initial data and collectstatic. Nothing of it enters Tsunagu.
- Tsunagu: national-scale data (bench/generate_national.py) on PostgreSQL (DATABASE_URL, or a
  cluster kept in the scratch folder and stopped after the run), collectstatic into the scratch
  folder, and a Redis server for the cache as in production (or the database cache with
  --no-redis)."""

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_PORT = 54331
BAKERY_STATIC = "/static/css/main.css"


def say(message):
    print(f"-- {message}", flush=True)


def run(command, log, **kwargs):
    log.write(f"$ {' '.join(map(str, command))}\n")
    log.flush()
    done = subprocess.run([str(c) for c in command], stdout=log, stderr=subprocess.STDOUT, **kwargs)
    if done.returncode:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(map(str, command))}; see {log.name}")


def anchors_dir():
    for candidate in (os.environ.get("TSUNAGU_ANCHORS"), ROOT.parent / "shared" / "anchors", "/work/shared/anchors"):
        if candidate and (Path(candidate) / "bakerydemo.tar.gz").exists():
            return Path(candidate)
    raise SystemExit("bakerydemo.tar.gz not found: set TSUNAGU_ANCHORS to the folder holding it")


def bakery_env(scratch):
    """Only what bakerydemo needs: Tsunagu's DATABASE_URL or REDIS_URL must never reach it."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"),
            "LANG": "C.UTF-8", "DJANGO_SETTINGS_MODULE": "bakerydemo.settings.production",
            "DJANGO_SECRET_KEY": "bench-only-bakerydemo-" + "p4Wm!r8#Tq2@" * 4,
            "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1", "SECURE_SSL_REDIRECT": "False",
            "SECURE_HSTS_SECONDS": "0", "DJANGO_LOG_LEVEL": "WARNING",
            "DATABASE_URL": f"sqlite:///{scratch / 'bakerydemo' / 'bakerydemodb'}"}


def prepare_bakerydemo(scratch, log):
    """Returns (checkout folder, its venv's bin folder, its environment)."""
    anchors = anchors_dir()
    checkout, venv = scratch / "bakerydemo", scratch / "bakerydemo-venv"
    if not (checkout / "manage.py").exists():
        say(f"unpacking bakerydemo into {checkout}")
        run(["tar", "-xzf", anchors / "bakerydemo.tar.gz", "-C", scratch], log)
    if not (venv / "bin" / "gunicorn").exists():
        say(f"creating bakerydemo's venv in {venv} (pip install, a few minutes)")
        run([sys.executable, "-m", "venv", venv], log)
        run([venv / "bin" / "pip", "install", "-q", "-r", anchors / "bakerydemo-requirements-py311.txt"], log)
    env = bakery_env(scratch)
    marker = scratch / "bakerydemo.prepared"
    if not marker.exists():
        say("bakerydemo: migrate, load_initial_data, collectstatic")
        for step in (["migrate", "--noinput"], ["load_initial_data"], ["collectstatic", "--noinput"]):
            run([venv / "bin" / "python", "manage.py", *step], log, cwd=checkout, env=env)
        marker.write_text(time.strftime("%Y-%m-%d %H:%M:%S\n"))
    return checkout, venv / "bin", env


def _pg_bin():
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / "pg_ctl").exists():
            return folder
    if shutil.which("pg_ctl"):
        return Path(shutil.which("pg_ctl")).parent
    raise SystemExit("PostgreSQL is not installed (apt-get install postgresql), or set DATABASE_URL")


def _as_pg(command):
    command = [str(c) for c in command]
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class Cluster:
    """A PostgreSQL cluster kept in the scratch folder (Unix socket only), started for the run."""

    def __init__(self, scratch, log):
        self.folder, self.log, self.bin = scratch / "postgresql", log, _pg_bin()
        self.url = f"postgresql://postgres@/tsunagu?host={self.folder}&port={PG_PORT}"

    def start(self):
        fresh = not (self.folder / "data" / "PG_VERSION").exists()
        if fresh:
            self.folder.mkdir(parents=True, exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(self.folder, "postgres")
            run(_as_pg([self.bin / "initdb", "-D", self.folder / "data", "-A", "trust", "-U", "postgres",
                        "-E", "UTF8", "--locale=C.UTF-8"]), self.log)
        run(_as_pg([self.bin / "pg_ctl", "-D", self.folder / "data", "-l", self.folder / "log", "-w", "start",
                    "-o", f"-k {self.folder} -p {PG_PORT} -c listen_addresses='' -c max_connections=100"]), self.log)
        if fresh:
            run(_as_pg([self.bin / "createdb", "-h", self.folder, "-p", PG_PORT, "-U", "postgres", "tsunagu"]),
                self.log)
        return self.url

    def stop(self):
        subprocess.run(_as_pg([self.bin / "pg_ctl", "-D", self.folder / "data", "-m", "fast", "-w", "stop"]),
                       stdout=self.log, stderr=subprocess.STDOUT)


class Redis:
    """A redis-server without persistence on a Unix socket in the scratch folder."""

    def __init__(self, scratch, log):
        self.socket, self.log, self.process = scratch / "redis.sock", log, None

    def start(self):
        if not shutil.which("redis-server"):
            raise SystemExit("redis-server is missing (apt-get install -y redis-server), or use --no-redis")
        self.process = subprocess.Popen(["redis-server", "--port", "0", "--unixsocket", str(self.socket),
                                         "--save", "", "--appendonly", "no"], stdout=self.log,
                                        stderr=subprocess.STDOUT)
        for _ in range(50):
            if self.socket.exists():
                return f"unix://{self.socket}"
            time.sleep(0.1)
        raise SystemExit("redis-server did not start")

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)


def prepare_tsunagu(scratch, database_url, env, log, scale):
    """Generates the national data once per database, and collects Tsunagu's static files."""
    tag = hashlib.sha256(database_url.encode()).hexdigest()[:12]
    marker = scratch / f"tsunagu-data-{tag}.prepared"
    python = ROOT / ".venv" / "bin" / "python"
    if not marker.exists():
        say(f"Tsunagu: bench/generate_national.py --scale {scale} on PostgreSQL (once; several minutes)")
        run([python, ROOT / "bench" / "generate_national.py", "--scale", scale], log, cwd=ROOT,
            env={**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"})
        marker.write_text(f"scale {scale}\n")
    else:
        # Data generated by an older checkout: bring its schema up to this one's migrations.
        say("Tsunagu: migrate the prepared database")
        run([python, "manage.py", "migrate", "--noinput", "-v", "0"], log, cwd=ROOT,
            env={**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"})
    if not (Path(env["STATIC_ROOT"]) / "cms").exists():
        say("Tsunagu: collectstatic")
        run([python, "manage.py", "collectstatic", "--noinput", "-v", "0"], log, cwd=ROOT, env=env)
