"""Build one scale of the load stack's data and write the plan the locust users follow.

    python -m bench.load.prepare --scale 100 --plan PLAN.json      (run by bench.load.run)

Runs against the stack's own database and Elasticsearch (the environment set by ``run.py``):
- migrate; the demo site (``seed_content``) and network (``seed_network``) copied ``scale``
  times (``bench.replicate``), skipped when the database already holds that scale, so the 100×
  data survives between runs;
- collectstatic (production settings serve hashed files);
- the members' sessions: one user of "Network members" per locust user, logged in here,
  because 50 password hashes at the start would load the server more than the mix does;
- Wagtail's database search index of groups (the comparison endpoint), then
  ``search_index rebuild`` into the run's own index prefix;
- the plan: the URLs and the ≥200 directory queries of the mix, as JSON.
"""

import argparse
import io
import json
import random
import time
from urllib.parse import urlencode

QUERIES = 240  # distinct directory query strings (the issue asks for at least 200)


def build_data(scale: int) -> None:
    from django.core.management import call_command

    from bench.replicate import replicate
    from members.models import GroupMember
    from members.seed import seed_network

    call_command("migrate", verbosity=0)
    call_command("seed_content", verbosity=0)
    if not GroupMember.objects.exists():
        seed_network()
        replicate(copies=scale - 1)
    # Copies carry "-<n>" in their member number: the database must hold exactly this scale.
    originals = GroupMember.objects.exclude(member_number__contains="-").count()
    if GroupMember.objects.count() != originals * scale:
        raise SystemExit(f"the database holds another scale than {scale}×; drop it first")


def member_sessions(count: int) -> list[str]:
    """Session keys of ``count`` network members, logged in the way ``login()`` does."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import Group, User

    from members.models.privacy import NETWORK_MEMBERS_GROUP

    group, _ = Group.objects.get_or_create(name=NETWORK_MEMBERS_GROUP)
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = []
    for n in range(count):
        user, created = User.objects.get_or_create(username=f"loadtest-member-{n:03d}")
        if created:
            user.set_unusable_password()
            user.save()
        user.groups.add(group)
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    return keys


def database_search_index() -> None:
    """Wagtail's database backend index of the groups (the comparison endpoint reads it)."""
    from wagtail.search.backends import get_search_backend

    from members.models import GroupMember

    index = get_search_backend().get_index_for_model(GroupMember)
    pks = list(GroupMember.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), 2000):
        index.add_items(
            GroupMember, list(GroupMember.objects.filter(pk__in=pks[start : start + 2000]))
        )


def directory_queries(rng: random.Random) -> list[str]:
    """Distinct query strings of words and filters, each kept whole by the directory's parser."""
    from members import vocabulary
    from members.models import GroupMember
    from search.facets import FACETS_BY_NAME
    from search.params import parse_directory

    words = [ja for _slug, ja, _en in vocabulary.FIELDS]
    words += [en.split(" ")[0] for _slug, _ja, en in vocabulary.FIELDS]
    words += [ja for _code, ja, _en in vocabulary.LANGUAGES[2:12]]
    words += [
        "名古屋",
        "yokohama",
        "sendai",
        "Vietnam",
        "shelter",
        "相談",
        "支援",
        "センター",
        "ネット",
    ]
    names = GroupMember.objects.exclude(member_number__contains="-").values_list("name", flat=True)
    words += [name[:4] for name in names[:40]]
    facet_values = {
        name: sorted(FACETS_BY_NAME[name].allowed)
        for name in ("region", "prefecture", "field", "language", "network")
    }
    queries: dict[str, None] = {}
    while len(queries) < QUERIES:
        params: dict[str, list[str] | str] = {}
        shape = rng.random()
        if shape < 0.7:
            params["q"] = " ".join(rng.sample(words, 1 if rng.random() < 0.8 else 2))
        for facet in rng.sample(sorted(facet_values), rng.choice([0, 1, 1, 2]) if params else 1):
            params[facet] = sorted(set(rng.sample(facet_values[facet], rng.choice([1, 1, 2]))))
        if rng.random() < 0.15:
            params["type"] = rng.choice(["group", "individual"])
        if rng.random() < 0.1:
            params["sort"] = "name"
        parsed = parse_directory(_multi(params))
        given = sum(len(v) if isinstance(v, list) else 1 for k, v in params.items() if k != "q")
        if parsed.filter_count + (1 if parsed.sort else 0) == given:
            queries[urlencode(params, doseq=True)] = None
    return list(queries)


def _multi(params: dict):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in params.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    return query


def plan(*, members: int, seed: int = 12) -> dict:
    from django.conf import settings
    from wagtail.models import Page

    from members.models import GroupMember, Tier
    from portal.models.news import NewsIndexPage
    from projects.models import SubNetworkPage

    rng = random.Random(seed)

    def urls(model) -> list[str]:
        return sorted(p.url for p in model.objects.live().public() if p.url)

    group_urls = {
        tier.name.lower(): [
            f"/members/groups/{slug}/"
            for slug in GroupMember.objects.visible_to(tier).values_list("slug", flat=True)
        ]
        for tier in (Tier.ANONYMOUS, Tier.MEMBER)
    }
    suggest = sorted(
        {
            w[:n]
            for w in (
                "ぎのう",
                "技能",
                "ベトナム",
                "nagoya",
                "shel",
                "にゅうかん",
                "医療",
                "女性",
                "tanaka",
                "sato",
                "kobe",
                "子ども",
            )
            for n in (1, 2, 3)
        }
    )
    return {
        "home": ["/", "/en/"],
        "subnetwork": urls(SubNetworkPage),
        "news": urls(NewsIndexPage),
        "group": group_urls,
        "directory": directory_queries(rng),
        "suggest": [urlencode({"q": s}) for s in suggest],
        "search": [
            urlencode({"q": q})
            for q in ("技能実習", "難民", "statement", "入管", "医療", "news", "ベトナム", "fund")
        ],
        "sessions": member_sessions(members),
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "pages": Page.objects.live().count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, required=True)
    parser.add_argument("--plan", required=True)
    parser.add_argument("--members", type=int, default=50)
    args = parser.parse_args()
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    build_data(args.scale)
    call_command("collectstatic", "--noinput", verbosity=0)
    database_search_index()
    out = io.StringIO()
    call_command("search_index", "rebuild", stdout=out)
    result = plan(members=args.members)
    result["rebuild"] = out.getvalue().strip()
    result["prepare_seconds"] = round(time.perf_counter() - started, 1)
    with open(args.plan, "w") as handle:
        json.dump(result, handle, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
