"""The one table format of member import and export, for both kinds of member.

A ``type`` column says ``group`` or ``individual``; columns that do not apply to a kind are left
empty. Headers may be a column's key, its English label, its Japanese label or an alias.
"""

import unicodedata
from dataclasses import dataclass
from typing import Any

from members.text import normalize

FORMATS = ("csv", "xlsx", "json")
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
    # The slugs of the sub-networks a "members of chosen sub-networks" audience names (the
    # entry's, and its contacts'): who may see it, so kept out of public exports.
    Column(
        "audience",
        "Audience sub-networks",
        "公開先プロジェクト",
        ("audience_subnetworks", "公開先"),
        internal=True,
    ),
    Column("consent_given_at", "Consent given at", "同意日時", internal=True),
    Column("consent_tier", "Consented tier", "同意した公開範囲", internal=True),
    Column("consent_withdrawn_at", "Consent withdrawn at", "同意撤回日時", internal=True),
    Column("contact_email", "Contact email", "連絡先メール", ("メール",), private=True),
    Column("contact_phone", "Phone", "電話番号", ("電話",), private=True),
    Column("postal_address", "Postal address", "住所", private=True),
    Column("contact_visibility", "Contact visibility", "連絡先の公開範囲", private=True),
    Column("postal_visibility", "Postal address visibility", "住所の公開範囲", private=True),
]
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
GROUP_ONLY = {"name_en", "slug", "municipality", "service_area", "description_ja",
              "description_en", "website", "public_email"}  # fmt: skip
INDIVIDUAL_ONLY = {"occupation", "affiliation", "bio"}
DATE_COLUMNS = {"member_since", "last_confirmed"}
LIST_COLUMNS = {"service_area", "fields", "languages", "subnetworks", "audience"}
DATETIME_COLUMNS = {"consent_given_at", "consent_withdrawn_at"}
TEXT_COLUMNS = {"name", "kana", "name_en", "municipality", "description_ja", "description_en",
                "website", "public_email", "occupation", "bio", "contact_email",
                "contact_phone", "postal_address"}  # fmt: skip


# A CSV cell starting with one of these is run as a formula by Excel, LibreOffice and Google
# Sheets (OWASP's list). Judged after NFKC: Excel reads a full-width ＝ or ＠ as one too.
FORMULA_STARTS = frozenset("=+-@\t\r")


def formula_escaped(text: str) -> str:
    """A CSV cell a spreadsheet shows as text: an apostrophe before a formula start. Apostrophes
    already in front count as part of the start, so ``formula_unescaped`` gives the text back."""
    return "'" + text if _starts_formula(text) else text


def formula_unescaped(text: str) -> str:
    """The text ``formula_escaped`` was given (an import reads back what an export wrote)."""
    return text[1:] if text[:1] == "'" and _starts_formula(text[1:]) else text


def _starts_formula(text: str) -> bool:
    return unicodedata.normalize("NFKC", text).lstrip("'")[:1] in FORMULA_STARTS


def match_key(text: Any) -> str:
    """The comparison form of a header or a value: NFKC, lower case, single spaces."""
    return normalize(str(text)).lower().replace("_", " ")
