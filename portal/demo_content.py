"""The demo site's copy, Japanese first with its English translation beside it.

Written for this site from the network's public facts (see the shared facts file); the seed in
``portal.seed`` turns it into pages. Each entry: ``slug`` plus per-language ``ja``/``en`` fields
and ``shared`` fields that do not depend on the language.
"""

import datetime

from wagtail.rich_text import RichText


def p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def stream(*blocks) -> list:
    """A StreamField value from (block type, value) pairs; strings of rich text become RichText."""
    return [(kind, RichText(value) if kind == "paragraph" else value) for kind, value in blocks]


HOME_ABOUT = {
    "ja": (
        "移住連は、1997年に移住労働者を支える全国のネットワークとして生まれ、2015年にNPO法人と"
        "なりました。各地の支援団体と個人会員が、相談の現場で見えた問題を持ち寄り、"
        "政府や自治体と交渉し、制度と社会の意識を変えるために活動しています。"
    ),
    "en": (
        "SMJ began in 1997 as a nationwide network supporting migrant workers and became an "
        "NPO in 2015. Local support groups and individual members bring together the problems "
        "they meet in their daily casework, negotiate with national and local government, and "
        "work to change both the rules and public attitudes."
    ),
}

ABOUT = {
    "slug": "about",
    "menu": True,
    "ja": {
        "title": "移住連について",
        "intro": "誰も排除されない社会を、ここに暮らすすべての人とともに。",
        "body": stream(
            ("heading", "私たちの役割"),
            (
                "paragraph",
                ul(
                    "全国の支援団体と支援者をつなぐ",
                    "現場の課題を集め、課題ごとに政府・省庁と交渉する",
                    "制度とその運用、そして社会の意識を変えるよう働きかける",
                ),
            ),
            ("heading", "あゆみ"),
            (
                "paragraph",
                p(
                    "高度経済成長期から1990年にかけて、国際結婚や就労のために多くの人が日本に"
                    "移り住みました。労働災害や賃金の未払いなどの問題が起こり、それに向き合う"
                    "支援団体が各地で生まれました。",
                    "<b>1997年</b> 「移住労働者と連帯する全国ネットワーク」として発足。",
                    "<b>2015年</b> NPO法人となり、現在の名称「移住者と連帯する全国ネットワーク」に"
                    "改めました。",
                ),
            ),
            (
                "quote",
                {
                    "quote": "ここで暮らす人は、あなたや私のすぐ隣にいる。誰も排除しない社会へ。",
                    "attribution": "移住連",
                },
            ),
        ),
    },
    "en": {
        "title": "About SMJ",
        "intro": "A society that leaves no one out, built with everyone who lives here.",
        "body": stream(
            ("heading", "What we do"),
            (
                "paragraph",
                ul(
                    "Connect support groups and supporters across Japan",
                    "Collect the problems seen on the ground and negotiate with government "
                    "and ministries, issue by issue",
                    "Push for change in the rules, in how they are applied, and in public "
                    "awareness",
                ),
            ),
            ("heading", "Our history"),
            (
                "paragraph",
                p(
                    "From the years of rapid economic growth up to 1990, many people came to "
                    "Japan through international marriage and to work. Industrial accidents, "
                    "unpaid wages and other problems followed, and local support groups "
                    "formed across the country to respond.",
                    "<b>1997</b> Founded as the National Network in Solidarity with Migrant "
                    "Workers.",
                    "<b>2015</b> Became an NPO and took its present name, Solidarity Network "
                    "with Migrants Japan.",
                ),
            ),
            (
                "quote",
                {
                    "quote": "The people who live here are right next to you and me. Towards "
                    "a society that excludes no one.",
                    "attribution": "SMJ",
                },
            ),
        ),
    },
}

JOIN = {
    "slug": "join",
    "menu": True,
    "ja": {
        "title": "入会のご案内",
        "intro": "団体でも個人でも、移住連の会員になれます。",
        "body": stream(
            ("heading", "団体会員"),
            ("paragraph", p("移住者の支援に取り組む団体が、全国のネットワークに加わります。")),
            ("heading", "個人会員"),
            ("paragraph", p("活動に関心のある方なら、どなたでも個人会員として参加できます。")),
            (
                "paragraph",
                p(
                    'どんな団体が加わっているかは<a href="/members/">会員名簿（会員を探す）</a>で見られます。'
                ),
            ),
            (
                "call_to_action",
                {
                    "text": "入会方法は事務局にお問い合わせください。",
                    "page": None,
                    "url": "",
                    "button_label": "事務局へ連絡",
                },
            ),
        ),
    },
    "en": {
        "title": "How to join",
        "intro": "Groups and individuals can both become members of SMJ.",
        "body": stream(
            ("heading", "Group members"),
            ("paragraph", p("Organisations supporting migrants join the national network.")),
            ("heading", "Individual members"),
            ("paragraph", p("Anyone who cares about this work can join as an individual.")),
            (
                "paragraph",
                p(
                    'See who is already in the network in the <a href="/en/members/">member directory</a>.'
                ),
            ),
            (
                "call_to_action",
                {
                    "text": "Please ask the secretariat how to join.",
                    "page": None,
                    "url": "",
                    "button_label": "Contact the secretariat",
                },
            ),
        ),
    },
}

PRIVACY = {
    "slug": "privacy",
    "menu": False,
    "ja": {
        "title": "プライバシーポリシー",
        "intro": "会員と利用者の個人情報の扱いについて。",
        "body": stream(
            (
                "paragraph",
                p(
                    "会員名簿に掲載する情報は、本人または団体が同意した範囲に限ります。",
                    "連絡先（メール・電話・住所）は、許可された閲覧者以外には表示せず、"
                    "検索の索引にも入れません。",
                ),
            ),
        ),
    },
    "en": {
        "title": "Privacy policy",
        "intro": "How we handle the personal data of members and visitors.",
        "body": stream(
            (
                "paragraph",
                p(
                    "The member directory shows only what each person or group has agreed to show.",
                    "Contact details (email, phone, address) are never shown to viewers who "
                    "were not granted them, and never enter the search index.",
                ),
            ),
        ),
    },
}

PILLARS = [
    {
        "slug": "advocacy",
        "menu": True,
        "shared": {"pillar": "advocacy"},
        "ja": {
            "title": "つくる",
            "intro": "政策を提言し、省庁と交渉し、移住者と外国にルーツをもつ人びとの権利と"
            "尊厳のためにロビー活動を行います。",
        },
        "en": {
            "title": "Advocacy",
            "intro": "We propose policy, negotiate with ministries and lobby for the rights and "
            "dignity of migrants and people with migrant roots.",
        },
    },
    {
        "slug": "networking",
        "menu": True,
        "shared": {"pillar": "networking"},
        "ja": {
            "title": "つながる",
            "intro": "テーマ別のネットワーク、国内外のNGOとの交流、全国フォーラムと"
            "全国ワークショップで、現場どうしをつなぎます。",
        },
        "en": {
            "title": "Networking",
            "intro": "Thematic sub-networks, exchange with NGOs in Japan and abroad, the "
            "national forum and national workshops bring people on the ground together.",
        },
    },
    {
        "slug": "publicity",
        "menu": True,
        "shared": {"pillar": "publicity"},
        "ja": {
            "title": "つたえる",
            "intro": "キャンペーン、情報誌『Mネット』、書籍、SNS、メディアとの協力、講演を"
            "通じて、移住者の現実を伝えます。",
        },
        "en": {
            "title": "Publicity",
            "intro": "Campaigns, our magazine M-net, books, social media, work with the press "
            "and public talks tell the realities migrants face.",
        },
    },
]

INDEXES = {
    "projects": {
        "ja": {
            "title": "プロジェクト",
            "intro": "テーマごとのネットワークが、それぞれの課題に取り組んでいます。",
        },
        "en": {
            "title": "Sub-networks",
            "intro": "Thematic sub-networks, each working on its own set of issues.",
        },
    },
    "news": {
        "ja": {"title": "声明・要請・お知らせ", "intro": "声明、要請、省庁交渉の報告、お知らせ。"},
        "en": {
            "title": "Statements and news",
            "intro": "Statements, requests, reports of ministry negotiations and announcements.",
        },
    },
    "events": {
        "ja": {"title": "イベント", "intro": "全国フォーラム、全国ワークショップなどの催し。"},
        "en": {"title": "Events", "intro": "The national forum, workshops and other gatherings."},
    },
    "m-net": {
        "ja": {"title": "Mネット", "intro": "移住連の情報誌『Mネット』のバックナンバー。"},
        "en": {"title": "M-net magazine", "intro": "Back issues of SMJ's magazine, M-net."},
    },
    "qa": {
        "ja": {
            "title": "Q&A：困ったときに",
            "intro": "移住者のみなさんへ。制度は変わることがあります。各ページの日付を確かめてください。",
        },
        "en": {
            "title": "Q&A: when you need help",
            "intro": "For migrants. Rules change: check the date on each page.",
        },
        "translations": {
            "ja-x-easy": {
                "title": "Q&A：こまったとき",
                "intro": "きまりは かわる ことが あります。ページの 日づけを 見て ください。",
            },
            "vi": {
                "title": "Hỏi đáp: khi bạn cần giúp đỡ",
                "intro": "Dành cho người di cư. Quy định có thể thay đổi: hãy xem ngày trên mỗi trang.",
            },
            "tl": {
                "title": "Q&A: kapag kailangan mo ng tulong",
                "intro": "Para sa mga migrante. Nagbabago ang mga patakaran: tingnan ang petsa sa bawat pahina.",
            },
            "pt-br": {
                "title": "Perguntas e respostas: quando você precisa de ajuda",
                "intro": "Para migrantes. As regras mudam: veja a data em cada página.",
            },
            "zh-hans": {
                "title": "问答：需要帮助的时候",
                "intro": "写给移民朋友。制度可能会变化，请确认每一页上的日期。",
            },
        },
    },
}  # fmt: skip

SUBNETWORK_PAGES = {
    "trainees": {
        "ja": "技能実習生の権利侵害をなくすため、相談事例を共有し、制度の改善を求めます。",
        "en": "Sharing cases and pressing for reform to end rights violations against technical "
        "intern trainees.",
    },
    "immigration-law": {
        "ja": "入管法と収容の問題について、法改定の動きを追い、対案と意見を発信します。",
        "en": "Following changes to the immigration law and detention, and putting forward "
        "alternatives and opinions.",
    },
    "women": {
        "ja": "移住女性が直面する暴力や差別に取り組み、当事者の声を政策に届けます。",
        "en": "Working on the violence and discrimination migrant women face, and bringing their "
        "voices into policy.",
    },
    "health-welfare": {
        "ja": "医療・福祉・社会保障から移住者が取り残されないよう、制度と運用を点検します。",
        "en": "Checking rules and practice so that migrants are not left out of medical care, "
        "welfare and social security.",
    },
    "children-youth": {
        "ja": "外国につながる子ども・若者の教育と進路、在留の問題に取り組みます。",
        "en": "Working on schooling, futures and residence status for children and young people "
        "with foreign roots.",
    },
    "poverty": {
        "ja": "仕事や住まいを失った移住者の生活を支え、公的支援からの排除をなくします。",
        "en": "Supporting migrants who have lost work or housing, and ending their exclusion from "
        "public support.",
    },
}

SUBNETWORK_TAKE_PART = {
    "ja": p("会員団体・個人会員であれば、どなたでも参加できます。事務局にご連絡ください。"),
    "en": p("Any member group or individual member can take part. Please contact the secretariat."),
}


def news_items(today: datetime.date) -> list[dict]:
    return [
        {
            "slug": "statement-immigration-law-reform",
            "shared": {"kind": "statement", "date": datetime.date(2020, 12, 1)},
            "tags": ["immigration-detention", "refugees"],
            "subnetworks": ["immigration-law"],
            "ja": {
                "title": "入管法の改定案に対する声明",
                "summary": "収容の長期化を解決するには、送還の強化ではなく、人権を守る制度が必要です。",
                "body": stream(
                    (
                        "paragraph",
                        p(
                            "長期収容の問題は、在留を認めるべき人を認めてこなかったことから"
                            "生じています。",
                            "私たちは、収容に期限と司法の審査を設け、難民認定と在留特別許可を"
                            "国際基準に沿って運用するよう求めます。",
                        ),
                    ),
                ),
            },
            "en": {
                "title": "Statement on the proposed revision of the Immigration Control Act",
                "summary": "Long detention will not be solved by tougher deportation, but by "
                "rules that protect human rights.",
                "body": stream(
                    (
                        "paragraph",
                        p(
                            "Long-term detention arises because people who should have been "
                            "allowed to stay were refused.",
                            "We call for a time limit and judicial review of detention, and "
                            "for refugee recognition and special permission to stay to follow "
                            "international standards.",
                        ),
                    ),
                ),
            },
        },
        {
            "slug": "request-special-cash-benefit",
            "shared": {"kind": "request", "date": datetime.date(2020, 5, 1)},
            "tags": ["welfare-social-security", "poverty-housing"],
            "subnetworks": ["health-welfare", "poverty"],
            "ja": {
                "title": "特別定額給付金の対象拡大を求める要請",
                "summary": "住民登録のない人など、給付から外された移住者への支給を求めました。",
                "body": stream(
                    (
                        "paragraph",
                        p(
                            "コロナ禍で仕事を失い、住まいまで失う移住者が出ています。",
                            "給付の対象外とされた人にも支給すること、案内と申請書を多言語で"
                            "用意することを求めました。",
                        ),
                    ),
                ),
            },
            "en": {
                "title": "Request to widen the special flat-rate cash benefit",
                "summary": "We asked that migrants left out of the benefit, such as people "
                "without resident registration, receive it too.",
                "body": stream(
                    (
                        "paragraph",
                        p(
                            "During the pandemic migrants have lost their jobs and sometimes "
                            "their homes.",
                            "We asked that the benefit reach those excluded from it, and that "
                            "guidance and application forms be offered in many languages.",
                        ),
                    ),
                ),
            },
        },
        {
            "slug": "request-student-support-payment",
            "shared": {"kind": "request", "date": datetime.date(2020, 5, 25)},
            "tags": ["children-education"],
            "subnetworks": ["children-youth"],
            "ja": {
                "title": "学生支援緊急給付金から留学生・朝鮮大学校生を排除しないよう求める要請",
                "summary": "留学生への追加要件や朝鮮大学校生の除外の撤回を求めました。",
                "body": stream(
                    (
                        "paragraph",
                        p(
                            "学びを続けられるかどうかの瀬戸際にいるのは、国籍や学校の種類に"
                            "かかわらず同じです。すべての学生を対象にするよう求めました。"
                        ),
                    ),
                ),
            },
            "en": {
                "title": "Request not to exclude international students and Korea University "
                "students from the student support payment",
                "summary": "We asked that the extra conditions for international students and "
                "the exclusion of Korea University students be withdrawn.",
                "body": stream(
                    (
                        "paragraph",
                        p(
                            "Students on the edge of giving up their studies face the same "
                            "hardship whatever their nationality or school. We asked that the "
                            "payment cover every student."
                        ),
                    ),
                ),
            },
        },
        {
            "slug": "negotiation-covid-ministries",
            "shared": {
                "kind": "negotiation",
                "date": datetime.date(2020, 7, 10),
                "negotiation_date": datetime.date(2020, 7, 3),
            },
            "tags": ["immigration-detention", "medical-care", "welfare-social-security"],
            "subnetworks": ["health-welfare", "immigration-law"],
            "ja": {
                "title": "省庁交渉報告：新型コロナと移住者の暮らし",
                "ministry": "出入国在留管理庁・厚生労働省",
                "summary": "在留資格、医療・福祉、収容について関係省庁と話し合いました。",
                "demands": ul(
                    "帰国できない人の在留資格を柔軟に更新すること",
                    "在留資格の有無にかかわらず医療につながれるようにすること",
                    "感染の危険がある収容施設から人を解放すること",
                ),
                "responses": p(
                    "在留資格の更新については個別に柔軟に対応しているとの回答でした。"
                    "医療と収容については、具体的な改善策は示されませんでした。"
                ),
                "follow_up": p("回答の実施状況を現場から集め、次回の交渉で確認します。"),
            },
            "en": {
                "title": "Ministry negotiation report: COVID-19 and migrants' lives",
                "ministry": "Immigration Services Agency; Ministry of Health, Labour and Welfare",
                "summary": "We discussed residence status, medical care and welfare, and "
                "detention with the ministries concerned.",
                "demands": ul(
                    "Renew the status of people unable to return home, flexibly",
                    "Give access to medical care regardless of residence status",
                    "Release people from detention centres where infection is a risk",
                ),
                "responses": p(
                    "On renewals, officials said each case is handled flexibly. On medical care "
                    "and detention, no concrete improvements were offered."
                ),
                "follow_up": p(
                    "We will gather reports from the ground on how the answers are applied and "
                    "raise them at the next negotiation."
                ),
            },
        },
        {
            "slug": "fund-report",
            "shared": {"kind": "announcement", "date": datetime.date(2020, 12, 20)},
            "tags": ["poverty-housing"],
            "subnetworks": ["poverty"],
            "ja": {
                "title": "移民・難民緊急支援基金のご報告",
                "summary": "ご寄付と助成により、1,645人に支援を届けることができました。",
                "body": stream(("paragraph", p("ご協力くださったみなさまに感謝します。"))),
            },
            "en": {
                "title": "Report on the Migrants and Refugees Emergency Fund",
                "summary": "Thanks to donations and grants, support reached 1,645 people.",
                "body": stream(("paragraph", p("Our thanks to everyone who took part."))),
            },
        },
    ]


# Kept under the trainees' sub-network page: the kind of page its editors write and submit.
SUBNETWORK_NEWS = {
    "slug": "trainees-statement",
    "shared": {"kind": "statement", "date": datetime.date(2020, 11, 15)},
    "tags": ["technical-intern-training", "labour"],
    "subnetworks": ["trainees"],
    "ja": {
        "title": "技能実習生が仕事を失ったときの支援を求める声明",
        "summary": "受け入れ先の倒産や解雇で行き場を失う技能実習生への支援を求めます。",
        "body": stream(("paragraph", p("転職の支援と、その間の生活の保障が必要です。"))),
    },
    "en": {
        "title": "Statement calling for support for trainees who lose their jobs",
        "summary": "We call for support for technical intern trainees left stranded by "
        "bankruptcies and dismissals.",
        "body": stream(
            ("paragraph", p("They need help to change employers and a living in the meantime."))
        ),
    },
}


def events(now: datetime.datetime) -> list[dict]:
    """Dates relative to ``now`` (local time) so the demo always has past and upcoming events."""
    forum_start = (now - datetime.timedelta(days=150)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    past_ws = (now - datetime.timedelta(days=60)).replace(
        hour=13, minute=30, second=0, microsecond=0
    )
    next_ws = (now + datetime.timedelta(days=30)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
    return [
        {
            "slug": "national-forum",
            "shared": {
                "kind": "forum",
                "start": forum_start,
                "end": forum_start + datetime.timedelta(days=1, hours=7),
            },
            "ja": {
                "place": "東京",
                "title": "移住連 全国フォーラム",
                "summary": "全国の会員と支援者が集まり、二日間にわたって課題と経験を分かち合いました。",
            },
            "en": {
                "place": "Tokyo",
                "title": "SMJ National Forum",
                "summary": "Members and supporters from across Japan met for two days to share "
                "issues and experience.",
            },
        },
        {
            "slug": "workshop-covid-casework",
            "shared": {
                "kind": "workshop",
                "start": past_ws,
                "end": past_ws + datetime.timedelta(hours=3),
                "online": True,
            },
            "ja": {
                "title": "全国ワークショップ：コロナ禍の相談現場から",
                "summary": "生活相談の事例を持ち寄り、支援の方法を学び合いました。",
            },
            "en": {
                "title": "National workshop: casework during COVID-19",
                "summary": "Support workers compared cases and learned from each other's methods.",
            },
        },
        {
            "slug": "workshop-multilingual-information",
            "shared": {
                "kind": "workshop",
                "start": next_ws,
                "end": next_ws + datetime.timedelta(hours=3),
                "online": True,
                "registration_url": "https://example.org/register",
            },
            "ja": {
                "place": "大阪",
                "title": "全国ワークショップ：情報を多言語で届けるには",
                "summary": "制度の情報が届かない「実質的な排除」をなくすための工夫を話し合います。",
            },
            "en": {
                "place": "Osaka",
                "title": "National workshop: getting information across in many languages",
                "summary": "How to end the exclusion that happens when information about the "
                "rules never reaches people.",
            },
        },
    ]


PUBLICATIONS = [
    {
        "slug": f"m-net-{number}",
        "shared": {"issue_number": number, "issue_date": issue_date},
        "ja": {
            "title": f"Mネット {number}号：{theme_ja}",
            "summary": summary_ja,
            "contents": ul(*contents_ja),
        },
        "en": {
            "title": f"M-net No. {number}: {theme_en}",
            "summary": summary_en,
            "contents": ul(*contents_en),
        },
    }
    for number, issue_date, theme_ja, theme_en, summary_ja, summary_en, contents_ja, contents_en in [
        (
            211,
            datetime.date(2020, 8, 1),
            "コロナ禍と移住者",
            "COVID-19 and migrants",
            "失業、住まい、学校、給付金。コロナ禍で移住者が直面した問題を特集。",
            "Jobs, housing, school and benefits: the problems migrants met in the pandemic.",
            ["現場からの報告", "給付金から外された人びと", "休校と子どもたち"],
            ["Reports from the ground", "Left out of the benefits", "School closures and children"],
        ),
        (
            212,
            datetime.date(2020, 10, 1),
            "入管収容を考える",
            "Rethinking immigration detention",
            "長期収容の現状と、国際人権基準から見た課題。",
            "Long detention today, and the problems seen from international human rights law.",
            ["収容の現状", "国際人権の視点", "面会活動から"],
            ["Detention today", "An international human rights view", "From visiting detainees"],
        ),
        (
            213,
            datetime.date(2020, 12, 1),
            "共助の一年",
            "A year of mutual aid",
            "緊急支援基金の一年と、公的支援の穴。",
            "A year of the emergency fund, and the gaps in public support.",
            ["基金の報告", "支援を受けた人の声", "これからの課題"],
            ["The fund's report", "Voices of people supported", "What comes next"],
        ),
    ]
]


# The COVID trouble Q&A in the languages its readers read (demo text written for this site).
COVID_QA_TRANSLATIONS = {
    "ja-x-easy": {
        "title": "コロナで こまった ときの Q&A",
        "source_title": "こうせい ろうどう しょう（くにの やくしょ）",
        "intro": "しごと、いえ、ビザ（ざいりゅう しかく）に ついて よく ある しつもんに こたえます。",
        "answers": [
            ("qa", {"question": "しごとが なくなりました。ビザは どう なりますか。", "answer": RichText(p("すぐに ビザが なくなる ことは ありません。ビザを かえる まえに、支援《しえん》団体《だんたい》に 相談《そうだん》して ください。"))}),
            ("qa", {"question": "いえの おかね（やちん）が はらえません。", "answer": RichText(p("いえに すみつづける ための くにの しくみが あります。市役所《しやくしょ》で 相談《そうだん》できます。"))}),
        ],
    },
    "vi": {
        "title": "Hỏi đáp: khi gặp khó khăn vì COVID-19",
        "source_title": "Bộ Y tế, Lao động và Phúc lợi",
        "intro": "Trả lời những câu hỏi thường gặp về việc làm, nhà ở và tư cách lưu trú.",
        "answers": [
            ("qa", {"question": "Tôi bị mất việc. Tư cách lưu trú của tôi sẽ ra sao?", "answer": RichText(p("Bạn không bị mất tư cách lưu trú ngay lập tức. Trước khi gia hạn hoặc thay đổi, hãy hỏi một nhóm hỗ trợ."))}),
            ("qa", {"question": "Tôi không trả được tiền nhà.", "answer": RichText(p("Có chế độ trợ cấp công giúp bạn giữ chỗ ở. Bạn có thể hỏi tại ủy ban thành phố nơi bạn sống."))}),
        ],
    },
    "tl": {
        "title": "Q&A: kapag may problema dahil sa COVID-19",
        "source_title": "Ministry of Health, Labour and Welfare",
        "intro": "Mga sagot sa karaniwang tanong tungkol sa trabaho, tirahan at residence status.",
        "answers": [
            ("qa", {"question": "Nawalan ako ng trabaho. Ano ang mangyayari sa aking residence status?", "answer": RichText(p("Hindi agad mawawala ang iyong status. Bago mag-renew o magpalit, kumonsulta sa isang support group."))}),
            ("qa", {"question": "Hindi ko kayang bayaran ang upa.", "answer": RichText(p("May mga pampublikong programa para hindi mawalan ng tirahan. Magtanong sa city office ninyo."))}),
        ],
    },
    "pt-br": {
        "title": "Perguntas e respostas: dificuldades durante a COVID-19",
        "source_title": "Ministério da Saúde, Trabalho e Bem-Estar",
        "intro": "Respostas a perguntas comuns sobre trabalho, moradia e status de residência.",
        "answers": [
            ("qa", {"question": "Perdi meu emprego. O que acontece com meu visto?", "answer": RichText(p("Você não perde o seu status de residência imediatamente. Antes de renovar ou mudar, fale com um grupo de apoio."))}),
            ("qa", {"question": "Não consigo pagar o aluguel.", "answer": RichText(p("Existem auxílios públicos para você não perder a moradia. A prefeitura da sua cidade pode orientar."))}),
        ],
    },
    "zh-hans": {
        "title": "新冠疫情期间遇到困难时的问答",
        "source_title": "厚生劳动省",
        "intro": "回答有关工作、住房和在留资格的常见问题。",
        "answers": [
            ("qa", {"question": "我失业了。我的在留资格会怎样？", "answer": RichText(p("在留资格不会马上失去。在更新或变更之前，请先向支援团体咨询。"))}),
            ("qa", {"question": "我付不起房租。", "answer": RichText(p("有帮助人们保住住处的公共制度。可以到所在市区町村的窗口咨询。"))}),
        ],
    },
}  # fmt: skip


def qa_pages(today: datetime.date) -> list[dict]:
    return [
        {
            "slug": "covid-19-trouble",
            "shared": {
                # Checked recently: the page a newcomer in trouble reads first is current.
                "as_of": today - datetime.timedelta(days=30),
                "review_due": today + datetime.timedelta(days=180),
                "source_url": "https://www.mhlw.go.jp/",
            },
            "help_fields": ("labour", "welfare-social-security", "poverty-housing"),
            "help_languages": ("vi", "tl", "pt-br", "zh-hans", "en"),
            "translations": COVID_QA_TRANSLATIONS,
            "ja": {
                "title": "コロナ禍で困ったときのQ&A",
                "source_title": "厚生労働省",
                "intro": "仕事、住まい、在留資格について、よくある質問にお答えします。",
                "answers": [
                    (
                        "qa",
                        {
                            "question": "仕事を失いました。在留資格はどうなりますか。",
                            "answer": RichText(
                                p(
                                    "すぐに在留資格がなくなるわけではありません。更新や変更の前に、"
                                    "支援団体に相談してください。"
                                )
                            ),
                        },
                    ),
                    (
                        "qa",
                        {
                            "question": "家賃が払えません。",
                            "answer": RichText(
                                p(
                                    "住まいを支える公的な制度があります。自治体の窓口に相談できます。"
                                )
                            ),
                        },
                    ),
                ],
            },
            "en": {
                "title": "Q&A: when you are in trouble during COVID-19",
                "source_title": "Ministry of Health, Labour and Welfare",
                "intro": "Answers to common questions about work, housing and residence status.",
                "answers": [
                    (
                        "qa",
                        {
                            "question": "I lost my job. What happens to my residence status?",
                            "answer": RichText(
                                p(
                                    "You do not lose your status at once. Before renewing or "
                                    "changing it, talk to a support group."
                                )
                            ),
                        },
                    ),
                    (
                        "qa",
                        {
                            "question": "I cannot pay my rent.",
                            "answer": RichText(
                                p(
                                    "Public schemes help people keep their homes. Your local "
                                    "city office can advise you."
                                )
                            ),
                        },
                    ),
                ],
            },
        },
        {
            "slug": "special-cash-benefit",
            "shared": {
                "as_of": datetime.date(2020, 5, 15),
                # A one-off benefit of 2020, past its review date on purpose: the page shows the
                # out-of-date notice.
                "review_due": datetime.date(2020, 12, 1),
                "source_url": "https://www.soumu.go.jp/",
            },
            "ja": {
                "title": "特別定額給付金とは",
                "source_title": "総務省",
                "intro": "一人10万円の給付金について、外国籍の人が知っておきたいこと。",
                "answers": [
                    (
                        "qa",
                        {
                            "question": "外国籍でも受け取れますか。",
                            "answer": RichText(
                                p("基準日に住民登録がある人は、国籍にかかわらず対象です。")
                            ),
                        },
                    ),
                    (
                        "qa",
                        {
                            "question": "申請書が日本語で読めません。",
                            "answer": RichText(
                                p("多言語の記入例があります。支援団体も記入を手伝えます。")
                            ),
                        },
                    ),
                ],
            },
            "en": {
                "title": "The special flat-rate cash benefit explained",
                "source_title": "Ministry of Internal Affairs and Communications",
                "intro": "What foreign residents should know about the 100,000 yen benefit.",
                "answers": [
                    (
                        "qa",
                        {
                            "question": "Can I receive it if I am not a Japanese national?",
                            "answer": RichText(
                                p(
                                    "Anyone registered as a resident on the reference date is "
                                    "eligible, whatever their nationality."
                                )
                            ),
                        },
                    ),
                    (
                        "qa",
                        {
                            "question": "I cannot read the form in Japanese.",
                            "answer": RichText(
                                p(
                                    "Filled-in examples exist in many languages, and support "
                                    "groups can help you complete the form."
                                )
                            ),
                        },
                    ),
                ],
            },
        },
    ]


FUND = {
    "slug": "fund",
    "menu": True,
    "shared": {
        "amount_per_person": 30_000,
        "donations_amount": 34_654_564,
        "individual_donors": 983,
        "organisation_donors": 57,
        "grants_amount": 15_140_000,
        "grant_organisations": 7,
        "people_supported": 1_645,
    },
    "ja": {
        "title": "新型コロナ「移民・難民緊急支援基金」",
        "purpose": p(
            "公的な支援（公助）から取り残された人に、市民どうしの支え合い（共助）で応える"
            "基金です。",
            "特別定額給付金の対象外とされた人など、生活に困っている人に一人3万円を支援しました。",
        ),
    },
    "en": {
        "title": "COVID-19 Migrants and Refugees Emergency Fund",
        "purpose": p(
            "A fund of mutual aid among citizens for people left outside public aid.",
            "It gave 30,000 yen per person to people in hardship, such as those left out of "
            "the special cash benefit.",
        ),
    },
}
