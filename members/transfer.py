"""Import and export of member records (CSV, XLSX, JSON), used by the management commands.

One table format for both kinds of member: a ``type`` column says ``group`` or ``individual``
and columns that do not apply to a kind are left empty. Headers may be the English keys below,
their English labels or the Japanese labels; values may be codes, slugs or names in either
language. An export imports back to the same data.

Import validates every row before writing anything: a file with one bad row writes nothing and
the report names each bad row, column and reason. Rows are matched to existing records by
member number, so re-importing a file updates instead of duplicating.
"""

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
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

from .models import (
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
    Tier,
    Visibility,
)
from .text import normalize, romaji

FORMATS = ("csv", "xlsx", "json")
LIST_SEPARATORS = (";", "、", "\n")
NATIONWIDE = "nationwide"
OVERSEAS = "overseas"


@dataclass(frozen=True)
class Column:
    key: str
    en: str
    ja: str
    aliases: tuple[str, ...] = ()
    private: bool = False  # contact data: only in full (secretariat) exports
    internal: bool = False  # consent records: kept out of public exports too


COLUMNS = [
    Column("type", "Type", "種別", ("会員種別", "kind")),
    Column("member_number", "Member number", "会員番号", ("number", "no")),
    Column("name", "Name", "名称", ("氏名", "名前", "団体名")),
    Column("kana", "Reading (kana)", "よみがな", ("ふりがな", "フリガナ", "読み", "kana reading")),
    Column("name_en", "English name", "英語名", ("英文名",)),
    Column("slug", "Slug", "スラッグ"),
    Column("status", "Status", "状態", ("会員状態",)),
    Column("member_since", "Member since", "入会日"),
    Column("last_confirmed", "Last confirmed", "最終確認日"),
    Column("prefecture", "Prefecture", "都道府県", ("所在地",)),
    Column("municipality", "Municipality", "市区町村"),
    Column("service_area", "Service area", "活動地域", ("対象地域",)),
    Column("fields", "Fields", "分野", ("活動分野", "fields of activity")),
    Column("languages", "Languages", "言語", ("対応言語",)),
    Column("subnetworks", "Sub-networks", "サブネットワーク", ("プロジェクト",)),
    Column("description_ja", "Description (Japanese)", "紹介（日本語）", ("紹介文",)),
    Column("description_en", "Description (English)", "紹介（英語）"),
    Column("website", "Website", "ウェブサイト", ("url", "ホームページ")),
    Column("public_email", "Public email", "公開メール", ("公開メールアドレス",)),
    Column("occupation", "Occupation", "職業・専門", ("職業", "専門")),
    Column("affiliation", "Affiliation", "所属団体", ("所属",)),
    Column("bio", "Bio", "自己紹介", ("プロフィール",)),
    Column("visibility", "Visibility", "公開範囲"),
    Column("consent_given_at", "Consent given at", "同意日時", internal=True),
    Column("consent_tier", "Consented tier", "同意した公開範囲", internal=True),
    Column("consent_withdrawn_at", "Consent withdrawn at", "同意撤回日時", internal=True),
    Column("contact_email", "Contact email", "連絡先メール", ("メール",), private=True),
    Column("contact_phone", "Phone", "電話番号", ("電話",), private=True),
    Column("postal_address", "Postal address", "住所", private=True),
    Column("contact_visibility", "Contact visibility", "連絡先の公開範囲", private=True),
]
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
GROUP_ONLY = {"name_en", "slug", "municipality", "service_area", "description_ja",
              "description_en", "website", "public_email"}  # fmt: skip
INDIVIDUAL_ONLY = {"occupation", "affiliation", "bio"}
DATE_COLUMNS = {"member_since", "last_confirmed"}
DATETIME_COLUMNS = {"consent_given_at", "consent_withdrawn_at"}
TEXT_COLUMNS = {"name", "kana", "name_en", "municipality", "description_ja", "description_en",
                "website", "public_email", "occupation", "bio", "contact_email",
                "contact_phone", "postal_address"}  # fmt: skip

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


def _key(text: Any) -> str:
    """The comparison form of a header or a value: NFKC, lower case, single spaces."""
    return normalize(str(text)).lower().replace("_", " ")


# ----------------------------------------------------------------------------- reading files


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, dict[str, Any]]]  # (row number as the user sees it, header → value)


def table_read(*, path: Path) -> Table:
    """Read a CSV (UTF-8 with or without BOM, or Shift_JIS), XLSX (first sheet) or JSON
    (a list of objects)."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path)
    if suffix == ".json":
        return _read_json(path.read_text(encoding="utf-8"))
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Japanese Windows saves CSV as Shift_JIS (cp932) unless told otherwise.
        text = raw.decode("cp932")
    return _read_csv(text)


def _read_csv(text: str) -> Table:
    reader = csv.reader(io.StringIO(text))
    headers = next(reader, [])
    rows = [
        (number, dict(zip(headers, values, strict=False)))
        for number, values in enumerate(reader, start=2)
        if any(v.strip() for v in values)
    ]
    return Table(headers=headers, rows=rows)


def _read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        lines = workbook.worksheets[0].iter_rows(values_only=True)
        headers = [str(h) if h is not None else "" for h in next(lines, ())]
        rows = [
            (number, dict(zip(headers, values, strict=False)))
            for number, values in enumerate(lines, start=2)
            if any(v not in (None, "") for v in values)
        ]
    finally:
        # A read-only workbook keeps its file open until closed.
        workbook.close()
    return Table(headers=headers, rows=rows)


def _read_json(text: str) -> Table:
    records = json.loads(text)
    if isinstance(records, dict):
        records = records.get("members", [])
    headers = list(dict.fromkeys(k for record in records for k in record))
    return Table(headers=headers, rows=list(enumerate(records, start=1)))


# ----------------------------------------------------------------------------- import


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
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
    affiliation: str | None = None
    present: set[str] = field(default_factory=set)


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
        return {_key(s): row for row in rows for s in spellings(row) if s}

    def prefecture(self, value: str):
        value = _key(value)
        if value.isdigit():
            value = value.zfill(2)
        return self.prefectures.get(value) or self.prefectures.get(_key(_bare(value)))


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
    key = _key(value)
    for choice_value, label in choices:
        if key in (_key(choice_value), _key(label)):
            return choice_value
    return words.get(key)


def _headers(headers: list[str], errors: list[RowError]) -> dict[str, str]:
    """Map each file header to a column key; unknown headers are errors (a typo would
    otherwise silently drop a column)."""
    spellings = {
        _key(spelling): column.key
        for column in COLUMNS
        for spelling in (column.key, column.en, column.ja, *column.aliases)
    }
    mapping = {}
    for header in headers:
        key = spellings.get(_key(header))
        if key is None:
            errors.append(RowError(1, header, "unknown column"))
        elif key in mapping.values():
            errors.append(RowError(1, header, "column given twice"))
        else:
            mapping[header] = key
    for required in ("type", "member_number", "name"):
        if required not in mapping.values():
            errors.append(RowError(1, COLUMN_BY_KEY[required].en, "required column is missing"))
    return mapping


def members_import(
    *,
    path: Path | None = None,
    table: Table | None = None,
    dry_run: bool = False,
    progress: bool = False,
) -> ImportReport:
    """Validate every row of a file, then write all of it in one transaction or nothing."""
    table = table if table is not None else table_read(path=path)
    report = ImportReport(dry_run=dry_run)
    mapping = _headers(table.headers, report.errors)
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
        key = (KIND_WORDS.get(_key(values.get("type", ""))), _text(values.get("member_number")))
        if key in seen and all(key):
            report.errors.append(RowError(number, "member_number", f"also used in row {seen[key]}"))
        seen.setdefault(key, number)
        row = _parse_row(number, values, vocabulary, report.errors)
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


def _parse_row(number, values, vocabulary: _Vocabulary, errors: list[RowError]) -> _Row | None:
    before = len(errors)

    def error(column: str, message: str) -> None:
        errors.append(RowError(number, column, message))

    kind = KIND_WORDS.get(_key(values.get("type", "")))
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
    row = _Row(number=number, kind=kind, member=member, is_new=existing is None)
    not_for_kind = INDIVIDUAL_ONLY if kind == GroupMember.kind else GROUP_ONLY
    for key, value in values.items():
        if key in ("type", "member_number"):
            continue
        present = value not in (None, "") and value != []
        if key in not_for_kind:
            if present:
                error(key, f"does not apply to a {kind}")
            continue
        row.present.add(key)
        _set_value(row, key, value, vocabulary, error)
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
        status = _choice(text, Status.choices, STATUS_WORDS) if text else Status.ACTIVE
        if status is None:
            error(key, f"unknown status {text!r}")
        else:
            member.status = status
    elif key in ("visibility", "consent_tier", "contact_visibility"):
        text = _text(value)
        if not text:
            setattr(
                member, key, "" if key == "consent_tier" else member._meta.get_field(key).default
            )
            return
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
            area = AREA_WORDS.get(_key(item))
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
            if _key(item) in index:
                found.append(index[_key(item)])
            else:
                error(key, f"unknown {'field' if key == 'fields' else 'language'} {item!r}")
        setattr(row, key, found)
    elif key == "subnetworks":
        row.subnetworks = []
        for item in _split(value):
            name, _sep, role_text = item.rpartition(":") if ":" in item else (item, "", "")
            subnetwork = vocabulary.subnetworks.get(_key(name))
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
    elif key == "affiliation":
        row.affiliation = _text(value) or None


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
        if row.kind == IndividualMember.kind and "affiliation" in row.present:
            if not group_ids:
                group_ids = dict(GroupMember.objects.values_list("member_number", "pk"))
            member.affiliation_id = group_ids.get(row.affiliation) if row.affiliation else None
        member.save()
        log(instance=member, action="wagtail.create" if row.is_new else "wagtail.edit")
        if row.fields is not None:
            member.fields.set(row.fields)
        if row.languages is not None:
            member.languages.set(row.languages)
        if row.service is not None:
            member.service_prefectures.set(row.service)
        if row.subnetworks is not None:
            _set_participations(member, row.subnetworks)


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


# ----------------------------------------------------------------------------- export


def export_columns(*, public_only: bool) -> list[Column]:
    if public_only:
        return [c for c in COLUMNS if not (c.private or c.internal)]
    return list(COLUMNS)


def export_records(*, public_only: bool) -> Iterable[dict[str, Any]]:
    """Rows for every record the export's audience may see, in member-number order.

    ``--public-only`` exports what an anonymous visitor may see; a full export is the
    secretariat's view. Both go through ``visible_to`` and ``contacts_visible_to``.
    """
    tier = Tier.ANONYMOUS if public_only else Tier.SECRETARIAT
    columns = export_columns(public_only=public_only)
    for model in (GroupMember, IndividualMember):
        members = (
            model.objects.visible_to(tier)
            .order_by("member_number")
            .select_related("prefecture")
            .prefetch_related("fields", "languages", "participations__subnetwork")
        )
        if model is GroupMember:
            members = members.prefetch_related("service_prefectures")
        else:
            members = members.select_related("affiliation")
        for member in members:
            yield _record(member, columns, show_contacts=member.contacts_visible_to(tier))


def _record(member, columns: list[Column], *, show_contacts: bool) -> dict[str, Any]:
    is_group = isinstance(member, GroupMember)
    not_for_kind = INDIVIDUAL_ONLY if is_group else GROUP_ONLY
    record: dict[str, Any] = {}
    for column in columns:
        key = column.key
        if key in not_for_kind or (column.private and not show_contacts):
            record[key] = (
                [] if key in ("service_area", "fields", "languages", "subnetworks") else ""
            )
            continue
        record[key] = export_value(member, key)
    return record


def export_value(member, key: str):
    """One column of one member as plain data (codes, slugs, ISO dates); shared with the
    admin's spreadsheet export so both exports read the same."""
    if key == "type":
        return member.kind
    if key == "prefecture":
        return member.prefecture.code if member.prefecture else ""
    if key == "service_area":
        area = [p.code for p in sorted(member.service_prefectures.all(), key=lambda p: p.code)]
        return (
            ([NATIONWIDE] if member.serves_nationwide else [])
            + area
            + ([OVERSEAS] if member.serves_overseas else [])
        )
    if key == "fields":
        return sorted(t.slug for t in member.fields.all())
    if key == "languages":
        return sorted(lang.code for lang in member.languages.all())
    if key == "subnetworks":
        return sorted(f"{p.subnetwork.slug}:{p.role}" for p in member.participations.all())
    if key == "affiliation":
        return member.affiliation.member_number if member.affiliation else ""
    value = getattr(member, key)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else value


def members_export(*, fmt: str, public_only: bool = False, headers: str = "en") -> bytes:
    """The export file's bytes. ``headers``: ``en`` (column keys) or ``ja`` (Japanese labels;
    JSON always uses the keys)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    columns = export_columns(public_only=public_only)
    records = list(export_records(public_only=public_only))
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2).encode()
    names = [c.ja if headers == "ja" else c.key for c in columns]
    lines = [[_cell(record[c.key]) for c in columns] for record in records]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(names)
        writer.writerows(lines)
        # The BOM lets Excel open Japanese text correctly; the importer skips it.
        return out.getvalue().encode("utf-8-sig")
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("members")
    sheet.append(names)
    for line in lines:
        cells = [WriteOnlyCell(sheet, value) for value in line]
        for cell in cells:
            # Member text is data: a description starting with "=" must not become a formula.
            cell.data_type = "s"
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _cell(value) -> str:
    return "; ".join(value) if isinstance(value, list) else str(value)
