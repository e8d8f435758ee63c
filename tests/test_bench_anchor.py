"""bench/anchor.py's pure parts: reading wrk's output and turning runs into ratios (no network)."""

import pytest

from bench import anchor_report, anchor_wrk

SAMPLE = """Running 2s test @ http://127.0.0.1:18777/x.txt
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.95ms   14.02ms 213.75ms   98.63%
    Req/Sec   664.17    191.39     1.08k    65.00%
  Latency Distribution
     50%    2.91ms
     75%    6.66ms
     90%   10.56ms
     99%   44.21ms
  2659 requests in 2.01s, 495.97KB read
Requests/sec:   1322.53
Transfer/sec:    246.68KB
"""

SLOW_WITH_ERRORS = """Running 10s test @ http://127.0.0.1:8000/windows/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.85s   320.10ms   2.90s    70.00%
    Req/Sec     0.50      0.71     2.00     80.00%
  Latency Distribution
     50%    1.79s
     75%    2.01s
     90%    2.40s
     99%    2.90s
  40 requests in 10.02s, 63.80MB read
  Socket errors: connect 0, read 1, write 0, timeout 3
  Non-2xx or 3xx responses: 2
Requests/sec:      3.99
Transfer/sec:      6.37MB
"""


def test_parse_reads_the_figures_of_a_real_wrk_run():
    result = anchor_wrk.parse(SAMPLE)
    assert (result.requests, result.rps, result.p50_ms, result.p99_ms, result.errors) == (2659, 1322.53, 2.91, 44.21, 0)
    assert result.seconds == pytest.approx(2.01)
    assert result.bytes_read == round(495.97 * 1024)


def test_parse_converts_seconds_and_counts_socket_errors_and_bad_statuses():
    result = anchor_wrk.parse(SLOW_WITH_ERRORS)
    assert (result.p50_ms, result.p99_ms) == (1790.0, 2900.0)
    assert result.errors == 6
    assert result.bytes_read == round(63.80 * 1024 ** 2)


def test_units():
    assert anchor_wrk.duration_ms("850.00us") == pytest.approx(0.85)
    assert anchor_wrk.duration_ms("1.50m") == 90_000
    with pytest.raises(ValueError):
        anchor_wrk.duration_ms("fast")
    with pytest.raises(ValueError):
        anchor_wrk.parse("unable to connect to 127.0.0.1:1 Connection refused")


def test_ratio_is_to_the_reference_of_the_same_round():
    runs = [{"round": 1, "label": "ref", "rps": 10.0, "p50_ms": 1, "p99_ms": 2, "requests": 100, "errors": 0},
            {"round": 1, "label": "ref", "rps": 30.0, "p50_ms": 1, "p99_ms": 2, "requests": 300, "errors": 0},
            {"round": 1, "label": "page", "rps": 60.0, "p50_ms": 5, "p99_ms": 9, "requests": 600, "errors": 0},
            {"round": 2, "label": "ref", "rps": 40.0, "p50_ms": 1, "p99_ms": 2, "requests": 400, "errors": 0},
            {"round": 2, "label": "page", "rps": 40.0, "p50_ms": 7, "p99_ms": 11, "requests": 400, "errors": 1}]
    page = {row["label"]: row for row in anchor_report.summarise(runs, "ref", ["page", "missing"])}
    assert list(page) == ["page"]
    # round 1: 60 / mean(10, 30) = 3.0; round 2: 40 / 40 = 1.0; median 2.0
    assert page["page"]["ratio"] == 2.0
    assert (page["page"]["rps"], page["page"]["p50"], page["page"]["errors"]) == (50.0, 6, 1)
    table = anchor_report.table(["page", "x"], [["home", "1.0"]])
    assert table.splitlines()[1] == "|------|----:|"
