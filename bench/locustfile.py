"""The users of bench/load.py (run by it through locust's command line; see there).

A mix per simulated visitor: public browsing (weight 6), searches (2) and event applications
through the public form (2: GET the form for its CSRF token, POST it with a unique phone number).
Each application answered 2xx is appended to $LOAD_RESULTS (one JSON line) so that load.py can
check afterwards that every one of them has exactly one row."""

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, events, task

EVENT = int(os.environ["LOAD_EVENT_ID"])
SESSIONS = [int(s) for s in os.environ["LOAD_SESSIONS"].split(",")]
RESIDENCE = os.environ["LOAD_RESIDENCE"]
ORGANISATIONS = [int(s) for s in os.environ.get("LOAD_ORGANISATIONS", "").split(",") if s]
RESULTS = open(os.environ["LOAD_RESULTS"], "a", encoding="utf-8")
NUMBERS = itertools.count(random.randrange(0, 50_000_000, 10_000))
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

BROWSE = ["/", "/shinjuku/", "/bunkyo/", "/events/", "/events/?municipality=shinjuku", "/directory/",
          "/windows/", "/news/", "/directory/?area=多摩"]
SEARCHES = ["/search/?q=家族会", "/search/?q=支援", "/search/?q=ふりーすぺーす", "/directory/?q=居場所",
            "/search/?q=相談"]


@events.quitting.add_listener
def _close(environment, **_kwargs):
    RESULTS.close()


class Visitor(HttpUser):
    wait_time = between(0.1, 0.5)

    @task(6)
    def browse(self):
        path = random.choice(BROWSE + [f"/directory/{pk}/" for pk in ORGANISATIONS[:5]])
        self.client.get(path, name="browse " + path.split("?")[0].rstrip("0123456789/") + "…")

    @task(2)
    def search(self):
        self.client.get(random.choice(SEARCHES), name="search")

    @task(2)
    def apply(self):
        page = f"/events/{EVENT}/"
        with self.client.get(page, name="apply: form", catch_response=True) as form:
            found = TOKEN.search(form.text or "")
            # Production marks the CSRF cookie Secure; on plain-HTTP loopback send it back by hand.
            csrf_cookie = form.cookies.get("csrftoken") or self.client.cookies.get("csrftoken")
            if form.status_code != 200 or not found or not csrf_cookie:
                form.failure(f"form: {form.status_code}")
                return
        n = next(NUMBERS)
        phone = f"080-{n // 10000 % 10000:04d}-{n % 10000:04d}"
        chosen = random.sample(SESSIONS, k=min(len(SESSIONS), random.randint(1, 3)))
        data = {"csrfmiddlewaretoken": found.group(1), "name": f"負荷 {n}", "name_kana": "ふか",
                "residence": RESIDENCE, "phone": phone, "email": "", "relation": "parent",
                "person_age": "28", "person_gender": "", "mode": "in_person"}
        data.update({f"preference_{rank}": pk for rank, pk in enumerate(chosen, 1)})
        with self.client.post(page, data=data, name="apply: POST", catch_response=True,
                              cookies={"csrftoken": csrf_cookie}, headers={"Referer": self.host + page}) as response:
            if 200 <= response.status_code < 300:
                thanked = "お申込みありがとうございます" in response.text
                RESULTS.write(json.dumps({"phone": phone, "status": response.status_code, "thanked": thanked}) + "\n")
                RESULTS.flush()
                if not thanked:  # 2xx without the thank-you page would hide a lost application
                    response.failure("2xx without the confirmation page")
            else:
                response.failure(f"HTTP {response.status_code}")
