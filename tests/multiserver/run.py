"""Start the whole reference deployment on loopback and walk through it as real users:
  python -m tests.multiserver [--keep]      (make multiserver)
PostgreSQL, redis-server, moto's S3 server (standing in for the object storage), an SMTP mailbox,
two gunicorn app servers under production settings, each with its own local directories, two
qclusters, and nginx round-robin in front. Prints each step with what it saw; exits 0 only when
every step passed, 2 when a program is missing."""

import json
import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path
from types import SimpleNamespace

import boto3
from cryptography.fernet import Fernet

from . import processes as proc
from . import steps_cache as page_cache
from . import steps_documents as documents
from . import steps_public as public
from .browser import Front
from .front import write_certificate, write_nginx
from .mailbox import Mailbox

SERVERS = ("app-a", "app-b")

# (title, step, steps it needs). A step whose needs failed is reported, not run.
STEPS = [
    ("health: /healthz and /readyz through nginx", public.health_answers, ()),
    ("nginx's headers: HSTS once, X-Request-ID", public.front_headers, ()),
    ("a Shinjuku coordinator signs in (password + authenticator code)", documents.coordinator_signs_in, ()),
    ("the coordinator uploads a members-only document", documents.coordinator_uploads_members_only_document,
     ("coordinator_signs_in",)),
    ("the upload is in the shared private storage, not on an app server's disk",
     documents.document_is_in_shared_private_storage, ("coordinator_uploads_members_only_document",)),
    ("a Shinjuku platform member downloads it through the other app server",
     documents.member_downloads_through_the_other_server, ("coordinator_uploads_members_only_document",)),
    ("the public and Bunkyo's coordinator are refused", documents.outsiders_are_refused,
     ("coordinator_uploads_members_only_document",)),
    ("the document's storage URLs are not reachable", documents.storage_urls_are_not_reachable,
     ("coordinator_uploads_members_only_document",)),
    ("a page published in a third process shows through both servers' shared page cache",
     page_cache.page_publish_shows_on_both_servers, ()),
    ("a window the coordinator publishes shows through both servers' shared page cache",
     page_cache.window_change_shows_on_both_servers, ("coordinator_signs_in",)),
    ("a public application made through one server is cancelled through the other",
     public.application_cancelled_through_the_other_server, ()),
    ("five wrong passwords over both servers lock the account",
     public.wrong_passwords_lock_the_account_on_both_servers, ()),
    ("requests landed on both app servers", lambda ctx: landed_on_both(ctx), ()),
    ("a burst of 40 applications while one app server stops", public.burst_survives_a_server_stopping, ()),
    ("every accepted application's confirmation is sent exactly once", public.every_burst_confirmation_sent_once,
     ("burst_survives_a_server_stopping",)),
]


def landed_on_both(ctx):
    landed = dict(ctx.front.landed)
    assert all(landed.get(name) for name in SERVERS), f"requests did not reach both servers: {landed}"
    return ", ".join(f"{name}: {count} requests" for name, count in sorted(landed.items()))


def say(text=""):
    print(text, flush=True)


def environment(work, database_url, redis_url, s3, mail_port, base_url, ca_file):
    """What every app process gets (the env contract of docs/deployment.md); per-server
    directories are added by server_environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TSUNAGU_", "DJANGO_", "PYTEST"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "cms.settings.production", "PYTHONUNBUFFERED": "1",
        "DATABASE_URL": database_url, "SECRET_KEY": "multiserver-" + os.urandom(32).hex(),
        "TSUNAGU_CASE_KEYS": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": "localhost,127.0.0.1", "CSRF_TRUSTED_ORIGINS": base_url,
        "WAGTAILADMIN_BASE_URL": base_url, "TSUNAGU_PROXY_COUNT": "1",
        # The burst step sends 40 applications from one address to measure the queue while a server
        # stops, not the rate limit (tests/trust/test_public_form_limits.py proves the limit).
        "TSUNAGU_RATE_LIMITS": json.dumps({"event_apply": [None, 1000, 3600]}),
        # SMTP with STARTTLS, as to a real relay; the mailbox's certificate is the one trusted CA.
        "EMAIL_HOST": "localhost", "EMAIL_PORT": str(mail_port), "EMAIL_HOST_USER": "tsunagu",
        "EMAIL_HOST_PASSWORD": "mailbox-" + os.urandom(8).hex(), "EMAIL_USE_TLS": "true",
        "SSL_CERT_FILE": str(ca_file),
        "TSUNAGU_STORAGE": "s3", "TSUNAGU_S3_ENDPOINT_URL": s3["endpoint"], "TSUNAGU_S3_REGION": s3["region"],
        "TSUNAGU_S3_ACCESS_KEY_ID": s3["key"], "TSUNAGU_S3_SECRET_ACCESS_KEY": s3["secret"],
        "TSUNAGU_S3_BUCKET": s3["public_bucket"], "TSUNAGU_S3_PRIVATE_BUCKET": s3["private_bucket"],
        "TSUNAGU_APP_SERVERS": str(len(SERVERS)), "REDIS_URL": redis_url, "LOG_LEVEL": "INFO",
    })
    for name in ("DEBUG", "SECURE_SSL_REDIRECT", "TSUNAGU_REQUIRE_2FA"):
        env.pop(name, None)
    return env


def server_environment(env, work, name):
    var = work / name
    dirs = {"TSUNAGU_VAR_DIR": var, "MEDIA_ROOT": var / "media", "PRIVATE_MEDIA_ROOT": var / "private",
            "STATIC_ROOT": var / "static"}
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    return {**env, **{key: str(path) for key, path in dirs.items()}}, [var]


def make_buckets(s3):
    client = boto3.client("s3", endpoint_url=s3["endpoint"], region_name=s3["region"],
                          aws_access_key_id=s3["key"], aws_secret_access_key=s3["secret"])
    where = {"LocationConstraint": s3["region"]}
    client.create_bucket(Bucket=s3["public_bucket"], ACL="public-read", CreateBucketConfiguration=where)
    client.create_bucket(Bucket=s3["private_bucket"], ACL="private", CreateBucketConfiguration=where)


def run_steps(ctx):
    results, passed = [], set()
    for number, (title, step, needs) in enumerate(STEPS, 1):
        say(f"== {number:2d}. {title}")
        name = getattr(step, "__name__", "")
        unmet = [need for need in needs if need not in passed]
        started = time.monotonic()
        if unmet:
            outcome, detail = "NOT RUN", f"needs {', '.join(unmet)}"
        else:
            try:
                detail = step(ctx)
                outcome = "PASS"
                passed.add(name)
            except Exception as error:  # noqa: BLE001 (every failure is reported, then the next step runs)
                outcome = "FAIL"
                detail = f"{type(error).__name__}: {error}" if not isinstance(error, AssertionError) else str(error)
                if not isinstance(error, AssertionError):
                    traceback.print_exc(file=sys.stdout)
        say(f"   {outcome} ({time.monotonic() - started:.1f}s): {detail}")
        results.append((outcome, title))
    return results


def main(argv=()):
    missing = proc.missing_programs()
    if missing:
        say("cannot start the multi-server run; missing: " + ", ".join(missing))
        say("複数サーバー試験を開始できません。不足: " + ", ".join(missing))
        return 2
    keep = "--keep" in argv
    work = Path(tempfile.mkdtemp(prefix="tsunagu-multi-"))
    processes = proc.Processes(work / "logs")
    postgres = proc.Postgres()
    ca_file = write_certificate(work / "tls")
    mailbox = Mailbox(work / "tls")
    ok = False
    try:
        say(f"== starting on loopback (work directory {work})")
        postgres.start()
        redis_url = proc.start_redis(processes, work)
        s3 = {"endpoint": proc.start_s3(processes), "region": "ap-northeast-1", "key": "tsunagu-test-key",
              "secret": "s3-" + os.urandom(12).hex(), "public_bucket": "tsunagu-public",
              "private_bucket": "tsunagu-private"}
        make_buckets(s3)
        nginx_port = proc.free_port()
        base_url = f"https://localhost:{nginx_port}"
        env = environment(work, postgres.url(), redis_url, s3, mailbox.port, base_url, ca_file)
        say(f"   PostgreSQL (socket, port {postgres.port}), redis-server {redis_url}, moto S3 {s3['endpoint']}, "
            f"SMTP mailbox :{mailbox.port}")
        setup_env, _dirs = server_environment(env, work, "setup")
        started = time.monotonic()
        proc.manage(setup_env, "migrate", "--noinput")
        proc.manage(setup_env, "bootstrap_tokyo")
        seed = proc.run_seed(setup_env)
        say(f"   migrate, bootstrap_tokyo and the run's people and event: {time.monotonic() - started:.0f}s")

        ports, apps, local_dirs = {}, {}, []
        for name in SERVERS:
            server_env, dirs = server_environment(env, work, name)
            local_dirs += dirs
            ports[name] = proc.free_port()
            apps[name] = proc.start_gunicorn(processes, name, server_env, ports[name])
            proc.start_qcluster(processes, f"qcluster-{name}", server_env)
        write_nginx(work / "nginx", nginx_port, list(ports.values()), work / "tls")
        proc.start_nginx(processes, work / "nginx")
        proc.wait_for_port(nginx_port, 20, "nginx")
        say(f"   gunicorn {', '.join(f'{n} :{p}' for n, p in ports.items())} (2 workers each, own directories); "
            f"2 qclusters; nginx {base_url} round-robin")

        front = Front(base_url, ca_file, {f"127.0.0.1:{p}": n for n, p in ports.items()})
        ctx = SimpleNamespace(front=front, seed=seed, database_url=postgres.url(), s3=s3, mailbox=mailbox,
                              server_names=list(SERVERS), apps=apps, setup_env=setup_env, processes=processes, local_dirs=local_dirs,
                              secrets={k: env[k] for k in ("SECRET_KEY", "TSUNAGU_CASE_KEYS", "EMAIL_HOST_PASSWORD",
                                                           "TSUNAGU_S3_SECRET_ACCESS_KEY")})
        results = run_steps(ctx)
        say("== summary")
        for outcome, title in results:
            say(f"   {outcome:8s} {title}")
        ok = all(outcome == "PASS" for outcome, _ in results)
        say(f"== {'every step passed' if ok else 'some steps did not pass'}: "
            f"{sum(o == 'PASS' for o, _ in results)}/{len(results)}")
        if not ok:
            for name in (*SERVERS, "nginx"):
                say(f"-- last lines of {name}'s log\n{processes.log_tail(name, 15)}")
    finally:
        processes.stop_all()
        postgres.remove()
        mailbox.shutdown()
        if keep or not ok:
            say(f"   logs kept in {work / 'logs'}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1
