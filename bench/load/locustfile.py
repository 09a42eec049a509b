"""The load mix of issue 12, for ``bench.load.run`` (locust, headless, closed loop, no think time).

The plan (``LOAD_PLAN``, written by ``bench.load.prepare``) holds the URLs: every group page,
the sub-network pages, ≥200 directory query strings shared by the page and the API, suggest
prefixes, site-search words and the members' session keys.

- ``Anonymous``: the issue's weights (home 10, sub-network 10, news 5, group 20, /members/ 25,
  directory API 15, suggest 10, site search 5).
- ``Member``: the same weights with a member's session cookie (logged in once, by prepare).
- ``DirectoryApi`` / ``DatabaseDirectory``: the directory API alone, and the same query strings
  through Wagtail's database backend (``bench.load.dbdirectory``), for the ratio.

Besides locust's own CSV, each run writes ``LOAD_EXTRA`` (JSON: X-Cache values and fallback
answers per endpoint) and, when ``LOAD_LOG`` is set (the fault runs), one CSV line per request:
wall time, endpoint, status, milliseconds, whether the answer was the database fallback,
whether it carried Retry-After.
"""

import csv
import itertools
import json
import os
import random
import time
from collections import Counter, defaultdict
from pathlib import Path

from locust import FastHttpUser, constant, events, task

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text()) if os.environ.get("LOAD_PLAN") else {}
# What marks the database fallback (search.fallback) in an answer.
FALLBACK_MARKS = {
    "members": b'<p class="notice" role="status">',
    "api": b'"search_unavailable": true',
}
cache_seen: dict[str, Counter] = defaultdict(Counter)
fallbacks: Counter = Counter()
_log = None
_sessions = itertools.cycle(PLAN.get("sessions") or [""])


@events.test_start.add_listener
def _open_log(environment, **kwargs):
    global _log
    if os.environ.get("LOAD_LOG"):
        # Open for the whole run; line-buffered so a run stopped by a signal keeps its lines.
        handle = open(os.environ["LOAD_LOG"], "w", newline="", buffering=1)  # noqa: SIM115
        _log = (handle, csv.writer(handle))


@events.request.add_listener
def _observe(request_type, name, response_time, response_length, response=None, **kwargs):
    status = getattr(response, "status_code", 0) or 0
    cache_seen[name][
        (response.headers.get("X-Cache") if response is not None else None) or "-"
    ] += 1
    fallback = False
    mark = FALLBACK_MARKS.get(name)
    if mark and status == 200 and response is not None:
        fallback = mark in (response.content or b"")
        fallbacks[name] += fallback
    if _log:
        retry_after = response is not None and bool(response.headers.get("Retry-After"))
        _log[1].writerow(
            [f"{time.time():.3f}", name, status, f"{response_time:.1f}", int(fallback),
             int(retry_after)]
        )  # fmt: skip


@events.test_stop.add_listener
def _write_extra(environment, **kwargs):
    if _log:
        _log[0].close()
    if os.environ.get("LOAD_EXTRA"):
        with open(os.environ["LOAD_EXTRA"], "w") as handle:
            json.dump({"x_cache": cache_seen, "fallbacks": fallbacks}, handle)


class Visitor(FastHttpUser):
    abstract = True
    wait_time = constant(0)  # closed loop: the next request leaves when the answer arrives
    tier = "anonymous"
    headers: dict[str, str] = {}

    def get(self, url: str, name: str):
        # 5xx and 4xx count as errors (locust's default); a fault run reads the log instead.
        self.client.get(url, name=name, headers=self.headers)

    @task(10)
    def home(self):
        self.get(random.choice(PLAN["home"]), "home")

    @task(10)
    def subnetwork(self):
        self.get(random.choice(PLAN["subnetwork"]), "subnetwork")

    @task(5)
    def news(self):
        self.get(random.choice(PLAN["news"]), "news")

    @task(20)
    def group(self):
        self.get(random.choice(PLAN["group"][self.tier]), "group")

    @task(25)
    def members(self):
        self.get(f"/members/?{random.choice(PLAN['directory'])}", "members")

    @task(15)
    def api(self):
        self.get(f"/api/v1/members/?{random.choice(PLAN['directory'])}", "api")

    @task(10)
    def suggest(self):
        self.get(f"/api/v1/suggest/?{random.choice(PLAN['suggest'])}", "suggest")

    @task(5)
    def search(self):
        self.get(f"/search/?{random.choice(PLAN['search'])}", "search")


class Anonymous(Visitor):
    pass


class Member(Visitor):
    tier = "member"

    def on_start(self):
        # Each user holds one member's session (see bench.load.prepare) for its whole run.
        self.headers = {"Cookie": f"{PLAN['session_cookie']}={next(_sessions)}"}
        with self.client.get("/members/", name="login check", headers=self.headers,
                             catch_response=True) as response:  # fmt: skip
            if b'action="/accounts/logout/"' not in (response.content or b""):
                response.failure("the member session is not logged in")


class DirectoryApi(FastHttpUser):
    wait_time = constant(0)

    @task
    def api(self):
        self.client.get(f"/api/v1/members/?{random.choice(PLAN['directory'])}", name="api")


class DatabaseDirectory(FastHttpUser):
    wait_time = constant(0)

    @task
    def db(self):
        self.client.get(f"/bench/db-directory/?{random.choice(PLAN['directory'])}", name="db")
