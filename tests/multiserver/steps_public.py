"""Steps of the run about the public site and the shared state between app servers: health
answers, an event application made through one server and cancelled through the other (by the
link in the confirmation email the qclusters sent), a lock-out counted across both servers, and
a burst of applications while one app server stops."""

import json
import re
import threading
import time

import psycopg

from .browser import Browser

CANCEL_LINK = re.compile(r"(/events/cancel/[^\s/]+/)")
READY_PARTS = ("database", "cache", "storage", "private_storage", "queue")


def health_answers(ctx):
    live = Browser(ctx.front).get("/healthz")
    assert live.status_code == 200 and live.text.strip() == "ok", f"/healthz answered {live.status_code}"
    ready = Browser(ctx.front).get("/readyz")
    assert ready.status_code == 200, f"/readyz answered {ready.status_code}: {ready.text[:300]}"
    body = ready.json()
    named = json.dumps(body, ensure_ascii=False)
    missing = [part for part in READY_PARTS if part not in named]
    assert not missing, f"/readyz does not name {missing}: {named[:300]}"
    leaked = [name for name, value in ctx.secrets.items() if value in ready.text]
    assert not leaked, f"/readyz shows secrets: {leaked}"
    return f"/healthz ok; /readyz 200 naming {', '.join(READY_PARTS)}, no secrets"


def front_headers(ctx):
    """What nginx adds (deploy/nginx/tsunagu-proxy.conf): one HSTS header, a request id."""
    seen = []
    for path in ("/", "/media/anything.pdf"):
        response = Browser(ctx.front).get(path)
        hsts = [v for k, v in response.raw.headers.items() if k.lower() == "strict-transport-security"]
        assert len(hsts) == 1 and "max-age=31536000" in hsts[0], f"{path}: HSTS headers {hsts}"
        assert response.headers.get("X-Request-ID"), f"{path}: no X-Request-ID"
        seen.append(f"{path} {response.status_code}")
    return f"one HSTS header and an X-Request-ID on every answer ({', '.join(seen)})"


def application_form(ctx, n, email):
    return {"name": f"複数 太郎{n}", "name_kana": "ふくすう たろう", "residence": ctx.seed["residence"],
            "phone": f"090-8888-{n:04d}", "email": email, "relation": "parent", "person_age": "30",
            "person_gender": "", "mode": "in_person", "preference_1": ctx.seed["session"]}


def applications(ctx, email_like):
    with psycopg.connect(ctx.database_url) as conn:
        return conn.execute("select email, status from training_application where event_id = %s and email like %s",
                            (ctx.seed["event"], email_like)).fetchall()


def wait_for_mail(ctx, recipient, subject_part, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = [m for m in ctx.mailbox.to(recipient) if subject_part in m[0]]
        if found:
            return found
        time.sleep(0.3)
    raise AssertionError(f"no email '{subject_part}' to {recipient} within {seconds}s "
                         f"(it has {[s for s, _ in ctx.mailbox.to(recipient)]})")


def application_cancelled_through_the_other_server(ctx):
    visitor = Browser(ctx.front, "an applicant")
    email = "multi-cancel@example.jp"
    page = f"/events/{ctx.seed['event']}/"
    visitor.get(page)
    applied = visitor.post(page, application_form(ctx, 1, email))
    assert applied.status_code == 200, f"the application answered {applied.status_code}"
    assert applications(ctx, email) == [(email, "confirmed")], applications(ctx, email)
    first = applied.served_by
    other = next(name for name in ctx.server_names if name != first)
    (_subject, body), = wait_for_mail(ctx, email, "確定")
    link = CANCEL_LINK.search(body)
    assert link, f"no cancellation link in the confirmation: {body[:300]}"
    visitor.land_next_on(other)
    shown = visitor.get(link.group(1))
    assert shown.status_code == 200 and shown.served_by == other, (shown.status_code, shown.served_by)
    visitor.land_next_on(other)
    cancelled = visitor.post(link.group(1))
    assert cancelled.status_code == 200 and cancelled.served_by == other, (cancelled.status_code, cancelled.served_by)
    assert applications(ctx, email) == [(email, "cancelled")], applications(ctx, email)
    wait_for_mail(ctx, email, "キャンセルしました")
    time.sleep(3)  # both qclusters have had time to send anything twice
    sent = [subject for subject, _ in ctx.mailbox.to(email)]
    assert len(sent) == 2, f"expected one confirmation and one cancellation email, got {sent}"
    return (f"applied through {first}, cancelled through {other} by the emailed link; "
            f"emails: {len(sent)} (one each, from two qclusters)")


def wrong_passwords_lock_the_account_on_both_servers(ctx):
    person = ctx.seed["users"]["locked_out"]
    intruder = Browser(ctx.front, "someone guessing")
    intruder.get("/admin/login/")
    tried = []
    for _ in range(5):
        response = intruder.post("/admin/login/", {"username": person["username"], "password": "wrong-" + "x" * 12,
                                                   "next": "/admin/"})
        assert response.status_code != 302, "a wrong password signed in"
        tried.append(response.served_by)
    assert set(tried) == set(ctx.server_names), f"the five attempts did not reach both servers: {tried}"
    refused = []
    for server in ctx.server_names:
        owner = Browser(ctx.front, "the account's owner")
        owner.get("/admin/login/")
        owner.land_next_on(server, probe="/admin/login/")
        response = owner.post("/admin/login/", {"username": person["username"], "password": person["password"],
                                                "next": "/admin/"})
        assert response.status_code != 302, f"the right password still signed in through {response.served_by}"
        refused.append(f"{response.status_code} via {response.served_by}")
    return (f"5 wrong passwords ({tried.count(ctx.server_names[0])} via {ctx.server_names[0]}, "
            f"{tried.count(ctx.server_names[1])} via {ctx.server_names[1]}); then the right one is refused: "
            + ", ".join(refused))


def burst_survives_a_server_stopping(ctx, size=40, spread=2.0):
    people = [Browser(ctx.front, f"applicant {n}") for n in range(size)]
    page = f"/events/{ctx.seed['event']}/"
    for browser in people:
        browser.get(page)
    results = [None] * size
    error_pages = {}
    done = threading.Semaphore(0)
    start = threading.Barrier(size + 1)

    def apply(n):
        start.wait()
        time.sleep(n * spread / size)  # a burst over `spread` seconds: some arrive after the stop
        try:
            response = people[n].post(page, application_form(ctx, 100 + n, f"burst{n}@example.jp"))
            results[n] = (response.status_code, response.headers.get("X-Served-By", ""))
            if response.status_code != 200:
                error_pages[n] = response.text
        except Exception as error:  # noqa: BLE001 (a dropped connection is an outcome to count)
            results[n] = (type(error).__name__, "")
        done.release()

    threads = [threading.Thread(target=apply, args=(n,)) for n in range(size)]
    for thread in threads:
        thread.start()
    start.wait()
    for _ in range(size // 5):
        done.acquire()
    stopped = ctx.server_names[-1]
    took = ctx.processes.stop(ctx.apps[stopped])  # SIGTERM: gunicorn finishes what it has started
    for thread in threads:
        thread.join()
    rows = applications(ctx, "burst%@example.jp")
    per_email = {}
    for email, _status in rows:
        per_email[email] = per_email.get(email, 0) + 1
    ok = {f"burst{n}@example.jp" for n, (status, _) in enumerate(results) if status == 200}
    doubled = {email for email, count in per_email.items() if count > 1}
    lost = ok - set(per_email)
    unseen = set(per_email) - ok  # saved, but the applicant was shown an error
    assert not doubled, f"applications saved twice: {sorted(doubled)}"
    assert not lost, f"applications answered as accepted but not saved: {sorted(lost)}"
    assert not unseen, f"applications saved though the applicant saw an error: {sorted(unseen)}"
    untranslated = [n for n, page in error_pages.items() if "しばらくしてから" not in page]
    assert not untranslated, f"error pages not in Japanese: {[error_pages[n][:200] for n in untranslated]}"
    retried = sum(1 for _, upstream in results if "," in upstream)
    errors = [status for status, _ in results if status != 200]
    ctx.burst_ok = ok
    return (f"{size} applications within {spread:.0f}s, {stopped} stopped (SIGTERM, {took:.1f}s) after {size // 5} answers: "
            f"{len(ok)} accepted = {len(rows)} rows, none twice; {len(errors)} shown the Japanese 'try again' page "
            f"({errors}) and saved nothing; "
            f"{retried} moved by nginx to the other server before reaching one")


def every_burst_confirmation_sent_once(ctx):
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        waiting = [e for e in ctx.burst_ok if not ctx.mailbox.to(e)]
        if not waiting:
            break
        time.sleep(0.5)
    time.sleep(3)
    counts = {email: len(ctx.mailbox.to(email)) for email in ctx.burst_ok}
    wrong = {email: count for email, count in counts.items() if count != 1}
    assert not wrong, f"confirmations not sent exactly once: {wrong}"
    return f"{len(counts)} confirmations, each sent exactly once by the two qclusters"
