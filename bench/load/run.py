"""Load and fault runs of issue 12: ``make loadtest`` and ``make loadtest-faults``.

    python -m bench.load.run            # the load scenarios at 1× and 100×
    python -m bench.load.run faults     # Elasticsearch killed, frozen; PostgreSQL restarted

The stack (``bench.load.stack``): a private PostgreSQL and Redis, gunicorn with production
settings over loopback HTTP (``bench.load.settings``), and the machine's Elasticsearch under the
run's own index prefix (a private node for the fault runs, which kill it). Locust runs headless
on the same cores with closed-loop users (no think time); its CPU counts against the result.

Environment (defaults in brackets):
  LOAD_DURATION [60]  seconds per scenario       LOAD_WORKERS [4]    gunicorn workers
  LOAD_SCENARIOS      scale:mix:users,… [1:anonymous:10,1:anonymous:50,1:member:50,1:api:50,
                      1:db:50,100:anonymous:50,100:api:50,100:db:50]
                      mixes: anonymous, member, api (directory API only), db (the same query
                      strings through Wagtail's database backend, bench.load.dbdirectory)
  LOAD_HOME [/var/tmp/tsunagaru-load]  PostgreSQL data (the 100× database is kept), static files
  LOAD_PG_PORT [55432]  LOAD_REDIS_PORT [56379]  LOAD_ES_PORT [59200] (fault runs)
  LOAD_WARMUP [10] seconds of unrecorded traffic after gunicorn starts
  LOAD_FAULT_USERS [20]  LOAD_PG_DOWN [5]  LOAD_FAULTS [es-kill,es-freeze,pg-restart]
  LOAD_LABEL [<commit>-<time>]  LOAD_RESULTS [bench/results/<label>]
Raw locust CSVs and a summary.md go to the results folder; the summary is also printed.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bench.load.stack import ROOT, Elasticsearch, Gunicorn, Postgres, Redis, site_env

MIXES = {"anonymous": "Anonymous", "member": "Member", "api": "DirectoryApi",
         "db": "DatabaseDirectory"}  # fmt: skip
DEFAULT_SCENARIOS = (
    "1:anonymous:10,1:anonymous:50,1:member:50,1:api:50,1:db:50,"
    "100:anonymous:50,100:api:50,100:db:50"
)
# Issue 12's targets on this 2-core machine: (req/s at least, p95 ms at most).
TARGETS = {(1, "anonymous", 50): (300, 400), (1, "member", 50): (60, 1500),
           (100, "api", 50): (120, 800)}  # fmt: skip
LOCUST = str(Path(sys.executable).parent / "locust")
LOCUSTFILE = str(ROOT / "bench" / "load" / "locustfile.py")


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def commit() -> str:
    out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                         text=True, check=False)  # fmt: skip
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           capture_output=True, text=True, check=False).stdout.strip()  # fmt: skip
    return (out.stdout.strip() or "unknown") + ("-dirty" if dirty else "")


@dataclass
class Scenario:
    scale: int
    mix: str
    users: int

    @property
    def name(self) -> str:
        return f"{self.scale}x-{self.mix}-{self.users}"


def parse_scenarios(text: str) -> list[Scenario]:
    scenarios = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        scale, mix, users = item.split(":")
        if mix not in MIXES:
            raise SystemExit(f"unknown mix {mix!r} in LOAD_SCENARIOS (one of {', '.join(MIXES)})")
        scenarios.append(Scenario(int(scale), mix, int(users)))
    return scenarios


class Stack:
    """PostgreSQL and Redis for the whole run; per scale a database, its data and gunicorn."""

    def __init__(self, results: Path, *, es: Elasticsearch | None = None) -> None:
        self.home = Path(os.environ.get("LOAD_HOME") or "/var/tmp/tsunagaru-load")
        self.results = results
        self.pg = Postgres(self.home, env_int("LOAD_PG_PORT", 55432))
        self.redis = Redis(env_int("LOAD_REDIS_PORT", 56379))
        self.es = es
        self.gunicorn: Gunicorn | None = None
        self.plan: dict = {}

    def __enter__(self) -> Stack:
        log("starting PostgreSQL (private cluster) and Redis")
        self.pg.start()
        self.redis.start()
        if self.es:
            log(f"starting a private Elasticsearch on {self.es.url}")
            self.es.start()
        return self

    def __exit__(self, *exc) -> None:
        for stop in (
            self.stop_site,
            self.redis.stop,
            self.pg.stop,
            *([self.es.stop] if self.es else []),
        ):
            try:
                stop()
            except Exception as error:  # keep stopping the rest
                log(f"while stopping: {error}")

    def serve(self, scale: int) -> None:
        """Prepare ``scale``'s data and index, then (re)start gunicorn on it."""
        self.stop_site()
        database = "tsunagaru_load" if scale == 1 else f"tsunagaru_load_{scale}x"
        self.pg.create_database(database)
        env = site_env(
            database_url=self.pg.url(database),
            elasticsearch_url=self.es.url if self.es else os.environ.get(
                "ELASTICSEARCH_URL", "http://127.0.0.1:9200"),
            prefix=f"tsunagaru-load-{scale}x",
            cache_url=self.redis.url,
            static_root=self.home / "static",
        )  # fmt: skip
        plan_path = self.results / f"plan-{scale}x.json"
        log(f"preparing {scale}× data, indices and plan (cached database is reused)")
        prepared = subprocess.run(
            [sys.executable, "-m", "bench.load.prepare", "--scale", str(scale), "--plan",
             str(plan_path), "--members", "50"], cwd=ROOT, env=env, capture_output=True, text=True,
        )  # fmt: skip
        if prepared.returncode:
            raise SystemExit(f"prepare {scale}× failed:\n{prepared.stderr[-3000:]}")
        self.plan = json.loads(plan_path.read_text())
        log(f"  {self.plan['rebuild'].splitlines()[-1] if self.plan['rebuild'] else ''}"
            f" ({self.plan['prepare_seconds']} s)")  # fmt: skip
        self.env = env
        self.gunicorn = Gunicorn(env, env_int("LOAD_WORKERS", 4))
        self.gunicorn.start(self.results / f"gunicorn-{scale}x.log")
        self.plan_path = plan_path

    def stop_site(self) -> None:
        if self.gunicorn:
            self.gunicorn.stop()
            self.gunicorn = None

    def flush_cache(self) -> None:
        subprocess.run(["redis-cli", "-p", str(self.redis.port), "flushall"], check=False,
                       capture_output=True)  # fmt: skip

    def locust(self, mix: str, users: int, seconds: int, prefix: Path, *,
               request_log: Path | None = None) -> subprocess.Popen:  # fmt: skip
        env = {**os.environ, "LOAD_PLAN": str(self.plan_path),
               "LOAD_EXTRA": f"{prefix}_extra.json"}  # fmt: skip
        if request_log:
            env["LOAD_LOG"] = str(request_log)
        return subprocess.Popen(
            [LOCUST, "-f", LOCUSTFILE, "--headless", "--host", self.gunicorn.url, "-u", str(users),
             "-r", str(users), "-t", f"{seconds}s", "--csv", str(prefix), "--only-summary",
             "--stop-timeout", "5", "--loglevel", "ERROR", "--exit-code-on-error", "0",
             MIXES[mix]],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=open(f"{prefix}_locust.log", "w"),
        )  # fmt: skip


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- the load scenarios ----------------------------------------------------------------------


def read_stats(prefix: Path) -> dict:
    with open(f"{prefix}_stats.csv") as handle:
        rows = list(csv.DictReader(handle))
    extra = json.loads(Path(f"{prefix}_extra.json").read_text())
    return {"rows": rows, "extra": extra}


def cache_ratio(x_cache: dict, names: list[str] | None = None) -> str:
    seen = {}
    for name, values in x_cache.items():
        if names is None or name in names:
            for value, n in values.items():
                seen[value] = seen.get(value, 0) + n
    marked = sum(n for value, n in seen.items() if value != "-")
    if not marked:
        return "n/a"
    hits = sum(n for value, n in seen.items() if value.upper().startswith("HIT"))
    return f"{hits / marked:.0%}"


def summarise(scenario: Scenario, stats: dict, seconds: int, load: str) -> tuple[str, dict]:
    rows = [r for r in stats["rows"] if r["Name"] not in {"Aggregated", "login check"}]
    total = sum(int(r["Request Count"]) for r in rows) or 1
    aggregate = next(r for r in stats["rows"] if r["Name"] == "Aggregated")
    failures = sum(int(r["Failure Count"]) for r in rows)
    rps = sum(float(r["Requests/s"]) for r in rows)
    x_cache = stats["extra"]["x_cache"]
    lines = [
        f"### {scenario.scale}× {scenario.mix}, {scenario.users} users, {seconds} s",
        "",
        f"machine load average before/after (other sessions share the cores): {load}",
        "",
        f"**{rps:.1f} req/s**, p50/p95/p99 {aggregate['50%']}/{aggregate['95%']}/"
        f"{aggregate['99%']} ms, errors {failures} of {total}, cache hits {cache_ratio(x_cache)}",
        "",
        "| endpoint | share | requests | req/s | p50 ms | p95 ms | p99 ms | errors | cache hits |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in sorted(rows, key=lambda r: -int(r["Request Count"])):
        count = int(r["Request Count"])
        lines.append(
            f"| {r['Name']} | {count / total:.1%} | {count} | {float(r['Requests/s']):.1f} | "
            f"{r['50%']} | {r['95%']} | {r['99%']} | {r['Failure Count']} | "
            f"{cache_ratio(x_cache, [r['Name']])} |"
        )
    target = TARGETS.get((scenario.scale, scenario.mix, scenario.users))
    p95 = float(aggregate["95%"])
    if target:
        met = rps >= target[0] and p95 <= target[1] and failures == 0
        lines += ["", f"target ≥ {target[0]} req/s, p95 ≤ {target[1]} ms, 0 errors: "
                      f"**{'met' if met else 'not met'}**"]  # fmt: skip
    return "\n".join(lines), {"rps": rps, "p95": p95, "errors": failures}


def run_load(results: Path) -> str:
    seconds = env_int("LOAD_DURATION", 60)
    scenarios = parse_scenarios(os.environ.get("LOAD_SCENARIOS") or DEFAULT_SCENARIOS)
    sections, numbers, rebuilds = [], {}, {}
    with Stack(results) as stack:
        for scale in sorted({s.scale for s in scenarios}):
            stack.serve(scale)
            warmup = env_int("LOAD_WARMUP", 10)
            log(f"warming up {scale}× for {warmup} s (not counted)")
            stack.locust("anonymous", 4, warmup, results / f"warmup-{scale}x").wait(warmup + 60)
            rebuilds[scale] = stack.plan["rebuild"].splitlines()
            for scenario in (s for s in scenarios if s.scale == scale):
                log(f"running {scenario.name} for {seconds} s")
                stack.flush_cache()
                prefix = results / scenario.name
                before = os.getloadavg()[0]
                stack.locust(scenario.mix, scenario.users, seconds, prefix).wait(seconds + 120)
                load = f"{before:.1f}/{os.getloadavg()[0]:.1f}"
                stats = read_stats(prefix)
                text, numbers[scenario.name] = summarise(scenario, stats, seconds, load)
                print(text + "\n", flush=True)
                sections.append(text)
    ratios = []
    for scale in sorted({s.scale for s in scenarios}):
        for users in sorted({s.users for s in scenarios}):
            es, db = numbers.get(f"{scale}x-api-{users}"), numbers.get(f"{scale}x-db-{users}")
            if es and db:
                ratios.append(
                    f"| {scale}× | {users} | {es['rps']:.1f} | {db['rps']:.1f} | "
                    f"{es['rps'] / max(db['rps'], 0.01):.1f}× | {es['p95']:.0f} | {db['p95']:.0f} | "
                    f"{db['p95'] / max(es['p95'], 1):.1f}× |"
                )
    if ratios:
        sections.append("\n".join([
            "### Elasticsearch vs Wagtail's database backend (same query strings)", "",
            "| data | users | ES API req/s | DB req/s | ES/DB throughput | ES p95 ms | DB p95 ms "
            "| DB/ES p95 |", "|---|---|---|---|---|---|---|---|", *ratios,
        ]))  # fmt: skip
    sections.append("### Rebuild (search_index rebuild)\n\n" + "\n".join(
        f"- {scale}×: {' / '.join(lines)}" for scale, lines in rebuilds.items()))  # fmt: skip
    return "\n\n".join(sections)


# --- faults under load -----------------------------------------------------------------------


@dataclass
class Outage:
    name: str
    began: float = 0.0
    ended: float = 0.0  # the service answers again


def run_fault(stack: Stack, name: str, results: Path, inject, heal) -> tuple[Outage, Path]:
    """Traffic for 10 s, the fault, its healing, then 20 s more; the request log is kept."""
    users = env_int("LOAD_FAULT_USERS", 20)
    request_log = results / f"fault-{name}-requests.csv"
    stack.flush_cache()
    process = stack.locust("anonymous", users, 600, results / f"fault-{name}",
                           request_log=request_log)  # fmt: skip
    outage = Outage(name)
    try:
        time.sleep(10)
        outage.began = time.time()
        inject()
        heal()
        outage.ended = time.time()
        time.sleep(20)
        # The window, so the table can be recomputed from the kept request log.
        (results / f"fault-{name}-outage.json").write_text(json.dumps(outage.__dict__))
    finally:
        process.terminate()
        process.wait(60)
    return outage, request_log


def fault_row(outage: Outage, request_log: Path, *, db_fault: bool) -> str:
    rows = []
    with open(request_log) as handle:
        for line in csv.reader(handle):
            if len(line) != 6:  # the last line of a run stopped by a signal may be cut short
                continue
            t, name, status, ms, fallback, retry_after = line
            end = float(t)
            rows.append(
                (end - float(ms) / 1000, end, name, int(status), float(ms), fallback == "1",
                 retry_after == "1")
            )  # fmt: skip
    during = [r for r in rows if r[1] >= outage.began and r[0] <= outage.ended]
    fallbacks = sum(r[5] for r in during)
    unavailable = [r for r in during if r[3] == 503]
    by_endpoint = Counter(r[2] for r in unavailable)
    s503 = ", ".join(f"{name} {n}" for name, n in by_endpoint.most_common()) or "0"
    retry_after = sum(r[6] for r in unavailable)
    other_5xx = sum(r[3] >= 500 and r[3] != 503 for r in during)
    failed = sum(r[3] == 0 for r in during)  # connection errors: gunicorn did not answer
    pages_5xx = sum(r[3] >= 500 for r in during if r[2] in {"members", "group"})
    latencies = sorted(r[4] for r in during) or [0.0]
    p50, p95 = (latencies[min(len(latencies) - 1, int(q * len(latencies)))] for q in (0.5, 0.95))
    # Recovery: from the service's return to the last answer that was still degraded.
    degraded = [r[1] for r in rows if r[1] >= outage.ended and (
        r[3] >= 500 or r[3] == 0 or (r[5] and not db_fault))]  # fmt: skip
    recovery = max(degraded) - outage.ended if degraded else 0.0
    # Issue 12: ≥ 200 requests in each outage; Elasticsearch faults: no 5xx on /members/ and
    # group pages; PostgreSQL: only 503s with Retry-After, and back within 10 s.
    verdict = len(during) >= 200 and other_5xx == 0 and failed == 0
    if db_fault:
        verdict = verdict and retry_after == len(unavailable) and recovery <= 10
    else:
        verdict = verdict and pages_5xx == 0
    return (
        f"| {outage.name} | {outage.ended - outage.began:.1f} | {len(during)} | {fallbacks} | "
        f"{s503} | {retry_after}/{len(unavailable)} | {other_5xx} | {failed} | "
        f"{'—' if db_fault else pages_5xx} | {p50:.0f} | {p95:.0f} | {recovery:.1f} | "
        f"{'met' if verdict else 'not met'} |"
    )


def run_faults(results: Path) -> str:
    home = Path(os.environ.get("LOAD_HOME") or "/var/tmp/tsunagaru-load")
    es = Elasticsearch(home, env_int("LOAD_ES_PORT", 59200))
    rows = []
    with Stack(results, es=es) as stack:
        stack.serve(1)

        chosen = set((os.environ.get("LOAD_FAULTS") or "es-kill,es-freeze,pg-restart").split(","))
        pg_down = env_int("LOAD_PG_DOWN", 5)
        faults = [
            ("es-kill", "Elasticsearch killed (SIGKILL) and restarted", es.kill, es.start, False),
            ("es-freeze", "Elasticsearch frozen (SIGSTOP) for 10 s", lambda: es.freeze(True),
             lambda: (time.sleep(10), es.freeze(False)), False),
            ("pg-restart", f"PostgreSQL stopped for {pg_down} s and started again",
             stack.pg.stop, lambda: (time.sleep(pg_down), stack.pg.start()), True),
        ]  # fmt: skip
        for name, what, inject, heal, db_fault in faults:
            if name in chosen:
                log(f"fault: {what}")
                outage, path = run_fault(stack, name, results, inject, heal)
                rows.append(fault_row(outage, path, db_fault=db_fault))
    return "\n".join([
        f"### Faults under load (anonymous mix, {env_int('LOAD_FAULT_USERS', 20)} users, 1×)", "",
        "During each outage (from the fault until the service answers again): requests that "
        "overlapped it, directory answers from the database fallback, 503s (site search and "
        "suggest by design while Elasticsearch is down; every page while PostgreSQL is), other "
        "5xx, connection errors, 5xx on /members/ and group pages, latency; recovery is the time "
        "from the service's return to the last degraded answer.", "",
        "| fault | outage s | requests | fallback | 503 by endpoint | 503 with Retry-After "
        "| other 5xx | conn. errors | 5xx members+group | p50 ms | p95 ms | recovery s | target |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|", *rows,
    ])  # fmt: skip


def main() -> None:
    mode = sys.argv[1] if len(sys.argv) > 1 else "load"
    if mode not in {"load", "faults"}:
        raise SystemExit(__doc__)
    label = os.environ.get("LOAD_LABEL") or f"{commit()}-{time.strftime('%Y%m%d-%H%M%S')}"
    label += "-faults" if mode == "faults" else ""
    results = Path(os.environ.get("LOAD_RESULTS") or ROOT / "bench" / "results" / label)
    results.mkdir(parents=True, exist_ok=True)
    body = run_faults(results) if mode == "faults" else run_load(results)
    summary = (
        f"# {'Faults' if mode == 'faults' else 'Load'} run {label}\n\n"
        f"gunicorn {env_int('LOAD_WORKERS', 4)} sync workers, PostgreSQL 15 (private), Redis, "
        f"Elasticsearch 8.19 single node, locust {os.cpu_count()} cores shared.\n\n{body}\n"
    )
    (results / "summary.md").write_text(summary)
    print(summary)
    log(f"results in {results}")


if __name__ == "__main__":
    main()
