"""The multi-server run (issue 17): the reference deployment on loopback with real processes,
walked through as real users. `python -m tests.multiserver` or `make multiserver`; run by
tests/multiserver/test_multiserver.py in `make test` on PostgreSQL."""
