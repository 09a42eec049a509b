from django.http import QueryDict

from members.forms import MAX_QUERY_LENGTH, DirectoryFilterForm, DirectoryQuery


def query(string: str) -> DirectoryQuery:
    return DirectoryFilterForm(QueryDict(string)).to_query()


def test_no_parameters_give_the_defaults():
    assert query("") == DirectoryQuery()
    assert DirectoryFilterForm().to_query() == DirectoryQuery(sort="kana", page=1)


def test_known_parameters_are_kept():
    q = query(
        "q=tanaka&type=group&region=chubu&prefecture=23&prefecture=22&field=labour"
        "&field=refugees&language=vi&network=trainees&sort=newest&page=3"
    )
    assert q == DirectoryQuery(
        q="tanaka",
        type="group",
        region="chubu",
        prefectures=("23", "22"),
        fields=("labour", "refugees"),
        languages=("vi",),
        networks=("trainees",),
        sort="newest",
        page=3,
    )


def test_unknown_parameters_and_values_are_dropped_silently():
    form = DirectoryFilterForm(
        QueryDict(
            "type=admin&region=atlantis&prefecture=48&prefecture=13&prefecture=13"
            "&field=../etc&field=labour&language=xx&network=__all__&sort=-id&page=-2"
            "&visibility=secretariat&status=lapsed"
        )
    )
    assert form.is_valid()
    q = form.to_query()
    assert q.type == ""
    assert q.region == ""
    assert q.prefectures == ("13",)
    assert q.fields == ("labour",)
    assert q.languages == ()
    assert q.networks == ()
    assert q.sort == "kana"
    assert q.page == 1
    assert "visibility" not in form.data
    assert "status" not in form.data


def test_keyword_is_normalised_and_truncated():
    assert query("q=%EF%BC%B4%EF%BD%81%EF%BD%8E%EF%BD%81%EF%BD%8B%EF%BD%81").q == "Tanaka"
    assert len(query("q=" + "あ" * 500).q) == MAX_QUERY_LENGTH


def test_relevance_is_the_default_with_a_keyword_only():
    assert query("q=nagoya").sort == "relevance"
    assert query("sort=relevance").sort == "kana"
    assert query("q=nagoya&sort=kana").sort == "kana"


def test_page_must_be_a_positive_number():
    assert query("page=abc").page == 1
    assert query("page=0").page == 1
    assert query("page=2").page == 2
    assert query("page=99999999999999999999").page == 1


def test_labels_follow_the_active_language():
    from django.utils import translation

    with translation.override("en"):
        en = dict(DirectoryFilterForm().fields["language"].choices)
    with translation.override("ja"):
        ja = dict(DirectoryFilterForm().fields["language"].choices)
    assert en["vi"] == "Vietnamese"
    assert ja["vi"] == "ベトナム語"


def test_the_sort_select_shows_the_order_in_use():
    assert 'value="kana" selected' in str(DirectoryFilterForm(QueryDict(""))["sort"])
    assert 'value="relevance" selected' in str(DirectoryFilterForm(QueryDict("q=x"))["sort"])


def test_active_filters_link_to_the_query_without_them():
    from django.utils import translation

    with translation.override("en"):
        chips = dict(
            DirectoryFilterForm(
                QueryDict("field=labour&field=refugees&prefecture=23&page=3&bogus=1")
            ).active_filters()
        )
    assert set(chips) == {"Field: Labour", "Field: Refugees", "Prefecture: Aichi"}
    assert QueryDict(chips["Field: Labour"]).getlist("field") == ["refugees"]
    assert "page" not in QueryDict(chips["Prefecture: Aichi"])
    assert "bogus" not in chips["Prefecture: Aichi"]
