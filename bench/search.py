"""Search benchmark: rebuild throughput and directory latency, Elasticsearch vs the database.

    python -m bench.search [--scales 1 100] [--rounds 5]      (or: make bench)

For each scale it builds a fresh SQLite database (``.cache/bench-<scale>.sqlite3``) holding the
demo network (``seed_network``) copied ``scale`` times, then prints one table row:
- rebuild throughput of the members index (docs/s, bulk into a new index);
- p50/p95/p99 server time of a fixed mix of directory searches (text + facets) through Django
  (the JSON API, in-process, anonymous viewer), and of the same mix as the HTML page /members/;
- the same mix through Wagtail's database search backend on the same rows (text search, the
  same filters, disjunctive facet counts with the ORM), and the ratio of the two at p95.
Both sides run in this process on this machine in this run, so the ratio is the comparison.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Text, facets and both together, as the directory's users combine them. Every parameter is
# checked against the facet specification when the run starts (``check_mix``).
MIX = [
    {"q": "技能実習"},
    {"q": "ベトナム"},
    {"q": "入管 難民"},
    {"q": "yokohama"},
    {"q": "Filipino women"},
    {"q": "多文化共生センター"},
    {"region": "chubu"},
    {"field": "technical-intern-training"},
    {"language": ["vi", "tl"]},
    {"q": "技能実習", "region": "chubu"},
    {"q": "医療", "prefecture": ["13", "23"]},
    {"q": "shelter", "field": "women-dv", "language": "th"},
    {"network": "trainees", "region": "kanto"},
    {"q": "こども", "field": "children-education", "sort": "name"},
    # Place and language words (search.understanding) and romaji by word.
    {"q": "Vietnam Aichi"},
    {"q": "名古屋 技能実習"},
    {"q": "sendai sheruta"},
    {"prefecture": "29", "where": "office"},
]


def check_mix() -> None:
    """A mix entry the directory would silently drop would measure nothing."""
    from search.params import parse_directory

    for params in MIX:
        parsed = parse_directory(params)
        given = sum(len(v) if isinstance(v, list) else 1 for k, v in params.items() if k != "q")
        kept = parsed.filter_count + (1 if parsed.sort else 0) + (1 if parsed.office_only else 0)
        assert kept == given, f"the directory ignores part of {params}"


def setup_django(scale: int) -> None:
    database = ROOT / ".cache" / f"bench-{scale}.sqlite3"
    database.parent.mkdir(exist_ok=True)
    database.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["SEARCH_INDEX_PREFIX"] = f"tsunagaru-bench-{scale}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver"  # the in-process test client
    import django

    django.setup()


def build_data(scale: int) -> int:
    from django.core.management import call_command

    from bench.replicate import replicate
    from members.models import GroupMember, IndividualMember
    from members.seed import seed_network

    call_command("migrate", verbosity=0)
    seed_network()
    replicate(copies=scale - 1)
    return GroupMember.objects.count() + IndividualMember.objects.count()


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def time_calls(call, rounds: int) -> list[float]:
    for params in MIX:  # warm caches and connections once
        call(params)
    samples = []
    for _ in range(rounds):
        for params in MIX:
            started = time.perf_counter()
            call(params)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def elasticsearch_call(path: str = "/api/v1/members/"):
    """One directory request through Django: the JSON API, or the HTML page with ``path``."""
    from django.test import Client

    client = Client()

    def call(params):
        # The page redirects words that name places and languages to their filters: a visitor
        # waits for both requests.
        response = client.get(path, params, follow=True)
        assert response.status_code == 200, response.content[:200]

    return call


def database_call():
    """The same request answered with Wagtail's database search backend and the ORM."""
    from django.db.models import Count
    from wagtail.search.backends import get_search_backend

    from members.models import GroupMember, Tier
    from search.facets import FACETS

    backend = get_search_backend()
    # The directory's own facet specification (groups only: the mix runs as an anonymous viewer).
    facet_fields = {f.name: f.orm_path for f in FACETS if f.orm_path}

    def filtered(params, skip=None):
        queryset = GroupMember.objects.visible_to(Tier.ANONYMOUS)
        for facet, path in facet_fields.items():
            values = params.get(facet)
            if values and facet != skip:
                values = values if isinstance(values, list) else [values]
                queryset = queryset.filter(**{f"{path}__in": values})
        return queryset.distinct()

    def call(params):
        q = params.get("q")
        base = filtered(params)
        if q:
            # Wagtail's backend filters only on FilterFields, so relations go in as a subquery.
            hits = backend.search(
                q, GroupMember.objects.filter(pk__in=base.values("pk")), operator="and"
            )
            page, total = list(hits[:20]), hits.count()
        else:
            page, total = list(base.order_by("kana")[:20]), base.count()
        for facet, path in facet_fields.items():  # disjunctive counts, as on the ES side
            scope = filtered(params, skip=facet)
            if q:
                within = GroupMember.objects.filter(pk__in=scope.values("pk"))
                scope = scope.filter(
                    pk__in=[m.pk for m in backend.search(q, within, operator="and")]
                )
            list(scope.values(path).annotate(n=Count("pk", distinct=True)))
        return page, total

    return call


def run_scale(scale: int, rounds: int) -> dict:
    setup_django(scale)
    from django.core.management import call_command

    from search.client import breaker
    from search.indexing import rebuild

    rows = build_data(scale)
    check_mix()
    breaker.reset()
    result = rebuild("members")
    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    wagtail_index_seconds = time.perf_counter() - started
    return {
        "scale": scale,
        "rows": rows,
        "docs": result.count,
        "docs_per_s": result.docs_per_second,
        "wagtail_index_s": wagtail_index_seconds,
        "es": percentiles(time_calls(elasticsearch_call(), rounds)),
        "page": percentiles(time_calls(elasticsearch_call("/members/"), rounds)),
        "db": percentiles(time_calls(database_call(), rounds)),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 100])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--scale-only", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.scale_only:  # one process per scale: Django binds its database once per process
        print(json.dumps(run_scale(args.scale_only, args.rounds)))
        return
    rows = []
    for scale in args.scales:
        command = [sys.executable, "-m", "bench.search", "--scale-only", str(scale)]
        out = subprocess.run(
            [*command, "--rounds", str(args.rounds)], cwd=ROOT, capture_output=True, text=True
        )
        if out.returncode:
            sys.exit(f"scale {scale} failed:\n{out.stderr[-2000:]}")
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(
        f"{'scale':>5} {'members':>8} {'indexed':>8} {'rebuild':>10}  "
        f"{'ES p50/p95/p99 ms':>20}  {'DB p50/p95/p99 ms':>23}  {'DB/ES p95':>9}  "
        f"{'page p50/p95/p99 ms':>20}"
    )
    for row in rows:
        es, db, page = row["es"], row["db"], row["page"]
        print(
            f"{row['scale']:>4}× {row['rows']:>8} {row['docs']:>8} {row['docs_per_s']:>6,.0f}/s  "
            f"{es[0]:>6.1f}/{es[1]:>6.1f}/{es[2]:>6.1f}  {db[0]:>7.1f}/{db[1]:>7.1f}/{db[2]:>7.1f}  "
            f"{db[1] / es[1]:>8.1f}×  {page[0]:>6.1f}/{page[1]:>6.1f}/{page[2]:>6.1f}"
        )
    print(
        "targets: 1× p50 ≤ 15 ms and p95 ≤ 40 ms; 100× p95 ≤ 80 ms; "
        "rebuild ≥ 1,000 docs/s; database/ES ≥ 3× at 100×"
    )


if __name__ == "__main__":
    main()
