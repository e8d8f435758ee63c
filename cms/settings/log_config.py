"""LOGGING for every environment (docs/deployment.md, "Logs").

`tsunagu.requests` writes one JSON line per request to stdout, in every environment, and does not
propagate (the line is the record). Everything else goes to stderr: readable text in development
and tests, one JSON object per line in production, so a log collector parses all of it."""


def logging_config(level, json_everywhere=False):
    other = "json" if json_everywhere else "text"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {"()": "cms.ops.json_log.JsonFormatter"},
            "text": {"format": "%(message)s"},
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": other},
            "requests": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout",
                         "formatter": "json"},
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.server": {"level": "INFO"},
            "django_q": {"level": "INFO"},
            "tsunagu": {"level": "INFO"},
            "tsunagu.requests": {"handlers": ["requests"], "level": "INFO", "propagate": False},
        },
    }
