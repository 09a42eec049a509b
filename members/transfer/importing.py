"""Importing members: every row is validated before anything is written, then all rows are
written in one transaction.

A file with one bad row writes nothing and the report names each bad row, column and reason.
Rows are matched to existing records by member number, so re-importing a file updates instead of
duplicating. Values may be codes, slugs or names in either language.

An import never widens exposure (design rule 9). A spreadsheet may be old or half filled in, so:
a blank cell leaves the stored value as it is (a new record takes the default); a row may narrow
status, visibility and consent but never widen them: re-activating, widening a visibility or a
consented tier, or recording a consent are refused for that row, and so the whole file is, with
a message saying to make that change in the admin. A new record without a visibility is listed
for network members at most, never public by the model's default. A row confirmed before the
stored record was is applied, with a warning, and does not move the confirmation date back.
A row that narrows the consented tier and leaves the visibility blank narrows the visibility.
The ``audience`` column (sub-network slugs) may drop sub-networks from a sub-network audience,
never add one. What a row changes of visibility, consent, contact visibility or status is
written to the consent ledger (``ConsentSource.IMPORT``), a new record's values as from nothing.
"""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import slugify
from tqdm import tqdm
from wagtail.log_actions import log

from members.consent import privacy_snapshot, record_privacy_changes
from members.models import (
    ConsentSource,
    FieldTag,
    GroupMember,
    GroupParticipation,
    IndividualMember,
    IndividualParticipation,
    Language,
    ParticipationRole,
    Prefecture,
    Status,
    SubNetwork,
    Visibility,
)
from members.models.privacy import audience_widens
from members.text import normalize, romaji

from .columns import (
    DATE_COLUMNS,
    DATETIME_COLUMNS,
    GROUP_ONLY,
    INDIVIDUAL_ONLY,
    NATIONWIDE,
    OVERSEAS,
    TEXT_COLUMNS,
    match_key,
)
from .reading import FileRefused, RowError, Table, header_mapping, table_read

LIST_SEPARATORS = (";", "、", "\n")

KIND_WORDS = {
    "group": GroupMember.kind, "団体": GroupMember.kind, "団体会員": GroupMember.kind,
    "individual": IndividualMember.kind, "個人": IndividualMember.kind,
    "個人会員": IndividualMember.kind, "person": IndividualMember.kind,
}  # fmt: skip
STATUS_WORDS = {"活動中": Status.ACTIVE, "有効": Status.ACTIVE, "失効": Status.LAPSED,
                "休会": Status.LAPSED}  # fmt: skip
VISIBILITY_WORDS = {"公開": Visibility.PUBLIC, "一般公開": Visibility.PUBLIC,
                    "会員": Visibility.MEMBERS, "会員のみ": Visibility.MEMBERS,
                    "事務局": Visibility.SECRETARIAT, "事務局のみ": Visibility.SECRETARIAT}  # fmt: skip
ROLE_WORDS = {"コーディネーター": ParticipationRole.COORDINATOR, "世話人": ParticipationRole.COORDINATOR,
              "メンバー": ParticipationRole.MEMBER, "参加": ParticipationRole.MEMBER}  # fmt: skip
AREA_WORDS = {"全国": NATIONWIDE, NATIONWIDE: NATIONWIDE, "海外": OVERSEAS, OVERSEAS: OVERSEAS}


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    created: dict[str, int] = field(default_factory=lambda: {"group": 0, "individual": 0})
    updated: dict[str, int] = field(default_factory=lambda: {"group": 0, "individual": 0})
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Row:
    number: int
    kind: str
    member: GroupMember | IndividualMember
    is_new: bool
    fields: list[FieldTag] | None = None
    languages: list[Language] | None = None
    service: list[Prefecture] | None = None
    subnetworks: list[tuple[SubNetwork, str]] | None = None
    audience: list[SubNetwork] | None = None
    affiliation: str | None = None
    # The stored privacy values (the ledger's view), to record what the row changes.
    privacy_before: dict[str, str] = field(default_factory=dict)


class _Vocabulary:
    """Lookups from every accepted spelling (code, slug, Japanese or English name) to a row."""

    def __init__(self):
        self.prefectures = self._index(
            Prefecture.objects.all(), lambda p: (p.code, p.name_ja, p.name_en, _bare(p.name_ja))
        )
        self.fields = self._index(FieldTag.objects.all(), lambda t: (t.slug, t.name, t.name_en))
        self.languages = self._index(
            Language.objects.all(), lambda lang: (lang.code, lang.name_ja, lang.name_en)
        )
        self.subnetworks = self._index(
            SubNetwork.objects.all(), lambda s: (s.slug, s.name_ja, s.name_en)
        )

    @staticmethod
    def _index(rows, spellings) -> dict[str, Any]:
        return {match_key(s): row for row in rows for s in spellings(row) if s}

    def prefecture(self, value: str):
        value = match_key(value)
        if value.isdigit():
            value = value.zfill(2)
        return self.prefectures.get(value) or self.prefectures.get(match_key(_bare(value)))


def _bare(name: str) -> str:
    """東京都 → 東京, 大阪府 → 大阪 (北海道 keeps its 道): names are often written short."""
    return name[:-1] if name and name[-1] in "都府県" and len(name) > 2 else name


def _split(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [normalize(str(v)) for v in value if normalize(str(v))]
    text = normalize(str(value)) if value not in (None, "") else ""
    for separator in LIST_SEPARATORS[1:]:
        text = text.replace(separator, LIST_SEPARATORS[0])
    return [part.strip() for part in text.split(LIST_SEPARATORS[0]) if part.strip()]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # spreadsheets turn "0042" typed as a number into 42.0
    return str(value).strip()


def _choice(value: str, choices, words: dict[str, str]) -> str | None:
    key = match_key(value)
    for choice_value, label in choices:
        if key in (match_key(choice_value), match_key(label)):
            return choice_value
    return words.get(key)


def members_import(
    *,
    path: Path | None = None,
    table: Table | None = None,
    dry_run: bool = False,
    progress: bool = False,
) -> ImportReport:
    """Validate every row of a file, then write all of it in one transaction or nothing."""
    report = ImportReport(dry_run=dry_run)
    try:
        table = table if table is not None else table_read(path=path)
    except FileRefused as refused:
        report.errors.append(RowError(0, "", str(refused)))
        return report
    mapping = header_mapping(table.headers, report.errors)
    if report.errors:
        return report
    vocabulary = _Vocabulary()
    rows: list[_Row] = []
    seen: dict[tuple[str, str], int] = {}
    slugs: dict[str, int] = {}
    for number, raw in tqdm(table.rows, desc="validating", disable=not progress, unit="row"):
        values = {mapping[h]: v for h, v in raw.items() if h in mapping}
        # Duplicates are looked for before the row is validated: an invalid row still
        # claims its member number.
        key = (
            KIND_WORDS.get(match_key(values.get("type", ""))),
            _text(values.get("member_number")),
        )
        if key in seen and all(key):
            report.errors.append(RowError(number, "member_number", f"also used in row {seen[key]}"))
        seen.setdefault(key, number)
        row = _parse_row(number, values, vocabulary, report.errors, report.warnings)
        if row is None:
            continue
        if row.kind == GroupMember.kind:
            _check_slug(row, slugs, report.errors)
        rows.append(row)
    groups_in_file = {n for kind, n in seen if kind == GroupMember.kind}
    known_groups = groups_in_file | set(GroupMember.objects.values_list("member_number", flat=True))
    for row in rows:
        if row.affiliation and row.affiliation not in known_groups:
            report.errors.append(
                RowError(
                    row.number, "affiliation", f"no group with member number {row.affiliation}"
                )
            )
    if report.errors:
        return report
    for row in rows:
        (report.created if row.is_new else report.updated)[row.kind] += 1
    if not dry_run:
        _write(rows, progress=progress)
    return report


def _parse_row(
    number, values, vocabulary: _Vocabulary, errors: list[RowError], warnings: list[RowError]
) -> _Row | None:
    before = len(errors)

    def error(column: str, message: str) -> None:
        errors.append(RowError(number, column, message))

    def warn(column: str, message: str) -> None:
        warnings.append(RowError(number, column, message))

    kind = KIND_WORDS.get(match_key(values.get("type", "")))
    if kind is None:
        error("type", f"must be group or individual, not {_text(values.get('type'))!r}")
        return None
    model = GroupMember if kind == GroupMember.kind else IndividualMember
    member_number = _text(values.get("member_number"))
    if not member_number:
        error("member_number", "is required")
        return None
    existing = model.objects.filter(member_number=member_number).first()
    member = existing or model(member_number=member_number)
    stored = {key: getattr(member, key) for key in GUARDED}
    stored["audience"] = (
        {s.slug for s in existing.audience_subnetworks.all()} if existing else set()
    )
    row = _Row(
        number=number,
        kind=kind,
        member=member,
        is_new=existing is None,
        privacy_before=privacy_snapshot(existing) if existing else {},
    )
    not_for_kind = INDIVIDUAL_ONLY if kind == GroupMember.kind else GROUP_ONLY
    for key, value in values.items():
        if key in ("type", "member_number") or _blank(value):
            # A blank cell is "unchanged" (or the default of a new record): an old or half
            # filled-in sheet must not clear a withdrawal or reset a visibility to the default.
            continue
        if key in not_for_kind:
            error(key, f"does not apply to a {kind}")
            continue
        _set_value(row, key, value, vocabulary, error)
    if _blank(values.get("visibility")):
        # Never wider than the consent the row records; a new record is never public merely
        # because the model's default is.
        start = Visibility.MEMBERS if row.is_new else member.visibility
        member.visibility = _narrowest(start, member.consent_tier)
    if not row.is_new:
        _refuse_widening(member, stored, error)
        _refuse_wider_audience(row, stored, error)
        _keep_newer_confirmation(member, stored, warn)
    if kind == GroupMember.kind and not member.slug:
        member.slug = slugify(member.name_en or romaji(member.kana) or member.member_number)[:110]
    member.normalize_text()
    try:
        # Uniqueness is checked across the whole file and the database by the caller.
        member.full_clean(exclude=["logo", "user", "affiliation"], validate_unique=False)
    except ValidationError as exc:
        for column, messages in exc.message_dict.items():
            for message in messages:
                error("" if column == "__all__" else column, message)
    return row if len(errors) == before else None


def _set_value(row: _Row, key: str, value, vocabulary: _Vocabulary, error) -> None:
    member = row.member
    if key in TEXT_COLUMNS:
        setattr(member, key, _text(value))
    elif key == "slug":
        member.slug = _text(value)
    elif key in DATE_COLUMNS:
        setattr(member, key, _date(value, key, error))
    elif key in DATETIME_COLUMNS:
        setattr(member, key, _datetime(value, key, error))
    elif key == "status":
        text = _text(value)
        status = _choice(text, Status.choices, STATUS_WORDS)
        if status is None:
            error(key, f"unknown status {text!r}")
        else:
            member.status = status
    elif key in ("visibility", "consent_tier", "contact_visibility", "postal_visibility"):
        text = _text(value)
        choice = _choice(text, Visibility.choices, VISIBILITY_WORDS)
        if choice is None:
            error(key, f"unknown visibility {text!r}")
        else:
            setattr(member, key, choice)
    elif key == "prefecture":
        text = _text(value)
        member.prefecture = vocabulary.prefecture(text) if text else None
        if text and member.prefecture is None:
            error(key, f"unknown prefecture {text!r}")
    elif key == "service_area":
        row.service = []
        member.serves_nationwide = member.serves_overseas = False
        for item in _split(value):
            area = AREA_WORDS.get(match_key(item))
            prefecture = vocabulary.prefecture(item)
            if area == NATIONWIDE:
                member.serves_nationwide = True
            elif area == OVERSEAS:
                member.serves_overseas = True
            elif prefecture is not None:
                row.service.append(prefecture)
            else:
                error(key, f"unknown prefecture or area {item!r}")
    elif key in ("fields", "languages"):
        index = vocabulary.fields if key == "fields" else vocabulary.languages
        found = []
        for item in _split(value):
            if match_key(item) in index:
                found.append(index[match_key(item)])
            else:
                error(key, f"unknown {'field' if key == 'fields' else 'language'} {item!r}")
        setattr(row, key, found)
    elif key == "subnetworks":
        row.subnetworks = []
        for item in _split(value):
            name, _sep, role_text = item.rpartition(":") if ":" in item else (item, "", "")
            subnetwork = vocabulary.subnetworks.get(match_key(name))
            role = (
                _choice(role_text, ParticipationRole.choices, ROLE_WORDS)
                if role_text
                else ParticipationRole.MEMBER
            )
            if subnetwork is None:
                error(key, f"unknown sub-network {name!r}")
            elif role is None:
                error(key, f"unknown role {role_text!r}")
            else:
                row.subnetworks.append((subnetwork, role))
    elif key == "audience":
        row.audience = []
        for item in _split(value):
            subnetwork = vocabulary.subnetworks.get(match_key(item))
            if subnetwork is None:
                error(key, f"unknown sub-network code {item!r}")
            else:
                row.audience.append(subnetwork)
    elif key == "affiliation":
        row.affiliation = _text(value) or None


# Stored values an import may narrow but never widen, and the confirmation date it compares.
# (A withdrawal cannot be cleared at all: only a blank cell could, and blank cells are skipped.)
GUARDED = ("status", "visibility", "contact_visibility", "postal_visibility", "consent_tier",
           "consent_given_at", "last_confirmed")  # fmt: skip
# Where a widening change belongs instead: the admin records who made it (and a consent given
# there goes through ``member_give_consent``).
IN_THE_ADMIN = "an import never does this; make the change in the admin"


def _blank(value) -> bool:
    if isinstance(value, list | tuple):
        return all(_blank(v) for v in value)
    return value is None or (isinstance(value, str) and not value.strip())


def _narrowest(*visibilities: str) -> str:
    return max((v for v in visibilities if v), key=lambda v: Visibility(v).tier)


def _refuse_widening(member, stored: dict[str, Any], error) -> None:
    if stored["status"] == Status.LAPSED and member.status == Status.ACTIVE:
        error("status", f"would re-activate a lapsed member; {IN_THE_ADMIN}")
    for key in ("visibility", "contact_visibility", "postal_visibility", "consent_tier"):
        before, after = stored[key], getattr(member, key)
        # A blank consented tier sets no limit, so any tier narrows it.
        if before and after and Visibility(after).tier < Visibility(before).tier:
            error(key, f"would widen {before!r} to {after!r}; {IN_THE_ADMIN}")
    if stored["consent_given_at"] is None and member.consent_given_at is not None:
        error(
            "consent_given_at", f"would record a consent the member has not given; {IN_THE_ADMIN}"
        )


def _refuse_wider_audience(row: _Row, stored: dict[str, Any], error) -> None:
    """A sub-network audience that gains a sub-network reaches new people: the admin's job."""
    if row.audience is None:
        return
    after = {subnetwork.slug for subnetwork in row.audience}
    for key in ("visibility", "contact_visibility"):
        value = getattr(row.member, key)
        both = stored[key] == Visibility.SUBNETWORKS and value == Visibility.SUBNETWORKS
        if both and audience_widens(before=(value, stored["audience"]), after=(value, after)):
            added = ", ".join(sorted(after - stored["audience"]))
            error("audience", f"would show the {key} to {added}; {IN_THE_ADMIN}")
            return


def _keep_newer_confirmation(member, stored: dict[str, Any], warn) -> None:
    before, after = stored["last_confirmed"], member.last_confirmed
    if before and after and after < before:
        warn(
            "last_confirmed",
            f"the row is older than the record: confirmed on {after.isoformat()}, the record "
            f"on {before.isoformat()}; its values were applied, the newer date kept",
        )
        member.last_confirmed = before


def _date(value, column, error) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = normalize(str(value)).replace("/", "-").replace(".", "-")
    try:
        parsed = parse_date(text)
    except ValueError:
        parsed = None
    if parsed is None:
        error(column, f"not a date (YYYY-MM-DD): {value!r}")
    return parsed


def _datetime(value, column, error) -> dt.datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        parsed = value
    else:
        text = normalize(str(value)).replace("/", "-")
        try:
            parsed = parse_datetime(text)
            if parsed is None and (day := parse_date(text)) is not None:
                parsed = dt.datetime.combine(day, dt.time())
        except ValueError:
            parsed = None
    if parsed is None:
        error(column, f"not a date and time (ISO 8601): {value!r}")
        return None
    # A time without a zone is Japanese local time, the zone the network works in.
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


def _check_slug(row: _Row, slugs: dict[str, int], errors: list[RowError]) -> None:
    slug = row.member.slug
    if slug in slugs:
        errors.append(RowError(row.number, "slug", f"{slug!r} is also used in row {slugs[slug]}"))
    slugs[slug] = row.number
    taken = GroupMember.objects.filter(slug=slug).exclude(member_number=row.member.member_number)
    if taken.exists():
        errors.append(RowError(row.number, "slug", f"{slug!r} is used by another group"))


@transaction.atomic
def _write(rows: list[_Row], *, progress: bool) -> None:
    # Groups first: an individual's affiliation may point at a group created by this file.
    rows = sorted(rows, key=lambda r: r.kind != GroupMember.kind)
    group_ids: dict[str, int] = {}
    for row in tqdm(rows, desc="importing", disable=not progress, unit="row"):
        member = row.member
        if row.affiliation is not None:
            if not group_ids:
                group_ids = dict(GroupMember.objects.values_list("member_number", "pk"))
            member.affiliation_id = group_ids.get(row.affiliation)
        # Parental relations (a draft carries them): set in memory, written by ``save``.
        if row.fields is not None:
            member.fields.set(row.fields)
        if row.languages is not None:
            member.languages.set(row.languages)
        if row.service is not None:
            member.service_prefectures.set(row.service)
        member.save()
        log(instance=member, action="wagtail.create" if row.is_new else "wagtail.edit")
        if row.subnetworks is not None:
            _set_participations(member, row.subnetworks)
        if row.audience is not None:
            member.audience_subnetworks.set(row.audience)
        record_privacy_changes(member=member, before=row.privacy_before, how=ConsentSource.IMPORT)


def _set_participations(member, wanted: list[tuple[SubNetwork, str]]) -> None:
    model, owner = (
        (GroupParticipation, "group")
        if isinstance(member, GroupMember)
        else (IndividualParticipation, "individual")
    )
    model.objects.filter(**{owner: member}).exclude(
        subnetwork__in=[s for s, _role in wanted]
    ).delete()
    for subnetwork, role in wanted:
        model.objects.update_or_create(
            **{owner: member}, subnetwork=subnetwork, defaults={"role": role}
        )
