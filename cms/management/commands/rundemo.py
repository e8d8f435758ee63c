"""Run the web server and a qcluster together; Ctrl-C (or SIGTERM) stops both."""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand

from tenants.demo_guard import refuse_unless_demo_allowed

# django-q2 #346: a cluster can hang after "stopping"; give it this long, then kill it.
STOP_TIMEOUT = 10


class Command(BaseCommand):
    help = "Run the development web server and a django-q2 cluster together (the demo)."

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000")

    def handle(self, *args, addr, **options):
        refuse_unless_demo_allowed()
        python = sys.executable
        # Each child leads its own process group: qcluster forks workers, and stopping must
        # reach them too, or they outlive the demo.
        processes = [
            subprocess.Popen([python, "manage.py", "qcluster"], start_new_session=True),
            subprocess.Popen([python, "manage.py", "runserver", addr, "--noreload"],
                             start_new_session=True),
        ]
        self.stdout.write(f"つなぐ demo: http://{addr}/  (admin: http://{addr}/admin/) — Ctrl-C で停止")

        def stop(*_):
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            while all(p.poll() is None for p in processes):
                time.sleep(0.5)
            self.stderr.write("A demo process ended; stopping the others.")
        except KeyboardInterrupt:
            pass
        finally:
            self._stop(processes)

    def _stop(self, processes):
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut this short
        for process in processes:
            _signal_group(process, signal.SIGINT)
        deadline = time.monotonic() + STOP_TIMEOUT
        for process in processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            _signal_group(process, signal.SIGKILL)  # stragglers: hung cluster or its workers
            process.wait()
        self.stdout.write("stopped.")


def _signal_group(process, signum):
    try:
        os.killpg(process.pid, signum)
    except ProcessLookupError:
        pass
