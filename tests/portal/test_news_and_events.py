import datetime
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.core.exceptions import ValidationError

from members.models import FieldTag, SubNetwork
from portal.models import NewsPage
from tests.builders import event, event_index, news, news_index

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def newsroom(home_pages):
    index = news_index(home_pages["ja"])
    statement = news(index, "Statement on detention", kind="statement")
    statement.tags.add(FieldTag.objects.get(slug="immigration-detention"))
    statement.subnetworks.add(SubNetwork.objects.get(slug="immigration-law"))
    statement.save_revision().publish()
    news(index, "Request on benefits", kind="request", date=datetime.date(2021, 3, 1))
    news(
        index,
        "Talks with the agency",
        kind="negotiation",
        ministry="Immigration Services Agency",
        negotiation_date=datetime.date(2021, 2, 1),
        date=datetime.date(2021, 2, 5),
    )
    return index


def listed_titles(client, url) -> set[str]:
    html = client.get(url).content.decode()
    return {
        t
        for t in ["Statement on detention", "Request on benefits", "Talks with the agency"]
        if t in html
    }


@pytest.mark.django_db
def test_news_index_filters_by_kind_tag_and_year(client, newsroom):
    url = newsroom.url
    assert len(listed_titles(client, url)) == 3
    assert listed_titles(client, f"{url}?kind=request") == {"Request on benefits"}
    assert listed_titles(client, f"{url}?tag=immigration-detention") == {"Statement on detention"}
    assert listed_titles(client, f"{url}?year=2021") == {
        "Request on benefits",
        "Talks with the agency",
    }
    assert listed_titles(client, f"{url}?kind=request&year=2020") == set()
    # Unknown values are ignored, not passed to the database.
    assert len(listed_titles(client, f"{url}?kind=drop&tag=nope&year=20x1")) == 3


@pytest.mark.django_db
def test_rss_and_atom_feeds_parse_and_list_news(client, newsroom):
    rss = client.get(f"{newsroom.url}feed/")
    assert rss.status_code == 200
    channel = ET.fromstring(rss.content).find("channel")
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == ["Request on benefits", "Talks with the agency", "Statement on detention"]
    link = channel.find("item").findtext("link")
    assert link.startswith("http://") and link.endswith("/news/request-on-benefits/")

    atom = client.get(f"{newsroom.url}feed/atom/")
    root = ET.fromstring(atom.content)
    assert root.tag == f"{ATOM}feed"
    assert len(root.findall(f"{ATOM}entry")) == 3


@pytest.mark.django_db
def test_negotiation_report_needs_ministry_and_date(home_pages):
    page = NewsPage(title="Talks", slug="talks", kind="negotiation")
    with pytest.raises(ValidationError):
        page.clean()
    page.ministry = "MHLW"
    page.negotiation_date = datetime.date(2020, 7, 1)
    page.clean()


@pytest.mark.django_db
def test_negotiation_report_shows_its_parts(client, site_tree):
    html = client.get(site_tree["news/negotiation-covid-ministries"]["en"].url).content.decode()
    assert "Immigration Services Agency" in html
    assert "Renew the status of people unable to return home" in html
    assert "no concrete improvements were offered" in html
    assert "raise them at the next negotiation" in html


@pytest.mark.django_db
def test_event_and_event_list_calendars_parse(client, home_pages):
    index = event_index(home_pages["ja"])
    soon = event(index, "Workshop soon", days_from_now=10, registration_url="https://example.org/r")
    event(index, "Forum long ago", days_from_now=-100, online=True, place="")

    one = client.get(f"{soon.url}ics/")
    assert one.status_code == 200
    assert one["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(one.content)
    [entry] = calendar.walk("VEVENT")
    assert str(entry["SUMMARY"]) == "Workshop soon"
    assert entry.decoded("DTSTART") == soon.start.replace(microsecond=0)
    assert str(entry["LOCATION"]) == "Nagoya"

    listing = icalendar.Calendar.from_ical(client.get(f"{index.url}ics/").content)
    assert sorted(str(e["SUMMARY"]) for e in listing.walk("VEVENT")) == [
        "Forum long ago",
        "Workshop soon",
    ]
    assert len({str(e["UID"]) for e in listing.walk("VEVENT")}) == 2


@pytest.mark.django_db
def test_event_index_separates_upcoming_and_past(client, home_pages):
    index = event_index(home_pages["ja"])
    event(index, "Workshop soon", days_from_now=10)
    event(index, "Forum long ago", days_from_now=-100)
    html = client.get(index.url).content.decode()
    upcoming, past = html.split('id="past-title"')
    assert "Workshop soon" in upcoming and "Forum long ago" not in upcoming
    assert "Forum long ago" in past
