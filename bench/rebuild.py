"""Rebuild benchmark: members-index throughput, from the first database read to the alias swap.

    python -m bench.rebuild [--scales 1 100] [--rounds 3]

Each scale runs in its own process on its own SQLite database (``.cache/bench-rebuild-<N>.sqlite3``):
the demo network (``seed_network``) copied N times. For 100× it starts from a copy of
``.cache/bench-100.sqlite3`` when ``bench.search`` left one (that file is never written here).
It prints, per scale, the documents, the best and median docs/s of ``rounds`` rebuilds, and the
phase split of the best one, so numbers before and after a change compare line by line.
The index prefix is ``tsunagaru-bench-rebuild-<N>``; its indices are deleted at the end.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1000.0  # docs/s, issue 12


def setup_django(scale: int) -> bool:
    """Point Django at this scale's database; True when the database already holds the data."""
    database = ROOT / ".cache" / f"bench-rebuild-{scale}.sqlite3"
    database.parent.mkdir(exist_ok=True)
    ready = database.exists()
    shared = ROOT / ".cache" / f"bench-{scale}.sqlite3"
    if not ready and scale > 1 and shared.exists():
        shutil.copyfile(shared, database)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["SEARCH_INDEX_PREFIX"] = f"tsunagaru-bench-rebuild-{scale}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["DEBUG"] = "false"
    import django

    django.setup()
    return ready


def build_data(scale: int) -> None:
    from django.core.management import call_command

    from bench.replicate import replicate
    from members.models import GroupMember
    from members.seed import seed_network

    call_command("migrate", verbosity=0)
    if not GroupMember.objects.exists():
        seed_network()
        replicate(copies=scale - 1)


def run_scale(scale: int, rounds: int) -> dict:
    setup_django(scale)
    build_data(scale)
    from search.client import get_client
    from search.documents import alias_name
    from search.indexing import rebuild

    results = [rebuild("members") for _ in range(rounds)]
    es = get_client()
    names = list(es.indices.get(index=f"{alias_name('members')}-*").keys())
    es.indices.delete(index=",".join(names))
    best = max(results, key=lambda r: r.docs_per_second)
    return {
        "scale": scale,
        "docs": best.count,
        "best": best.docs_per_second,
        "median": statistics.median(r.docs_per_second for r in results),
        "seconds": best.seconds,
        "phases": getattr(best, "phases", {}),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 100])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scale-only", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.scale_only:
        print(json.dumps(run_scale(args.scale_only, args.rounds)))
        return
    print(f"{'scale':>5} {'docs':>7} {'best docs/s':>12} {'median':>8} {'seconds':>8}  phases")
    for scale in args.scales:
        # One process per scale: Django binds its database once per process.
        output = subprocess.run(
            [sys.executable, "-m", "bench.rebuild", "--scale-only", str(scale),
             "--rounds", str(args.rounds)],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        row = json.loads(output.strip().splitlines()[-1])
        phases = " ".join(f"{k}={v:.2f}s" for k, v in row["phases"].items())
        verdict = "ok" if row["best"] >= TARGET else f"below {TARGET:,.0f}"
        print(
            f"{row['scale']:>4}× {row['docs']:>7} {row['best']:>12,.0f} {row['median']:>8,.0f} "
            f"{row['seconds']:>8.2f}  {phases} {verdict}"
        )


if __name__ == "__main__":
    main()
