"""Pure functions: a model instance or page → the document dict stored in Elasticsearch.

The rules of what may be indexed live here too: a member is indexed only while it is listed
(active, consented, not withdrawn) and visible beyond the secretariat; a page only while it is
live, unexpired and not login-restricted. Contact fields are never read here.
"""

from django.db.models import Model, Q, QuerySet
from wagtail.models import Page

from members.confirmation import confirmed_on
from members.models import GroupMember, IndividualMember, Visibility
from members.models.privacy import audience_terms, narrowest_viewers
from members.text import normalize
from members.text import romaji as kana_romaji
from portal.visibility import visible_pages

from .text import bigrams, romaji_variants

INDEXED_VISIBILITY = (Visibility.PUBLIC, Visibility.MEMBERS, Visibility.SUBNETWORKS)
MEMBER_KINDS = {"group": GroupMember, "individual": IndividualMember}


def doc_id(obj: Model) -> str:
    if isinstance(obj, Page):
        return f"page-{obj.pk}"
    return f"{member_kind(obj)}-{obj.pk}"


def index_kind(document_id: str) -> str:
    """Which index ("members" or "pages") holds ``document_id``."""
    return "pages" if document_id.startswith("page-") else "members"


def member_kind(member: GroupMember | IndividualMember) -> str:
    return "group" if isinstance(member, GroupMember) else "individual"


def member_is_indexable(member: GroupMember | IndividualMember) -> bool:
    if not member.is_listed or member.visibility not in INDEXED_VISIBILITY:
        return False
    # Limited to sub-networks without choosing one: only the secretariat sees it, so it is
    # kept out of the index like a secretariat-only record.
    visibility, chosen = member.audience_of()
    return visibility != Visibility.SUBNETWORKS or bool(chosen)


def indexable(queryset: QuerySet) -> QuerySet:
    """``member_is_indexable`` as a queryset filter (the rebuild, the status check and the
    database fallback read the same set)."""
    model = queryset.model
    chosen = model.audience_subnetworks.through.objects.values(f"{model._meta.model_name}_id")
    return (
        queryset.listed()
        .filter(visibility__in=INDEXED_VISIBILITY)
        .filter(~Q(visibility=Visibility.SUBNETWORKS) | Q(pk__in=chosen))
    )


def page_is_indexable(page: Page) -> bool:
    """Anonymous visitors can open it: the portal's one rule for menus, feeds and sitemap."""
    return page.depth > 1 and visible_pages(Page.objects.filter(pk=page.pk)).exists()


def indexed_visibility(member: GroupMember | IndividualMember) -> str:
    """The record's visibility, narrowed to what its kind allows (individuals are never shown
    to anonymous viewers, whatever their own setting), so the index follows ``visible_to``."""
    visibility = Visibility(member.visibility)
    if visibility.tier < member.minimum_viewer_tier:
        return next(v for v in Visibility if v.tier == member.minimum_viewer_tier).value
    return visibility.value


def audiences(member: GroupMember | IndividualMember) -> list[str]:
    """The document's ``audiences``: the terms a viewer's grants must meet (``allowed_for``)."""
    # Only an individual's "public" is narrowed (to members), so the chosen slugs still apply.
    return audience_terms(indexed_visibility(member), member.audience_of()[1])


def shared_affiliation_name(person: IndividualMember) -> str:
    """The person's group's name, only when everyone who may see the person may see the group
    too: the person's document must not let a member find a group hidden from members, nor a
    member of one sub-network a group shown to another."""
    group = person.affiliation
    if group is None:
        return ""
    viewers = narrowest_viewers(indexed_visibility(person), person.audience_of()[1])
    return group.name if all(group.visible_to(viewer) for viewer in viewers) else ""


def _related(member, name: str) -> list:
    """A relation as a list: prefetched into ``<name>_list`` by a bulk rebuild (no queryset per
    document), or read through the relation for a single sync."""
    prefetched = getattr(member, f"{name}_list", None)
    return prefetched if prefetched is not None else list(getattr(member, name).all())


def glued_romaji(reading: str) -> str:
    """'せんだいいじゅう…' → 'sendaiijuu…': the old one-word form, still found as a prefix."""
    return kana_romaji(reading).replace(" ", "")


def english_sort_name(member: GroupMember | IndividualMember) -> str:
    """English pages list members alphabetically by English name, else by romaji reading."""
    return normalize(getattr(member, "name_en", "") or member.romaji or member.name).lower()


def member_document(member: GroupMember | IndividualMember) -> dict:
    kind = member_kind(member)
    # Sorted: the database may return relations in any order, and documents must be stable.
    fields = sorted(_related(member, "fields"), key=lambda tag: tag.slug)
    languages = sorted(_related(member, "languages"), key=lambda language: language.code)
    prefecture = member.prefecture
    if kind == "group":
        name_en = member.name_en
        summary, summary_en = member.description_ja, member.description_en
        extra = [member.municipality]
    else:
        name_en = ""
        summary, summary_en = member.bio, ""
        extra = [member.occupation, shared_affiliation_name(member)]
    body = " ".join(
        normalize(part)
        for part in [
            summary,
            summary_en,
            *extra,
            *(f"{tag.name} {tag.name_en}" for tag in fields),
            *(f"{lang.name_ja} {lang.name_en}" for lang in languages),
            f"{prefecture.name_ja} {prefecture.name_en}" if prefecture else "",
        ]
        if part
    )
    # Where the member is or works: the office, and for groups every served prefecture.
    area = [prefecture] if prefecture else []
    if kind == "group":
        area += _related(member, "service_prefectures")
    # The name in romaji words (``member.romaji``) and, for a prefix typed without spaces, the
    # whole reading in one word, each with its short-vowel spelling.
    romaji = romaji_variants(f"{member.romaji} {glued_romaji(member.kana)}")
    suggest_inputs = [s for s in [member.name, member.kana, name_en, *romaji.split(" ")] if s]
    audience = audiences(member)
    return {
        "kind": kind,
        "visibility": indexed_visibility(member),
        "audiences": audience,
        "pk": member.pk,
        "slug": getattr(member, "slug", ""),
        "title": member.name,
        "title_bigram": bigrams(member.name),
        "title_en": name_en,
        "name_en": name_en,
        "kana": member.kana,
        "name_sort_en": english_sort_name(member),
        "kana_bigram": bigrams(member.kana),
        "romaji": romaji,
        "body": body,
        "body_bigram": bigrams(body),
        "summary": normalize(summary),
        "summary_en": normalize(summary_en),
        "prefecture": prefecture.code if prefecture else None,
        "region": prefecture.region.slug if prefecture else None,
        "area_prefectures": sorted({p.code for p in area}),
        "area_regions": sorted({p.region.slug for p in area}),
        "nationwide": bool(getattr(member, "serves_nationwide", False)),
        "municipality": getattr(member, "municipality", ""),
        "fields": sorted(tag.slug for tag in fields),
        "languages": sorted(lang.code for lang in languages),
        "networks": sorted(p.subnetwork.slug for p in _related(member, "participations")),
        "member_since": member.member_since,
        "last_confirmed": member.last_confirmed,
        "confirmed_on": confirmed_on(member),
        "suggest": {
            "input": suggest_inputs,
            "contexts": {"audience": audience},
        },
    }


def page_document(page: Page) -> dict:
    specific = page.specific
    text_of = getattr(specific, "search_text", None)
    body = normalize(text_of() if callable(text_of) else "") or normalize(page.search_description)
    tags = getattr(specific, "tags", None)
    date = getattr(specific, "date", None) or page.first_published_at
    return {
        "kind": getattr(specific, "search_kind", "page"),
        "visibility": Visibility.PUBLIC,
        "audiences": audience_terms(Visibility.PUBLIC),
        "pk": page.pk,
        "locale": page.locale.language_code,
        "translation_key": str(page.translation_key),
        "title": normalize(page.title),
        "title_bigram": bigrams(page.title),
        "title_en": "",
        "body": body,
        "body_bigram": bigrams(body),
        "summary": normalize(page.search_description) or body[:200],
        "tags": sorted(tag.slug for tag in tags.all()) if tags is not None else [],
        "date": date,
        "url_path": page.get_url(),
        # Filtered at query time: an expired page is gone from search before the
        # ``publish_scheduled`` cron run unpublishes it.
        "expire_at": page.expire_at,
    }
