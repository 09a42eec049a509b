"""Property-based privacy: hypothesis builds small networks and random requests, and no answer
of any surface (directory API and page, site search API and page, suggestions) reveals a
member the viewer may not see, or answers 5xx.

The oracle (``may_see``) is a few lines of its own over the generated data; it never calls the
code under test (``Visibility.allowed_for``, ``visible_to``). Members are saved through the
models, so the real signals sync them to the real Elasticsearch. Each member's name ends in a
word no other member has (``UNIQUE``), and shares its other words with the rest (``SHARED``),
so a hidden member's own word in an answer is a leak.
"""

import json
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st

from members.models import (
    FieldTag,
    GroupMember,
    GroupParticipation,
    IndividualMember,
    IndividualParticipation,
    Language,
    Prefecture,
    SubNetwork,
)
from members.models.privacy import NETWORK_MEMBERS_GROUP, SECRETARIAT_GROUP
from search.documents import alias_name

pytestmark = [pytest.mark.elasticsearch, pytest.mark.fuzz, pytest.mark.django_db]

SHARED = ["移住", "支援", "ネット", "相談", "sendai", "kyodo"]
# No two share a kana bigram or a close romaji spelling, so one never finds another.
UNIQUE = ["ゾウガメ", "キリン", "ペンギン", "カピバラ", "フクロウ", "イルカ", "ラッコ", "パンダ",
          "モモンガ", "トナカイ", "ヒツジ", "ウサギ"]  # fmt: skip
PREFECTURES = ["13", "23", "27"]
FIELDS = ["labour", "refugees", "medical-care"]
LANGUAGES = ["vi", "en", "tl"]
NETWORKS = ["trainees", "women"]
# "trainees": a network member whose own entry takes part in that sub-network.
TIERS = ["anonymous", "member", "trainees", "secretariat"]


@dataclass
class Spec:
    kind: str
    words: list[str]
    visibility: str
    status: str
    consent: str  # "given", "none", "withdrawn"
    prefecture: str
    fields: list[str]
    languages: list[str]
    networks: list[str]
    audience: list[str] = field(default_factory=list)  # for visibility "subnetworks"
    affiliation: int | None = None  # index of a group, for individuals
    unique: str = ""
    slug: str = field(default="")

    @property
    def name(self) -> str:
        return " ".join([*self.words, self.unique])


def may_see(spec: Spec, tier: str) -> bool:
    """The public directory's rule, from the generated data alone."""
    if spec.status != "active" or spec.consent != "given" or spec.visibility == "secretariat":
        return False
    if spec.visibility == "subnetworks" and not spec.audience:
        return False  # nobody's audience: the secretariat's only, never indexed
    if tier == "anonymous":
        return spec.kind == "group" and spec.visibility == "public"
    if spec.visibility == "subnetworks" and tier != "secretariat":
        return tier in spec.audience
    return True


def member_spec(kind: str):
    return st.builds(
        Spec,
        kind=st.just(kind),
        words=st.lists(st.sampled_from(SHARED), min_size=1, max_size=2),
        visibility=st.sampled_from(["public", "members", "subnetworks", "secretariat"]),
        audience=st.lists(st.sampled_from(NETWORKS), max_size=2, unique=True),
        status=st.sampled_from(["active", "active", "lapsed"]),
        consent=st.sampled_from(["given", "given", "none", "withdrawn"]),
        prefecture=st.sampled_from(PREFECTURES),
        fields=st.lists(st.sampled_from(FIELDS), max_size=2, unique=True),
        languages=st.lists(st.sampled_from(LANGUAGES), max_size=2, unique=True),
        networks=st.lists(st.sampled_from(NETWORKS), max_size=2, unique=True),
    )


@st.composite
def networks(draw) -> list[Spec]:
    groups = draw(st.lists(member_spec("group"), min_size=1, max_size=5))
    people = draw(st.lists(member_spec("individual"), max_size=5))
    for person in people:
        person.affiliation = draw(st.none() | st.integers(0, len(groups) - 1))
    specs = groups + people
    for spec, word in zip(specs, UNIQUE, strict=False):
        spec.unique = word
    return specs


def requests_for(specs: list[Spec]):
    """Paths with query strings: words shared and unique (hidden members' too), prefixes."""
    words = st.sampled_from(SHARED + [s.unique for s in specs])
    facet = st.sampled_from(
        [("type", "group"), ("type", "individual")]
        + [("prefecture", p) for p in PREFECTURES]
        + [("region", "kanto"), ("field", FIELDS[0]), ("language", LANGUAGES[0])]
        + [("network", n) for n in NETWORKS]
    )
    directory = st.tuples(
        st.sampled_from(["/api/v1/members/", "/members/"]),
        st.fixed_dictionaries(
            {"q": st.one_of(st.just(""), words)},
            optional={"filters": st.lists(facet, max_size=2), "sort": st.just("name")},
        ),
    )
    site = st.tuples(
        st.sampled_from(["/api/v1/search/", "/search/"]), st.fixed_dictionaries({"q": words})
    )
    suggest = st.tuples(
        st.just("/api/v1/suggest/"),
        st.fixed_dictionaries({"q": words.map(lambda w: w[: max(1, len(w) - 1)])}),
    )
    return st.one_of(directory, site, suggest)


def create(specs: list[Spec]) -> None:
    now = timezone.now()
    groups = []
    for n, spec in enumerate(specs):
        consent = {
            "given": {"consent_given_at": now},
            "none": {},
            "withdrawn": {"consent_given_at": now, "consent_withdrawn_at": now},
        }[spec.consent]
        common = {
            "name": spec.name,
            "member_number": f"F{n}",
            "visibility": spec.visibility,
            "status": spec.status,
            "prefecture": Prefecture.objects.get(code=spec.prefecture),
            **consent,
        }
        if spec.kind == "group":
            member = GroupMember.objects.create(slug=f"fuzz-{n}", **common)
            groups.append(member)
            for slug in spec.networks:
                GroupParticipation.objects.create(
                    group=member, subnetwork=SubNetwork.objects.get(slug=slug)
                )
        else:
            affiliation = groups[spec.affiliation] if spec.affiliation is not None else None
            member = IndividualMember.objects.create(
                affiliation=affiliation, bio=f"{spec.words[0]}の相談員", **common
            )
        member.audience_subnetworks.set(SubNetwork.objects.filter(slug__in=spec.audience))
        member.fields.set(list(FieldTag.objects.filter(slug__in=spec.fields)))
        member.languages.set(Language.objects.filter(code__in=spec.languages))
        member.save()  # parental relations: written by the save
        spec.slug = member.slug


def clear(es) -> None:
    # The viewers' own entries stay: they are secretariat-only, so never indexed or counted.
    IndividualMember.objects.filter(user__isnull=True).delete()
    GroupMember.objects.all().delete()


@pytest.fixture
def viewers(db):
    clients = {"anonymous": Client()}
    for tier, group in (
        ("member", NETWORK_MEMBERS_GROUP),
        ("trainees", NETWORK_MEMBERS_GROUP),
        ("secretariat", SECRETARIAT_GROUP),
    ):
        user = User.objects.create_user(f"fuzz-{tier}")
        user.groups.add(Group.objects.get_or_create(name=group)[0])
        clients[tier] = Client()
        clients[tier].force_login(user)
    # The trainees viewer's grant comes from its own entry's participation.
    entry = IndividualMember.objects.create(
        name="fuzz viewer", member_number="FV", visibility="secretariat",
        consent_given_at=timezone.now(), user=User.objects.get(username="fuzz-trainees"),
    )  # fmt: skip
    IndividualParticipation.objects.create(
        individual=entry, subnetwork=SubNetwork.objects.get(slug="trainees")
    )
    return clients


def check(specs: list[Spec], tier: str, path: str, query: dict, response) -> None:
    assert response.status_code < 500, (path, query, response.status_code)
    if response.status_code == 404:
        return
    body = response.content.decode()
    seen = [s for s in specs if may_see(s, tier)]
    hidden = [s for s in specs if not may_see(s, tier)]
    # A hidden member's own word never appears, except as the viewer's own query echoed back.
    for spec in hidden:
        if spec.unique not in query.get("q", ""):
            assert spec.unique not in body, (tier, path, query, spec)
            assert f"/{spec.slug}/" not in body, (tier, path, query, spec)
    if not path.startswith("/api/"):
        return
    data = json.loads(body)
    visible_ids = {(s.kind, s.slug) for s in seen}
    for card in data.get("results", []):
        if card["type"] in ("group", "individual"):
            assert (card["type"], card["id"]) in visible_ids, (tier, path, query, card)
    if "count" in data:
        assert data["count"] <= len(seen)
    if path == "/api/v1/members/":
        for kind in ("group", "individual"):
            assert data["listed"].get(kind, 0) == sum(s.kind == kind for s in seen), data["listed"]
        assert (data["unfiltered_count"] or 0) <= len(seen)
        for name, values in data["facets"].items():
            for value in values:
                assert (value["count"] or 0) <= len(seen), (name, value)
        for name in ("field", "language", "network", "type"):
            for value in data["facets"][name]:
                have = sum(value["value"] in facet_values(s, name) for s in seen)
                assert (value["count"] or 0) <= have, (tier, query, name, value, seen)
    if path == "/api/v1/suggest/":
        names = {s.name for s in seen}
        for suggestion in data["suggestions"]:
            if suggestion["type"] == "name":
                assert suggestion["text"] in names, (tier, query, suggestion)
    # A query made of a hidden member's own word finds nothing: no other record may carry it.
    if query.get("q") in {s.unique for s in hidden} and "results" in data:
        assert data["results"] == [], (tier, path, query, data["results"])


def facet_values(spec: Spec, facet: str) -> list[str]:
    return {
        "field": spec.fields,
        "language": spec.languages,
        "network": spec.networks if spec.kind == "group" else [],
        "type": [spec.kind],
    }[facet]


# No explain phase: it re-runs a failure hundreds of times against the real servers.
@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
)
@given(data=st.data())
def test_no_surface_reveals_what_the_viewer_may_not_see(
    data, patient_elasticsearch, es, viewers, django_capture_on_commit_callbacks
):
    specs = data.draw(networks(), label="network")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            create(specs)
        es.indices.refresh(index=alias_name("members"))
        # The index holds exactly the listed, not secretariat-only members (the secretariat's
        # directory): anything else would be a record some viewer could reach.
        indexed = es.count(index=alias_name("members"))["count"]
        assert indexed == sum(may_see(s, "secretariat") for s in specs), specs
        for _ in range(3):
            tier = data.draw(st.sampled_from(TIERS), label="viewer")
            path, query = data.draw(requests_for(specs), label="request")
            params = {"q": query["q"]} if query.get("q") else {}
            for name, value in query.get("filters", []):
                params.setdefault(name, []).append(value)
            if "sort" in query:
                params["sort"] = query["sort"]
            note(f"{tier} GET {path} {params}")
            response = viewers[tier].get(path, params)
            check(specs, tier, path, query, response)
    finally:
        with django_capture_on_commit_callbacks(execute=True):
            clear(es)
        es.indices.refresh(index=alias_name("members"))
    # Deleting synced the deletions: the next network starts from an empty index.
    assert es.count(index=alias_name("members"))["count"] == 0
