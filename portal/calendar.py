"""iCalendar (.ics) responses for one event or a list of events."""

import datetime

import icalendar
from django.http import HttpResponse
from django.utils import timezone

PRODID = "-//Solidarity Network with Migrants Japan//tsunagaru//EN"


def build_calendar(*, events, request, name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for event in events:
        entry = icalendar.Event()
        # The translation key is shared by the ja and en pages of one event, so a calendar
        # that imported both languages still holds one event; the locale keeps them apart.
        entry.add("uid", f"{event.translation_key}-{event.locale.language_code}@tsunagaru")
        entry.add("dtstamp", stamp)
        entry.add("summary", event.title)
        entry.add("dtstart", event.start)
        entry.add("dtend", event.end or event.start + datetime.timedelta(hours=2))
        entry.add("url", event.get_full_url(request))
        if event.place:
            entry.add("location", event.place)
        if event.summary:
            entry.add("description", event.summary)
        calendar.add_component(entry)
    return calendar


def calendar_response(events, *, request, name: str, filename: str) -> HttpResponse:
    calendar = build_calendar(events=events, request=request, name=name)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
