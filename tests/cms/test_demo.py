"""README command 1: demo content, one user per role, and the real demo processes."""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from cms.demo import DEMO_PASSWORD, DEMO_USERS, load_demo
from tenants import access
from tenants.roles import Role

ROOT = Path(__file__).resolve().parents[2]


def test_load_demo_is_idempotent_and_creates_one_user_per_role(db):
    first = load_demo()
    second = load_demo()
    assert first["total_pages"] == second["total_pages"]
    users = {user.username: user for user in second["users"]}
    assert len(users) == len(DEMO_USERS)
    assert access.is_metro_coordinator(users["tokyo"])
    assert [m.slug for m in access.municipalities_for(users["shinjuku"])] == ["shinjuku"]
    assert [m.slug for m in access.municipalities_for(users["bunkyo"])] == ["bunkyo"]
    assert access.has_role(users["partner"], Role.PARTNER_EDITOR)
    assert access.has_role(users["expert"], Role.PROFESSIONAL)
    # Two Shinjuku case reviews, once: the member is named on both; Tokyo and Bunkyo see neither.
    assert first["cases"] == 2 and second["cases"] == 0
    assert access.case_reviews_for(users["shinjuku-member"]).count() == 2
    assert access.case_reviews_for(users["shinjuku"]).count() == 2
    assert not access.case_reviews_for(users["tokyo"]).exists() and not access.case_reviews_for(users["bunkyo"]).exists()
    assert access.referrals_for(users["bunkyo"]).count() == 1  # the referral to 文京区's centre


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {seconds}s")


@pytest.mark.slow
def test_demo_command_serves_the_portal_and_stops_on_ctrl_c(tmp_path):
    """The steps of `make demo` after the install, on a fresh SQLite database in tmp_path."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(TSUNAGU_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="cms.settings.dev")

    def manage(*args):
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout

    manage("migrate", "--noinput")
    manage("bootstrap_tokyo")
    out = manage("load_demo")
    assert "shinjuku" in out and DEMO_PASSWORD in out

    port = free_port()
    log = open(tmp_path / "demo.log", "w+")
    demo = subprocess.Popen([sys.executable, "manage.py", "rundemo", "--addr", f"127.0.0.1:{port}"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(base + "/") == 200
        with urllib.request.urlopen(base + "/") as response:
            assert "東京都ひきこもりサポートネット" in response.read().decode()
        slugs = re.findall(r"^\d+,[^,]+,[^,]+,[^,]+,([a-z-]+),",
                           (ROOT / "tenants/data/tokyo_municipalities.csv").read_text(), re.M)
        assert len(slugs) == 62
        for slug in slugs:
            with urllib.request.urlopen(f"{base}/{slug}/") as response:
                assert response.status == 200, slug

        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        login = opener.open(base + "/admin/login/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login).group(1)
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": "shinjuku",
                                       "password": DEMO_PASSWORD, "next": "/admin/"}).encode()
        request = urllib.request.Request(base + "/admin/login/", data=data,
                                         headers={"Referer": base + "/admin/login/"})
        with opener.open(request) as response:
            assert response.url.endswith("/admin/") and "ダッシュボード" in response.read().decode()
        with opener.open(base + "/admin/pages/") as response:  # the explorer opens at 新宿区
            assert "新宿区" in response.read().decode() and "/admin/pages/" in response.url
    finally:
        os.killpg(demo.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        try:
            demo.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(demo.pid, signal.SIGKILL)
            raise
    log.seek(0)
    output = log.read()
    assert "stopped." in output, output[-2000:]
    # Both children are gone: nothing listens on the port any more.
    with pytest.raises(OSError):
        urllib.request.urlopen(base + "/", timeout=2)
    time.sleep(1)
    leftovers = subprocess.run(["pgrep", "-f", f"runserver 127.0.0.1:{port}"], capture_output=True)
    assert leftovers.stdout == b""
