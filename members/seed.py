"""A deterministic, realistic demo network: 105 groups and 500 individuals (the 2020 figures).

Everything is drawn from one seeded ``random.Random`` and one seeded Faker, so the same seed
always plans the same network whatever is already in the database. Records are keyed by member
number: a second run finds them all and creates nothing. Rows are bulk-inserted (a few seconds
for the whole network), which bypasses ``save()``, so ``normalize_text()`` is called explicitly.
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from faker import Faker

from . import vocabulary
from .factories import GroupMemberFactory, IndividualMemberFactory
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
    TaggedGroupField,
    TaggedIndividualField,
    Visibility,
    new_person_slug,
)

DEFAULT_SEED = 2020
GROUP_COUNT = 105
INDIVIDUAL_COUNT = 500
# Consent and confirmation dates are relative to this day, not to "now", so they never drift.
REFERENCE_DAY = dt.date(2026, 10, 31)

# Foreign residents by prefecture, in thousands (rounded, Immigration Services Agency, 2023).
RESIDENT_WEIGHTS = {
    "13": 663, "23": 310, "27": 301, "14": 264, "11": 234, "12": 201, "28": 129, "22": 109,
    "40": 91, "08": 87, "10": 72, "26": 69, "21": 62, "24": 61, "34": 55, "01": 53, "09": 47,
    "20": 40, "25": 36, "33": 33, "04": 26, "43": 22, "47": 22, "15": 21, "16": 21, "19": 21,
    "17": 18, "35": 18, "07": 17, "18": 17, "29": 16, "38": 16, "44": 16, "46": 16, "37": 15,
    "42": 12, "32": 10, "03": 9, "06": 9, "41": 9, "45": 9, "30": 8, "02": 7, "36": 7, "31": 6,
    "05": 5, "39": 5,
}  # fmt: skip

# Municipalities a group may be named after: "name|reading|English|suffix".
CITIES = {
    "01": ["札幌|さっぽろ|Sapporo|市", "旭川|あさひかわ|Asahikawa|市"],
    "02": ["青森|あおもり|Aomori|市"],
    "03": ["盛岡|もりおか|Morioka|市"],
    "04": ["仙台|せんだい|Sendai|市"],
    "05": ["秋田|あきた|Akita|市"],
    "06": ["山形|やまがた|Yamagata|市"],
    "07": ["郡山|こおりやま|Koriyama|市"],
    "08": ["水戸|みと|Mito|市", "つくば|つくば|Tsukuba|市", "常総|じょうそう|Joso|市"],
    "09": ["宇都宮|うつのみや|Utsunomiya|市", "小山|おやま|Oyama|市"],
    "10": ["大泉|おおいずみ|Oizumi|町", "伊勢崎|いせさき|Isesaki|市", "太田|おおた|Ota|市"],
    "11": ["川口|かわぐち|Kawaguchi|市", "さいたま|さいたま|Saitama|市", "蕨|わらび|Warabi|市"],
    "12": ["千葉|ちば|Chiba|市", "船橋|ふなばし|Funabashi|市", "松戸|まつど|Matsudo|市"],
    "13": [
        "新宿|しんじゅく|Shinjuku|区", "池袋|いけぶくろ|Ikebukuro|", "江戸川|えどがわ|Edogawa|区",
        "品川|しながわ|Shinagawa|区", "足立|あだち|Adachi|区", "多摩|たま|Tama|市",
        "大久保|おおくぼ|Okubo|",
    ],
    "14": [
        "横浜|よこはま|Yokohama|市", "川崎|かわさき|Kawasaki|市", "相模原|さがみはら|Sagamihara|市",
        "大和|やまと|Yamato|市",
    ],
    "15": ["新潟|にいがた|Niigata|市"],
    "16": ["富山|とやま|Toyama|市"],
    "17": ["金沢|かなざわ|Kanazawa|市"],
    "18": ["福井|ふくい|Fukui|市"],
    "19": ["甲府|こうふ|Kofu|市"],
    "20": ["松本|まつもと|Matsumoto|市", "上田|うえだ|Ueda|市"],
    "21": ["岐阜|ぎふ|Gifu|市", "可児|かに|Kani|市", "美濃加茂|みのかも|Minokamo|市"],
    "22": ["浜松|はままつ|Hamamatsu|市", "静岡|しずおか|Shizuoka|市", "磐田|いわた|Iwata|市"],
    "23": [
        "名古屋|なごや|Nagoya|市", "豊田|とよた|Toyota|市", "豊橋|とよはし|Toyohashi|市",
        "岡崎|おかざき|Okazaki|市", "小牧|こまき|Komaki|市",
    ],
    "24": ["四日市|よっかいち|Yokkaichi|市", "鈴鹿|すずか|Suzuka|市", "津|つ|Tsu|市"],
    "25": ["大津|おおつ|Otsu|市", "湖南|こなん|Konan|市"],
    "26": ["京都|きょうと|Kyoto|市"],
    "27": [
        "大阪|おおさか|Osaka|市", "生野|いくの|Ikuno|区", "東大阪|ひがしおおさか|Higashiosaka|市",
        "堺|さかい|Sakai|市",
    ],
    "28": ["神戸|こうべ|Kobe|市", "尼崎|あまがさき|Amagasaki|市", "姫路|ひめじ|Himeji|市"],
    "29": ["奈良|なら|Nara|市"],
    "30": ["和歌山|わかやま|Wakayama|市"],
    "31": ["鳥取|とっとり|Tottori|市"],
    "32": ["出雲|いずも|Izumo|市"],
    "33": ["岡山|おかやま|Okayama|市", "総社|そうじゃ|Soja|市"],
    "34": ["広島|ひろしま|Hiroshima|市", "福山|ふくやま|Fukuyama|市"],
    "35": ["下関|しものせき|Shimonoseki|市"],
    "36": ["徳島|とくしま|Tokushima|市"],
    "37": ["高松|たかまつ|Takamatsu|市"],
    "38": ["松山|まつやま|Matsuyama|市", "今治|いまばり|Imabari|市"],
    "39": ["高知|こうち|Kochi|市"],
    "40": ["福岡|ふくおか|Fukuoka|市", "北九州|きたきゅうしゅう|Kitakyushu|市", "久留米|くるめ|Kurume|市"],
    "41": ["佐賀|さが|Saga|市"],
    "42": ["長崎|ながさき|Nagasaki|市"],
    "43": ["熊本|くまもと|Kumamoto|市"],
    "44": ["大分|おおいた|Oita|市", "別府|べっぷ|Beppu|市"],
    "45": ["宮崎|みやざき|Miyazaki|市"],
    "46": ["鹿児島|かごしま|Kagoshima|市"],
    "47": ["那覇|なは|Naha|市", "沖縄|おきなわ|Okinawa|市"],
}  # fmt: skip


@dataclass(frozen=True)
class GroupKind:
    """A kind of member group: its name, reading and English name around a place name."""

    ja: str
    kana: str
    en: str
    fields: tuple[str, ...]
    languages: tuple[str, ...]
    subnetworks: tuple[str, ...] = ()


GROUP_KINDS = [
    GroupKind("{}外国人労働者支援センター", "{}がいこくじんろうどうしゃしえんせんたー", "{} Support Centre for Foreign Workers", ("labour", "technical-intern-training", "legal-aid"), ("vi", "zh-hans", "id", "tl", "ne", "en"), ("trainees",)),
    GroupKind("{}ベトナム人技能実習生を支える会", "{}べとなむじんぎのうじっしゅうせいをささえるかい", "{} Association Supporting Vietnamese Technical Intern Trainees", ("technical-intern-training", "labour"), ("vi",), ("trainees",)),
    GroupKind("{}インドネシア人実習生ネット", "{}いんどねしあじんじっしゅうせいねっと", "{} Indonesian Trainees Network", ("technical-intern-training", "labour"), ("id",), ("trainees",)),
    GroupKind("{}移住者ネットワーク", "{}いじゅうしゃねっとわーく", "{} Migrants' Network", ("labour", "welfare-social-security", "international-human-rights"), ("en", "tl", "pt-br", "zh-hans")),
    GroupKind("{}入管問題を考える会", "{}にゅうかんもんだいをかんがえるかい", "{} Association on Immigration and Detention Issues", ("immigration-detention", "refugees", "international-human-rights"), ("en", "fa", "tr"), ("immigration-law",)),
    GroupKind("{}多文化共生センター", "{}たぶんかきょうせいせんたー", "{} Multicultural Community Centre", ("children-education", "japanese-language-teaching", "interpretation-translation", "disaster-support"), ("en", "pt-br", "es", "zh-hans", "vi")),
    GroupKind("{}フィリピン女性の会", "{}ふぃりぴんじょせいのかい", "{} Filipino Women's Association", ("women-dv", "international-marriage-family"), ("tl", "en"), ("women",)),
    GroupKind("{}難民支援の会", "{}なんみんしえんのかい", "{} Refugee Support Association", ("refugees", "immigration-detention", "legal-aid"), ("en", "fa", "my", "tr", "fr"), ("immigration-law",)),
    GroupKind("{}外国人医療相談ネット", "{}がいこくじんいりょうそうだんねっと", "{} Medical Consultation Network for Foreign Residents", ("medical-care", "welfare-social-security"), ("en", "zh-hans", "es", "pt-br", "tl"), ("health-welfare",)),
    GroupKind("{}こども日本語教室", "{}こどもにほんごきょうしつ", "{} Japanese Classroom for Children", ("children-education", "japanese-language-teaching"), ("pt-br", "es", "tl", "zh-hans", "ne"), ("children-youth",)),
    GroupKind("{}ユニオン", "{}ゆにおん", "{} Workers' Union", ("labour", "technical-intern-training"), ("en", "vi", "pt-br", "zh-hans"), ("trainees",)),
    GroupKind("{}移住女性シェルター", "{}いじゅうじょせいしぇるたー", "{} Shelter for Migrant Women", ("women-dv", "poverty-housing"), ("tl", "th", "en", "es"), ("women",)),
    GroupKind("{}外国人法律相談ネットワーク", "{}がいこくじんほうりつそうだんねっとわーく", "{} Legal Aid Network for Foreign Residents", ("legal-aid", "immigration-detention"), ("en", "zh-hans", "ko")),
    GroupKind("{}移民・難民くらし支援の会", "{}いみん・なんみんくらししえんのかい", "{} Livelihood Support for Migrants and Refugees", ("poverty-housing", "welfare-social-security", "refugees"), ("en", "ne", "my", "bn"), ("poverty",)),
    GroupKind("{}ヘイトスピーチを許さない会", "{}へいとすぴーちをゆるさないかい", "{} Association Against Hate Speech", ("hate-speech-discrimination", "international-human-rights"), ("ko",)),
    GroupKind("{}外国につながる子どもの学習支援教室", "{}がいこくにつながるこどものがくしゅうしえんきょうしつ", "{} Learning Support for Children with Foreign Roots", ("children-education",), ("pt-br", "es", "tl", "vi", "ne"), ("children-youth",)),
    GroupKind("{}ブラジル人コミュニティ", "{}ぶらじるじんこみゅにてぃ", "{} Brazilian Community", ("children-education", "labour"), ("pt-br", "es")),
    GroupKind("{}ネパール人コミュニティ", "{}ねぱーるじんこみゅにてぃ", "{} Nepali Community", ("children-education", "poverty-housing"), ("ne", "en")),
]  # fmt: skip

# Non-Japanese members' names in katakana (or kanji with a reading): (family, given) parts and
# whether the family name comes first when written.
FOREIGN_NAMES = [
    (["グエン", "チャン", "レ", "ファム"], ["ティ・ラン", "ヴァン・ナム", "ティ・フオン", "ミン・トゥアン"], True, "vi"),
    (["サントス", "レイエス", "クルス", "ガルシア"], ["マリア", "アナ", "ジョセフ", "マリセル"], False, "tl"),
    (["シルバ", "オリベイラ", "ソウザ", "ペレイラ"], ["カルロス", "ルーカス", "ジュリアナ", "アナ"], False, "pt-br"),
    (["タパ", "グルン", "シュレスタ", "ライ"], ["ラム", "シタ", "ビカス", "アニタ"], False, "ne"),
    (["スサンティ", "プラタマ", "ワヒュディ"], ["デウィ", "アグス", "シティ"], False, "id"),
    (["キスペ", "ロドリゲス", "フローレス"], ["ホセ", "ロサ", "ルイス"], False, "es"),
    (["アウン", "ミャ", "ウィン"], ["チョー", "テッ", "ミン"], True, "my"),
]  # fmt: skip
HAN_NAMES = [
    # (kanji, reading, language)
    ("王 麗", "おう れい", "zh-hans"), ("李 明", "り めい", "zh-hans"), ("張 偉", "ちょう い", "zh-hans"),
    ("陳 静", "ちん せい", "zh-hans"), ("金 成民", "きむ そんみん", "ko"), ("朴 智恵", "ぱく ちへ", "ko"),
    ("李 順子", "い すんじゃ", "ko"), ("高 英姫", "こ よんひ", "ko"),
]  # fmt: skip

# (occupation, fields it tends to work in, weight)
OCCUPATIONS = [
    ("弁護士", ("legal-aid", "immigration-detention", "refugees"), 8),
    ("行政書士", ("legal-aid", "immigration-detention"), 6),
    ("社会保険労務士", ("labour", "welfare-social-security"), 3),
    ("医師", ("medical-care",), 4),
    ("看護師", ("medical-care", "welfare-social-security"), 4),
    ("日本語教師", ("japanese-language-teaching", "children-education"), 10),
    ("通訳", ("interpretation-translation", "medical-care"), 8),
    ("翻訳者", ("interpretation-translation",), 3),
    ("研究者", ("international-human-rights", "labour", "children-education"), 7),
    ("大学教員", ("international-human-rights", "children-education"), 4),
    ("ソーシャルワーカー", ("welfare-social-security", "poverty-housing", "women-dv"), 6),
    ("労働組合職員", ("labour", "technical-intern-training"), 5),
    ("NPO職員", ("poverty-housing", "children-education", "refugees"), 8),
    ("小学校教員", ("children-education",), 4),
    ("ジャーナリスト", ("hate-speech-discrimination", "international-human-rights"), 3),
    ("牧師", ("refugees", "immigration-detention"), 2),
    ("会社員", ("labour",), 6),
    ("学生", ("children-education", "hate-speech-discrimination"), 5),
]
# The languages people work in besides Japanese, weighted like the communities they serve.
LANGUAGE_WEIGHTS = {"en": 30, "vi": 12, "zh-hans": 14, "tl": 10, "pt-br": 10, "ko": 8, "ne": 6, "id": 5, "es": 6, "my": 3, "th": 2, "fa": 1}  # fmt: skip


@dataclass
class SeedResult:
    groups_created: int = 0
    individuals_created: int = 0


@dataclass
class _GroupPlan:
    number: str
    member: GroupMember
    kind: GroupKind
    fields: list[str]
    languages: list[str]
    service: list[str]
    subnetworks: dict[str, str] = field(default_factory=dict)


@dataclass
class _IndividualPlan:
    number: str
    member: IndividualMember
    fields: list[str]
    languages: list[str]
    affiliation: str | None
    subnetworks: dict[str, str] = field(default_factory=dict)


def seed_network(
    *, seed: int = DEFAULT_SEED, groups: int = GROUP_COUNT, individuals: int = INDIVIDUAL_COUNT
) -> SeedResult:
    """Create the demo network's missing members; existing member numbers are left alone."""
    planner = _Planner(seed=seed)
    group_plans = planner.groups(groups)
    individual_plans = planner.individuals(individuals, group_plans)
    with transaction.atomic():
        created_groups = _write_groups(group_plans)
        created_people = _write_individuals(individual_plans)
    return SeedResult(groups_created=created_groups, individuals_created=created_people)


class _Planner:
    def __init__(self, *, seed: int):
        self.random = random.Random(seed)
        self.faker = Faker("ja_JP")
        self.faker.seed_instance(seed)
        self.prefectures = {p.code: p for p in Prefecture.objects.select_related("region")}
        self.codes = sorted(RESIDENT_WEIGHTS)
        self.weights = [RESIDENT_WEIGHTS[c] for c in self.codes]
        self.field_names = {slug: (ja, en) for slug, ja, en in vocabulary.FIELDS}
        self.language_names = {code: (ja, en) for code, ja, en in vocabulary.LANGUAGES}

    def _prefecture_code(self) -> str:
        return self.random.choices(self.codes, weights=self.weights)[0]

    def _date(self, start_year: int) -> dt.date:
        start = dt.date(start_year, 1, 1)
        return start + dt.timedelta(days=self.random.randrange((REFERENCE_DAY - start).days))

    def _moment(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(10, 0), tzinfo=dt.UTC)

    def _consent(self, visibility: str, since: dt.date, *, withdrawn: bool) -> dict:
        given = self._moment(max(since, dt.date(2015, 4, 1)))
        return {
            "consent_given_at": given,
            "consent_tier": visibility,
            "consent_withdrawn_at": self._moment(REFERENCE_DAY - dt.timedelta(days=30))
            if withdrawn
            else None,
        }

    def _address(self, code: str, municipality: str) -> str:
        f = self.faker
        return f"〒{f.zipcode()} {self.prefectures[code].name_ja}{municipality}{f.town()}{f.chome()}{f.ban()}"

    def groups(self, count: int) -> list[_GroupPlan]:
        # One group in each 地方 first so that small regions are never left out by chance.
        region_codes = {}
        for code, region, _ja, _en in vocabulary.PREFECTURES:
            region_codes.setdefault(region, []).append(code)
        codes = [
            self.random.choices(cs, weights=[RESIDENT_WEIGHTS[c] for c in cs])[0]
            for cs in region_codes.values()
        ]
        codes += [self._prefecture_code() for _ in range(count - len(codes))]
        used: set[str] = set()
        plans = []
        for index, code in enumerate(codes[:count], start=1):
            plans.append(self._group(index, code, used))
        self._assign_group_subnetworks(plans)
        return plans

    def _group(self, index: int, code: str, used: set[str]) -> _GroupPlan:
        # Names and slugs are unique; 大田 (Tokyo) and 太田 (Gunma) share "Ota" in English.
        while True:
            city = self.random.choice(CITIES[code]).split("|")
            kind = self.random.choice(GROUP_KINDS)
            name = kind.ja.format(city[0])
            name_en = kind.en.format(city[2])
            slug = slugify(name_en)[:110]
            if name not in used and slug not in used:
                used.update((name, slug))
                break
        place_ja, place_kana, place_en, suffix = city
        municipality = place_ja + suffix
        fields = list(kind.fields[: self.random.randint(1, len(kind.fields))])
        if self.random.random() < 0.3:
            fields.append(self.random.choice(list(self.field_names)))
        fields = list(dict.fromkeys(fields))
        languages = ["ja", *self.random.sample(kind.languages, min(len(kind.languages), 3))]
        region = self.prefectures[code].region_id
        neighbours = [c for c, p in self.prefectures.items() if p.region_id == region and c != code]
        service = [code, *self.random.sample(neighbours, min(len(neighbours), 2))]
        visibility = self.random.choices(
            [Visibility.PUBLIC, Visibility.MEMBERS, Visibility.SECRETARIAT], weights=[85, 10, 5]
        )[0]
        since = self._date(1997)
        slug_short = slug.replace("-", "")[:20]
        member = GroupMemberFactory.build(
            member_number=f"G{index:04d}",
            name=name,
            kana=kind.kana.format(place_kana),
            name_en=name_en,
            slug=slug,
            prefecture=self.prefectures[code],
            municipality=municipality,
            serves_nationwide=self.random.random() < 0.06,
            serves_overseas=self.random.random() < 0.03,
            description_ja=self._group_text_ja(name, code, municipality, fields, languages),
            description_en=self._group_text_en(name_en, code, place_en, fields, languages),
            website=f"https://{slug_short}.example.org/" if self.random.random() < 0.7 else "",
            public_email=f"info@{slug_short}.example.org" if self.random.random() < 0.6 else "",
            contact_email=f"office@{slug_short}.example.org",
            contact_phone=self.faker.phone_number(),
            postal_address=self._address(code, municipality),
            contact_visibility=self.random.choices(
                [Visibility.SECRETARIAT, Visibility.MEMBERS], weights=[80, 20]
            )[0],
            visibility=visibility,
            status=Status.LAPSED if self.random.random() < 0.05 else Status.ACTIVE,
            member_since=since,
            last_confirmed=self._date(2024),
            **self._consent(visibility, since, withdrawn=index % 50 == 0),
        )
        return _GroupPlan(f"G{index:04d}", member, kind, fields, languages, service)

    def _group_text_ja(self, name, code, municipality, fields, languages) -> str:
        fields_ja = "・".join(self.field_names[f][0] for f in fields)
        langs_ja = "・".join(self.language_names[c][0] for c in languages if c != "ja")
        text = (
            f"{name}は{self.prefectures[code].name_ja}{municipality}を拠点に、"
            f"{fields_ja}の分野で活動しています。"
        )
        if langs_ja:
            text += f"日本語のほか{langs_ja}での相談に応じます。"
        return text

    def _group_text_en(self, name_en, code, place_en, fields, languages) -> str:
        fields_en = ", ".join(self.field_names[f][1].lower() for f in fields)
        langs_en = ", ".join(self.language_names[c][1] for c in languages if c != "ja")
        text = f"{name_en} is based in {place_en}, {self.prefectures[code].name_en}, and works on {fields_en}."
        if langs_en:
            text += f" Consultations in Japanese and {langs_en}."
        return text

    def _assign_group_subnetworks(self, plans: list[_GroupPlan]) -> None:
        for slug, _ja, _en in vocabulary.SUBNETWORKS:
            candidates = [
                p for p in plans if slug in p.kind.subnetworks and p.member.status == Status.ACTIVE
            ]
            for plan in candidates:
                plan.subnetworks[slug] = ParticipationRole.MEMBER
            coordinators = self.random.sample(
                candidates or plans, min(len(candidates or plans), self.random.randint(1, 2))
            )
            for plan in coordinators:
                plan.subnetworks[slug] = ParticipationRole.COORDINATOR
        for plan in plans:
            if self.random.random() < 0.15:
                slug = self.random.choice(vocabulary.SUBNETWORKS)[0]
                plan.subnetworks.setdefault(slug, ParticipationRole.MEMBER)

    def individuals(self, count: int, groups: list[_GroupPlan]) -> list[_IndividualPlan]:
        by_prefecture: dict[str, list[str]] = {}
        for plan in groups:
            by_prefecture.setdefault(plan.member.prefecture.code, []).append(plan.number)
        occupations = [o for o, _f, _w in OCCUPATIONS]
        occupation_fields = {o: f for o, f, _w in OCCUPATIONS}
        occupation_weights = [w for _o, _f, w in OCCUPATIONS]
        coordinators = {
            slug: 1 + i * 83 for i, (slug, _ja, _en) in enumerate(vocabulary.SUBNETWORKS)
        }
        plans = []
        for index in range(1, count + 1):
            code = self._prefecture_code()
            name, kana, own_language = self._person_name()
            occupation = self.random.choices(occupations, weights=occupation_weights)[0]
            fields = list(
                dict.fromkeys(
                    self.random.sample(
                        occupation_fields[occupation],
                        self.random.randint(1, len(occupation_fields[occupation])),
                    )
                )
            )
            languages = ["ja"]
            if own_language:
                languages.append(own_language)
            if self.random.random() < 0.6:
                languages.append(
                    self.random.choices(list(LANGUAGE_WEIGHTS), weights=LANGUAGE_WEIGHTS.values())[
                        0
                    ]
                )
            languages = list(dict.fromkeys(languages))
            visibility = self.random.choices(
                [Visibility.MEMBERS, Visibility.SECRETARIAT], weights=[80, 20]
            )[0]
            since = self._date(2000)
            affiliation = None
            if by_prefecture.get(code) and self.random.random() < 0.35:
                affiliation = self.random.choice(by_prefecture[code])
            subnetworks = {}
            if self.random.random() < 0.3:
                subnetworks[self.random.choice(vocabulary.SUBNETWORKS)[0]] = (
                    ParticipationRole.MEMBER
                )
            for slug, number in coordinators.items():
                if number == index:
                    subnetworks[slug] = ParticipationRole.COORDINATOR
            no_consent_yet = index % 125 == 7
            consent = self._consent(visibility, since, withdrawn=index % 80 == 0)
            if no_consent_yet:
                consent = {
                    "consent_given_at": None,
                    "consent_tier": "",
                    "consent_withdrawn_at": None,
                }
            member = IndividualMemberFactory.build(
                member_number=f"P{index:04d}",
                name=name,
                kana=kana,
                prefecture=self.prefectures[code],
                occupation=occupation,
                bio=self._bio(code, occupation, fields, languages),
                contact_email=f"member{index:04d}@example.jp",
                contact_phone=self.faker.phone_number(),
                postal_address=self._address(code, ""),
                contact_visibility=Visibility.SECRETARIAT,
                visibility=visibility,
                status=Status.LAPSED if self.random.random() < 0.05 else Status.ACTIVE,
                member_since=since,
                last_confirmed=self._date(2024),
                **consent,
            )
            plans.append(
                _IndividualPlan(
                    f"P{index:04d}", member, fields, languages, affiliation, subnetworks
                )
            )
        return plans

    def _person_name(self) -> tuple[str, str, str | None]:
        roll = self.random.random()
        if roll < 0.08:
            families, givens, family_first, language = self.random.choice(FOREIGN_NAMES)
            family, given = self.random.choice(families), self.random.choice(givens)
            name = f"{family}・{given}" if family_first else f"{given}・{family}"
            return name, name, language
        if roll < 0.12:
            name, kana, language = self.random.choice(HAN_NAMES)
            return name, kana, language
        family = self.faker.last_name_pair()
        given = self.faker.first_name_pair()
        return f"{family[0]} {given[0]}", f"{family[1]} {given[1]}", None

    def _bio(self, code, occupation, fields, languages) -> str:
        fields_ja = "、".join(self.field_names[f][0] for f in fields)
        other = [self.language_names[c][0] for c in languages if c != "ja"]
        text = (
            f"{self.prefectures[code].name_ja}在住の{occupation}。{fields_ja}に取り組んでいます。"
        )
        if other:
            text += f"{'・'.join(other)}で対応できます。"
        return text


def _write_groups(plans: list[_GroupPlan]) -> int:
    existing = set(GroupMember.objects.values_list("member_number", flat=True))
    new = [p for p in plans if p.number not in existing]
    for plan in new:
        plan.member.normalize_text()
    GroupMember.objects.bulk_create([p.member for p in new], batch_size=200)
    tags = {t.slug: t for t in FieldTag.objects.all()}
    languages = {lang.code: lang for lang in Language.objects.all()}
    prefectures = {p.code: p for p in Prefecture.objects.all()}
    subnetworks = {s.slug: s for s in SubNetwork.objects.all()}
    LanguageLink = GroupMember.languages.through
    ServiceLink = GroupMember.service_prefectures.through
    TaggedGroupField.objects.bulk_create(
        TaggedGroupField(content_object=p.member, tag=tags[f]) for p in new for f in p.fields
    )
    LanguageLink.objects.bulk_create(
        LanguageLink(groupmember=p.member, language=languages[c]) for p in new for c in p.languages
    )
    ServiceLink.objects.bulk_create(
        ServiceLink(groupmember=p.member, prefecture=prefectures[c]) for p in new for c in p.service
    )
    GroupParticipation.objects.bulk_create(
        GroupParticipation(group=p.member, subnetwork=subnetworks[s], role=role)
        for p in new
        for s, role in p.subnetworks.items()
    )
    return len(new)


def _write_individuals(plans: list[_IndividualPlan]) -> int:
    existing = set(IndividualMember.objects.values_list("member_number", flat=True))
    new = [p for p in plans if p.number not in existing]
    groups = dict(GroupMember.objects.values_list("member_number", "pk"))
    for plan in new:
        plan.member.normalize_text()
        plan.member.affiliation_id = groups.get(plan.affiliation) if plan.affiliation else None
        # Its own generator, so the same seed gives the same URLs without shifting the rest.
        plan.member.slug = new_person_slug(random.Random(plan.number))
    IndividualMember.objects.bulk_create([p.member for p in new], batch_size=200)
    tags = {t.slug: t for t in FieldTag.objects.all()}
    languages = {lang.code: lang for lang in Language.objects.all()}
    subnetworks = {s.slug: s for s in SubNetwork.objects.all()}
    LanguageLink = IndividualMember.languages.through
    TaggedIndividualField.objects.bulk_create(
        TaggedIndividualField(content_object=p.member, tag=tags[f]) for p in new for f in p.fields
    )
    LanguageLink.objects.bulk_create(
        LanguageLink(individualmember=p.member, language=languages[c])
        for p in new
        for c in p.languages
    )
    IndividualParticipation.objects.bulk_create(
        IndividualParticipation(individual=p.member, subnetwork=subnetworks[s], role=role)
        for p in new
        for s, role in p.subnetworks.items()
    )
    return len(new)
