"""Page translations kept by wagtail-localize: the Japanese page is the source, and each
translation is the source's segments (a title, a paragraph, a question) translated one by one,
which wagtail-localize writes into the page when an editor publishes or syncs it.

Two ways into that flow, both recording a page's text in another language as the translations
of the source's segments (``record_text``):

- the demo seed makes a translation from its demo text (``create_synced_translation``);
- ``manage.py localize_existing`` brings a page made before, with ``copy_for_translation`` or
  the admin's copy, under wagtail-localize without touching the page (``adopt``).

Segments are paired by position, not by block id: a StreamField written per language, or
edited after it was copied, has block ids of its own, so a block id is read as "the n-th block,
of this type". A field whose shape differs from the source's (another number of paragraphs, a
link the source lacks) cannot be paired string by string: it is left to the editor, who sees
it untranslated in wagtail-localize's editor, and reported. A recorded translation is never
replaced: what an editor (or an earlier run) translated stays.
"""

import json
import re
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.segments import OverridableSegmentValue, StringSegmentValue
from wagtail_localize.segments.extract import extract_segments, quote_path_component
from wagtail_localize.strings import validate_translation_links

# Block ids are UUIDs (Wagtail makes them with uuid4); paths name blocks by them.
_BLOCK_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass
class Recorded:
    """What ``record_text`` did for one translation."""

    strings: int = 0  # segment translations recorded now
    kept: int = 0  # segments already translated (by an editor or an earlier run), left alone
    overrides: int = 0  # links and other synchronised values that differ from the source's
    unpaired: list[str] = field(default_factory=list)  # fields left to the editor


def record_text(
    *, translation: Translation, page: Page, fields: Collection[str] | None = None
) -> Recorded:
    """Record ``page``'s text (the translation as readers see it, or demo text on an unsaved
    copy of the source) as ``translation``'s segment translations, only in ``fields`` when
    given. The page itself is not changed."""
    source_strings, source_values = _source_segments(translation.source)
    page_strings, page_values = _page_segments(page)
    locale = translation.target_locale
    recorded = Recorded()

    def wanted(key: str) -> bool:
        return fields is None or key.split(".", 1)[0] in fields

    for key in sorted(page_strings.keys() - source_strings.keys()):
        if wanted(key):
            recorded.unpaired.append(key)  # text the source does not have: a sync drops it
    for key, segments in source_strings.items():
        if not wanted(key):
            continue
        texts = page_strings.get(key, [])
        if len(texts) != len(segments) or not all(
            _links_fit(segment, text) for segment, text in zip(segments, texts, strict=True)
        ):
            recorded.unpaired.append(key)
            continue
        for segment, text in zip(segments, texts, strict=True):
            _, created = StringTranslation.objects.get_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={
                    "data": text.string.data,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )
            recorded.strings += created
            recorded.kept += not created
            for source_href, href in _changed_hrefs(segment, text):
                context = TranslationContext.objects.filter(
                    object_id=translation.source.object_id,
                    path=f"{segment.context.path}.{quote_path_component(source_href)}",
                ).first()
                if context is not None:
                    recorded.overrides += _override(context, locale, href)
    for key, segment in source_values.items():
        # Links inside rich text were paired with their strings above.
        if key.endswith("'") or not wanted(key):
            continue
        value = page_values.get(key)
        if value is not None and value.data != segment.data:
            recorded.overrides += _override(segment.context, locale, value.data)
    return recorded


@transaction.atomic
def create_synced_translation(*, source_page: Page, locale: Locale, text: dict) -> Page:
    """A new published translation of ``source_page`` into ``locale`` made by wagtail-localize,
    its segments translated with ``text`` (field name → value, as the page's fields take it);
    segments ``text`` does not give keep the source's words until an editor translates them."""
    # As stored: a page object just published in memory still has its pre-publication state.
    source_page = Page.objects.get(pk=source_page.pk).specific
    source, _ = TranslationSource.update_or_create_from_instance(source_page)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    # The slug Wagtail's copy gives: the Japanese page's (one URL shape in every language),
    # with the language code added beside the Japanese home page, which shares its parent.
    text = {"slug": _copy_slug(source_page, locale), **text}
    copy = source.as_instance()
    for name, value in text.items():
        setattr(copy, name, value)
    record_text(translation=translation, page=copy, fields=set(text))
    # wagtail-localize publishes on commit; the seed runs in one transaction and reads (and
    # dates back) the translation before that, so it publishes the revision now.
    translation.save_target(publish=False)
    target = translation.get_target_instance()
    target.get_latest_revision().publish()
    target.refresh_from_db()
    return target.specific


def _copy_slug(page: Page, locale: Locale) -> str:
    if page.depth == 2:  # a home page: its translations are its siblings below the root
        return f"{page.slug}-{locale.language_code}"
    return page.slug


def pages_to_adopt() -> QuerySet[Page]:
    """Pages in another language than the default whose default-language page exists and has
    no wagtail-localize translation into theirs: made by copying, before wagtail-localize."""
    default = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    sources = Page.objects.filter(translation_key=OuterRef("translation_key"), locale=default)
    adopted = Translation.objects.filter(
        source__object_id=OuterRef("translation_key"), target_locale=OuterRef("locale")
    )
    return (
        Page.objects.filter(depth__gt=1, alias_of__isnull=True)
        .exclude(locale=default)
        .filter(Exists(sources))
        .exclude(Exists(adopted))
        .select_related("locale")
        .order_by("path", "locale__language_code")
    )


@transaction.atomic
def adopt(page: Page) -> Recorded:
    """Bring ``page``, a translation of a default-language page, under wagtail-localize: the
    source from the Japanese page as it is now, a translation into ``page``'s locale, and
    ``page``'s current text as that translation's segments. ``page`` is not saved, so readers
    see it unchanged until an editor publishes or syncs the translation."""
    page = page.specific
    source_page = Page.objects.get(
        translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE
    )
    source, _ = TranslationSource.update_or_create_from_instance(source_page)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale_id=page.locale_id
    )
    return record_text(translation=translation, page=page)


def _source_segments(source: TranslationSource):
    positions = _block_positions(source.as_instance())
    strings = defaultdict(list)
    for segment in (
        StringSegment.objects.filter(source=source)
        .select_related("context", "string")
        .order_by("order")
    ):
        strings[_positional(segment.context.path, positions)].append(segment)
    values = {
        _positional(segment.context.path, positions): segment
        for segment in OverridableSegment.objects.filter(source=source).select_related("context")
    }
    return strings, values


def _page_segments(page: Page):
    positions = _block_positions(page)  # first: it gives blocks made in memory their ids
    strings = defaultdict(list)
    values = {}
    for segment in extract_segments(page):
        key = _positional(segment.path, positions)
        if isinstance(segment, StringSegmentValue):
            strings[key].append(segment)
        elif isinstance(segment, OverridableSegmentValue):
            values[key] = segment
    return strings, values


def _block_positions(page: Page) -> dict[str, str]:
    """Every StreamField block's id → "position:type" among its siblings."""
    positions: dict[str, str] = {}
    for model_field in page._meta.get_fields():
        if isinstance(model_field, StreamField):
            # get_prep_value gives ids to blocks that have none yet (demo text made in memory).
            _walk(model_field.get_prep_value(getattr(page, model_field.name)), positions)
    return positions


def _walk(raw, positions: dict[str, str]) -> None:
    if isinstance(raw, list):
        for index, item in enumerate(raw):
            if isinstance(item, dict) and isinstance(item.get("id"), str) and "type" in item:
                positions[item["id"]] = f"{index}:{item['type']}"
                _walk(item.get("value"), positions)
            else:
                _walk(item, positions)
    elif isinstance(raw, dict):
        for value in raw.values():
            _walk(value, positions)


def _positional(path: str, positions: dict[str, str]) -> str:
    return _BLOCK_ID.sub(lambda match: positions.get(match.group(0), match.group(0)), path)


def _links_fit(segment: StringSegment, text: StringSegmentValue) -> bool:
    try:
        validate_translation_links(segment.string.data, text.string.data)
    except ValueError:
        return False
    return True


def _changed_hrefs(segment: StringSegment, text: StringSegmentValue):
    source_attrs = json.loads(segment.attrs or "null") or {}
    for element_id, attrs in (text.attrs or {}).items():
        source_href = source_attrs.get(element_id, {}).get("href")
        href = attrs.get("href")
        if source_href and href and href != source_href:
            yield source_href, href


def _override(context: TranslationContext, locale: Locale, value) -> bool:
    _, created = SegmentOverride.objects.get_or_create(
        locale=locale,
        context=context,
        defaults={"data_json": json.dumps(value, cls=DjangoJSONEncoder)},
    )
    return created
