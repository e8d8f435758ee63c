"""One JSON object per log line, for log collectors (docs/deployment.md, "Logs")."""

import datetime
import json
import logging


class JsonFormatter(logging.Formatter):
    """time, level, logger, message, and a record's `fields` (the request log's) at the top level.
    A traceback, when there is one, goes in `exception` (still on the one line)."""

    def format(self, record):
        line = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.timezone.utc)
            .isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update(getattr(record, "fields", None) or {})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)
