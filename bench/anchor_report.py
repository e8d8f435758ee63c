"""Turning bench/anchor.py's wrk runs into its tables (pure functions, tested in
tests/test_bench_anchor.py)."""

import statistics
from collections import defaultdict


def round_means(runs, label):
    """{round: mean req/s of the runs labelled `label` in that round}."""
    by_round = defaultdict(list)
    for run in runs:
        if run["label"] == label:
            by_round[run["round"]].append(run["rps"])
    return {number: statistics.fmean(values) for number, values in by_round.items()}


def summarise(runs, reference, labels):
    """One row per label: medians over the rounds of req/s, p50, p99 and of the ratio of req/s to
    the reference label's mean req/s in the same round; also the range of req/s and the requests
    and errors summed over the rounds."""
    references = round_means(runs, reference)
    rows = []
    for label in labels:
        mine = [run for run in runs if run["label"] == label]
        if not mine:
            continue
        ratios = [run["rps"] / references[run["round"]] for run in mine if references.get(run["round"])]
        rows.append({"label": label, "rps": statistics.median(r["rps"] for r in mine),
                     "rps_min": min(r["rps"] for r in mine), "rps_max": max(r["rps"] for r in mine),
                     "p50": statistics.median(r["p50_ms"] for r in mine),
                     "p99": statistics.median(r["p99_ms"] for r in mine),
                     "requests": sum(r["requests"] for r in mine), "errors": sum(r["errors"] for r in mine),
                     "ratio": statistics.median(ratios) if ratios else None})
    return rows


def number(value, digits=1):
    if value is None:
        return "–"
    if value >= 1000:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def table(headers, rows):
    """A Markdown table (columns after the first right-aligned), so it can go into docs as it is."""
    cells = [[str(c) for c in row] for row in rows]
    widths = [max(len(str(h)), *(len(row[i]) for row in cells)) if cells else len(str(h))
              for i, h in enumerate(headers)]
    def line(values):
        return "| " + " | ".join(v.ljust(w) if i == 0 else v.rjust(w)
                                 for i, (v, w) in enumerate(zip(values, widths))) + " |"
    rule = "|" + "|".join("-" * (w + 1) + (":" if i else "-") for i, w in enumerate(widths)) + "|"
    return "\n".join([line([str(h) for h in headers]), rule, *(line(row) for row in cells)])


def page_rows(summary, extra, ratio_digits=2):
    """Table rows for summarise()'s output; `extra[label]` gives (queries, bytes) text."""
    rows = []
    for row in summary:
        queries, size = extra.get(row["label"], ("–", "–"))
        spread = f"{number(row['rps_min'])}–{number(row['rps_max'])}" if row["rps_min"] != row["rps_max"] else ""
        rows.append([row["label"], number(row["rps"]), spread, number(row["p50"], 0), number(row["p99"], 0),
                     queries, size, row["requests"], row["errors"],
                     "–" if row["ratio"] is None else f"{row['ratio']:.{ratio_digits}f}×"])
    return rows


HEADERS = ["page", "req/s", "range", "p50 ms", "p99 ms", "queries", "bytes", "requests", "errors"]
