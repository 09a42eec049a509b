"""The directory's controlled vocabulary, loaded by data migrations and shared by the seed.

Region slugs and JIS prefecture codes are public identifiers: they appear in URLs
(``/members/?region=chubu&prefecture=23``) and must not change.
"""

REGIONS = [
    # (slug, 日本語, English)
    ("hokkaido", "北海道地方", "Hokkaido"),
    ("tohoku", "東北地方", "Tohoku"),
    ("kanto", "関東地方", "Kanto"),
    ("chubu", "中部地方", "Chubu"),
    ("kinki", "近畿地方", "Kinki"),
    ("chugoku", "中国地方", "Chugoku"),
    ("shikoku", "四国地方", "Shikoku"),
    ("kyushu", "九州・沖縄地方", "Kyushu & Okinawa"),
]

PREFECTURES = [
    # (JIS code, region slug, 日本語, English)
    ("01", "hokkaido", "北海道", "Hokkaido"),
    ("02", "tohoku", "青森県", "Aomori"),
    ("03", "tohoku", "岩手県", "Iwate"),
    ("04", "tohoku", "宮城県", "Miyagi"),
    ("05", "tohoku", "秋田県", "Akita"),
    ("06", "tohoku", "山形県", "Yamagata"),
    ("07", "tohoku", "福島県", "Fukushima"),
    ("08", "kanto", "茨城県", "Ibaraki"),
    ("09", "kanto", "栃木県", "Tochigi"),
    ("10", "kanto", "群馬県", "Gunma"),
    ("11", "kanto", "埼玉県", "Saitama"),
    ("12", "kanto", "千葉県", "Chiba"),
    ("13", "kanto", "東京都", "Tokyo"),
    ("14", "kanto", "神奈川県", "Kanagawa"),
    ("15", "chubu", "新潟県", "Niigata"),
    ("16", "chubu", "富山県", "Toyama"),
    ("17", "chubu", "石川県", "Ishikawa"),
    ("18", "chubu", "福井県", "Fukui"),
    ("19", "chubu", "山梨県", "Yamanashi"),
    ("20", "chubu", "長野県", "Nagano"),
    ("21", "chubu", "岐阜県", "Gifu"),
    ("22", "chubu", "静岡県", "Shizuoka"),
    ("23", "chubu", "愛知県", "Aichi"),
    ("24", "kinki", "三重県", "Mie"),
    ("25", "kinki", "滋賀県", "Shiga"),
    ("26", "kinki", "京都府", "Kyoto"),
    ("27", "kinki", "大阪府", "Osaka"),
    ("28", "kinki", "兵庫県", "Hyogo"),
    ("29", "kinki", "奈良県", "Nara"),
    ("30", "kinki", "和歌山県", "Wakayama"),
    ("31", "chugoku", "鳥取県", "Tottori"),
    ("32", "chugoku", "島根県", "Shimane"),
    ("33", "chugoku", "岡山県", "Okayama"),
    ("34", "chugoku", "広島県", "Hiroshima"),
    ("35", "chugoku", "山口県", "Yamaguchi"),
    ("36", "shikoku", "徳島県", "Tokushima"),
    ("37", "shikoku", "香川県", "Kagawa"),
    ("38", "shikoku", "愛媛県", "Ehime"),
    ("39", "shikoku", "高知県", "Kochi"),
    ("40", "kyushu", "福岡県", "Fukuoka"),
    ("41", "kyushu", "佐賀県", "Saga"),
    ("42", "kyushu", "長崎県", "Nagasaki"),
    ("43", "kyushu", "熊本県", "Kumamoto"),
    ("44", "kyushu", "大分県", "Oita"),
    ("45", "kyushu", "宮崎県", "Miyazaki"),
    ("46", "kyushu", "鹿児島県", "Kagoshima"),
    ("47", "kyushu", "沖縄県", "Okinawa"),
]

FIELDS = [
    # (slug, 日本語, English)
    ("technical-intern-training", "技能実習", "Technical intern training"),
    ("immigration-detention", "入管・収容", "Immigration & detention"),
    ("refugees", "難民", "Refugees"),
    ("women-dv", "女性・DV", "Women & domestic violence"),
    ("children-education", "子ども・教育", "Children & education"),
    ("medical-care", "医療", "Medical care"),
    ("welfare-social-security", "福祉・社会保障", "Welfare & social security"),
    ("poverty-housing", "貧困・住まい", "Poverty & housing"),
    ("labour", "労働", "Labour"),
    ("hate-speech-discrimination", "ヘイトスピーチ・差別", "Hate speech & discrimination"),
    ("international-human-rights", "国際人権", "International human rights"),
    ("japanese-language-teaching", "日本語教育", "Japanese language teaching"),
    ("interpretation-translation", "通訳・翻訳", "Interpretation & translation"),
    ("legal-aid", "法律相談", "Legal aid"),
    ("international-marriage-family", "国際結婚・家族", "International marriage & family"),
    ("disaster-support", "災害支援", "Disaster support"),
]

LANGUAGES = [
    # (code, 日本語, English): the site's language code where the site has the language
    # (settings.SITE_LANGUAGES), so a reader's language joins the directory; else ISO 639-1.
    ("ja", "日本語", "Japanese"),
    ("en", "英語", "English"),
    ("vi", "ベトナム語", "Vietnamese"),
    ("tl", "タガログ語", "Tagalog"),
    ("pt-br", "ポルトガル語", "Portuguese"),
    ("zh-hans", "中国語", "Chinese"),
    ("ko", "韓国・朝鮮語", "Korean"),
    ("ne", "ネパール語", "Nepali"),
    ("id", "インドネシア語", "Indonesian"),
    ("es", "スペイン語", "Spanish"),
    ("my", "ビルマ語", "Burmese"),
    ("th", "タイ語", "Thai"),
    ("si", "シンハラ語", "Sinhala"),
    ("bn", "ベンガル語", "Bengali"),
    ("ur", "ウルドゥー語", "Urdu"),
    ("fa", "ペルシャ語", "Persian"),
    ("tr", "トルコ語", "Turkish"),
    ("ru", "ロシア語", "Russian"),
    ("fr", "フランス語", "French"),
    ("mn", "モンゴル語", "Mongolian"),
]

SUBNETWORKS = [
    # (slug, 日本語, English)
    ("trainees", "外国人技能実習生権利ネットワーク", "Technical Intern Trainees' Rights Network"),
    ("immigration-law", "入管法対策会議", "Immigration Law Action Council"),
    ("women", "女性プロジェクト", "Women's Project"),
    (
        "health-welfare",
        "医療・福祉・社会保障プロジェクト",
        "Medical Care, Welfare and Social Security Project",
    ),
    (
        "children-youth",
        "外国につながる子ども・若者プロジェクト",
        "Children and Youth with Foreign Roots Project",
    ),
    ("poverty", "貧困対策プロジェクト", "Anti-Poverty Project"),
]

# Service areas beyond single prefectures.
NATIONWIDE = "nationwide"  # 全国
OVERSEAS = "overseas"  # 海外

# Other names that find a vocabulary value in the search box (search.understanding), loaded
# into each row's editable ``synonyms`` by a migration. The row's own names (with 地方, 県, 語…
# left off), their kana reading and romaji are added automatically; these are the rest: cities,
# countries, endonyms and everyday words. Keyed by slug or code.
SYNONYMS = {
    "region": {
        "kyushu": "九州, 沖縄, Kyushu, Okinawa",
        "kinki": "関西, Kansai",
    },
    "prefecture": {
        "01": "札幌, Sapporo",
        "03": "盛岡, Morioka",
        "04": "仙台, Sendai",
        "07": "郡山, Koriyama",
        "08": "水戸, Mito",
        "10": "前橋, 伊勢崎, 大泉, Maebashi, Isesaki, Oizumi",
        "11": "さいたま, 川口, 蕨, Saitama city, Kawaguchi, Warabi",
        "12": "千葉市, 松戸, Matsudo",
        "13": "新宿, 江戸川, 池袋, Shinjuku, Edogawa, Ikebukuro",
        "14": "横浜, 川崎, 相模原, Yokohama, Kawasaki, Sagamihara",
        "15": "新潟市, Niigata city",
        "16": "富山市, Toyama city",
        "17": "金沢, Kanazawa",
        "18": "福井市",
        "20": "長野市",
        "21": "岐阜市, 美濃加茂, Minokamo",
        "22": "静岡市, 浜松, Hamamatsu",
        "23": "名古屋, 小牧, 豊田, 岡崎, Nagoya, Komaki, Toyota, Okazaki",
        "26": "京都市",
        "27": "大阪市, 堺, Sakai",
        "28": "神戸, 尼崎, 姫路, Kobe, Amagasaki, Himeji",
        "33": "岡山市, 総社, Soja",
        "34": "広島市",
        "35": "下関, Shimonoseki",
        "40": "北九州, 福岡市, 久留米, Kitakyushu, Kurume",
        "43": "熊本市",
        "47": "那覇, Naha",
    },
    "field": {
        "technical-intern-training": "実習生, 技能実習生, trainee, trainees",
        "immigration-detention": "入管, 収容, detention",
        "refugees": "refugee",
        "women-dv": "女性, DV, women",
        "children-education": "子ども, こども, 子供, children, youth",
        "medical-care": "medical, health",
        "welfare-social-security": "福祉, 社会保障, welfare",
        "poverty-housing": "貧困, 住まい, poverty, housing",
        "labour": "労働者, labor, workers",
        "hate-speech-discrimination": "ヘイト, ヘイトスピーチ, 差別, hate speech, discrimination",
        "international-human-rights": "人権, human rights",
        "interpretation-translation": "通訳, 翻訳, interpreting, translation",
        "legal-aid": "法律, 弁護士, legal, lawyer",
        "international-marriage-family": "国際結婚, marriage",
        "disaster-support": "災害, disaster",
    },
    "language": {
        "vi": "Vietnam, Tiếng Việt, tieng viet",
        "tl": "フィリピン, Filipino, Philippines, Pilipino",
        "pt-br": "ブラジル, Brazil, Brazilian, Português, portugues",
        "zh-hans": "中文, China, Mandarin",
        "ko": "韓国, 朝鮮, Korea, 한국어",
        "ne": "Nepal",
        "id": "Indonesia, Bahasa Indonesia",
        "es": "Español, espanol",
        "my": "ミャンマー, Myanmar, Burma",
        "th": "Thailand",
        "si": "スリランカ, Sri Lanka",
        "bn": "バングラデシュ, Bangladesh",
        "ur": "パキスタン, Pakistan",
        "fa": "イラン, Iran, Farsi",
        "tr": "Türkiye, Turkey",
        "ru": "Russia",
        "fr": "Français, francais",
        "mn": "Mongolia",
    },
}
