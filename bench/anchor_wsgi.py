"""Tsunagu's WSGI application as bench/anchor.py serves it: cms.wsgi unchanged (production
settings, start-up checks), with two bench-only additions made before the first request.

- The static-file ceiling. In production nginx serves /static/ and gunicorn never does, so the
  ceiling is measured on one small file of STATIC_ROOT that this wrapper answers itself, before
  Django, in the same gunicorn workers (TSUNAGU_BENCH_CEILING, default /static/cms/site.css).
- The page cache switched off for the uncached series: TSUNAGU_BENCH_PAGE_CACHE=off sets the
  setting named by TSUNAGU_BENCH_CACHE_SETTING (default TSUNAGU_PAGE_CACHE) to False. A branch
  without that setting is unaffected."""

import mimetypes
import os
from pathlib import Path

from django.conf import settings

from cms.wsgi import application as tsunagu

CEILING = os.environ.get("TSUNAGU_BENCH_CEILING", "/static/cms/site.css")
if os.environ.get("TSUNAGU_BENCH_PAGE_CACHE") == "off":
    setattr(settings, os.environ.get("TSUNAGU_BENCH_CACHE_SETTING", "TSUNAGU_PAGE_CACHE"), False)

_file = Path(settings.STATIC_ROOT) / CEILING.removeprefix(settings.STATIC_URL)
_type = mimetypes.guess_type(str(_file))[0] or "application/octet-stream"


def application(environ, start_response):
    if environ.get("PATH_INFO") != CEILING:
        return tsunagu(environ, start_response)
    with open(_file, "rb") as handle:  # read per request, as a file server would
        body = handle.read()
    start_response("200 OK", [("Content-Type", _type), ("Content-Length", str(len(body))),
                              ("Cache-Control", "public, max-age=31536000")])
    return [body]
