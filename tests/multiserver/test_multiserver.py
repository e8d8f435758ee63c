"""The multi-server run (python -m tests.multiserver) as part of `make test` on PostgreSQL: two
app servers behind nginx, real processes, real users (tests/multiserver/run.py says what each
step checks). CI sets TSUNAGU_REQUIRE_MULTISERVER, so a missing nginx, redis-server or
moto_server fails there instead of being skipped."""

import os
import subprocess
import sys

import pytest
from django.db import connection

from .processes import ROOT, missing_programs

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="the multi-server run is part of the PostgreSQL pass; CI runs it there"),
]


def test_two_app_servers_behind_nginx_serve_every_user_as_one_site():
    missing = missing_programs()
    if missing and not os.environ.get("TSUNAGU_REQUIRE_MULTISERVER"):
        pytest.skip(f"not installed: {', '.join(missing)} (CI installs them)")
    assert not missing, f"the multi-server run needs: {', '.join(missing)}"

    run = subprocess.run([sys.executable, "-m", "tests.multiserver"], cwd=ROOT, capture_output=True, text=True,
                         timeout=900)
    print(run.stdout[-20000:])
    summary = run.stdout[run.stdout.rfind("== summary"):]
    assert run.returncode == 0, f"the multi-server run did not pass (exit {run.returncode}):\n{summary}\n{run.stderr[-3000:]}"
    assert "every step passed" in run.stdout
