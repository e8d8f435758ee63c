"""Run the web server and a qcluster together; Ctrl-C (or SIGTERM) stops both."""

import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand

# django-q2 #346: a cluster can hang after "stopping"; give it this long, then kill it.
STOP_TIMEOUT = 10


class Command(BaseCommand):
    help = "Run the development web server and a django-q2 cluster together (the demo)."

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000")

    def handle(self, *args, addr, **options):
        python = sys.executable
        processes = [
            subprocess.Popen([python, "manage.py", "qcluster"]),
            subprocess.Popen([python, "manage.py", "runserver", addr, "--noreload"]),
        ]
        self.stdout.write(f"つなぐ demo: http://{addr}/  (admin: http://{addr}/admin/) — Ctrl-C で停止")

        def stop(*_):
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, stop)
        try:
            while all(p.poll() is None for p in processes):
                time.sleep(0.5)
            self.stderr.write("A demo process ended; stopping the others.")
        except KeyboardInterrupt:
            pass
        finally:
            self._stop(processes)

    def _stop(self, processes):
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        deadline = time.monotonic() + STOP_TIMEOUT
        for process in processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.stdout.write("stopped.")
