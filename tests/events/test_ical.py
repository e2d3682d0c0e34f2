import datetime

import icalendar
import pytest
from django.urls import reverse

from kokeilu.events import ical, services

HELSINKI = datetime.timezone(datetime.timedelta(hours=2))


def test_text_escaping():
    assert ical.escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


def test_folding_keeps_lines_within_75_octets_and_characters_whole():
    line = "SUMMARY:" + "äöå€" * 40
    folded = ical.fold(line)
    pieces = folded.split("\r\n")
    assert all(len(piece.encode("utf-8")) <= 75 for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert "".join(piece[1:] if index else piece for index, piece in enumerate(pieces)) == line


def test_calendar_is_valid_rfc5545_with_crlf_and_utc_times():
    start = datetime.datetime(2030, 3, 10, 10, 0, tzinfo=HELSINKI)
    text = ical.calendar(
        [
            ical.CalendarEvent(
                uid="event-1@example.test",
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=2),
                summary='Työpaja, osa 1; "opasteet" \\ luonnokset',
                description="Rivi 1\nRivi 2, " + "pitkä " * 30,
                location="Iso Omena; Piispansilta 11, Espoo",
                url="https://kokeilu.example.test/fi/experiments/koestamo/events/1/",
            )
        ],
        name="Koestamo",
        now=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC),
    )
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    assert "DTSTART:20300310T080000Z\r\n" in text
    parsed = icalendar.Calendar.from_ical(text)
    event = parsed.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == 'Työpaja, osa 1; "opasteet" \\ luonnokset'
    assert str(event["LOCATION"]) == "Iso Omena; Piispansilta 11, Espoo"
    assert str(event["DESCRIPTION"]).startswith("Rivi 1\nRivi 2, pitkä")
    assert event.decoded("DTSTART") == start
    assert str(event["UID"]) == "event-1@example.test"
    assert "DTSTAMP" in event


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        ical.utc_stamp(datetime.datetime(2030, 1, 1))


@pytest.mark.django_db
def test_event_download_parses_and_marks_a_cancelled_event(workshop, tester, programme_manager, client_for):
    url = reverse("events:ics", kwargs={"slug": workshop.experiment.slug, "pk": workshop.pk})
    response = client_for(tester).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    event = icalendar.Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == workshop.starts_at
    assert str(event["LOCATION"]) == workshop.place
    assert str(event["STATUS"]) == "CONFIRMED"
    services.event_cancel(event=workshop, cancelled_by=programme_manager)
    cancelled = icalendar.Calendar.from_ical(client_for(tester).get(url).content).walk("VEVENT")[0]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) == 1


@pytest.mark.django_db
def test_a_booked_slot_is_its_own_entry_only_for_the_person_who_booked_it(
    experiment, slot_event, tester, other_tester, client_for
):
    slot = slot_event.slots.order_by("starts_at").last()
    booking = services.slot_book(slot=slot, user=tester)
    ics_url = reverse("events:ics", kwargs={"slug": experiment.slug, "pk": slot_event.pk})

    def entries(response):
        assert response.status_code == 200
        return {
            str(item["UID"]): item for item in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
        }

    mine = entries(client_for(tester).get(ics_url))
    booking_uid = next(uid for uid in mine if uid.startswith("slot-booking-"))
    assert booking_uid == f"slot-booking-{booking.pk}@{booking_uid.split('@')[1]}"
    assert mine[booking_uid].decoded("DTSTART") == slot.starts_at
    assert mine[booking_uid].decoded("DTEND") == slot.ends_at
    assert any(uid.startswith("event-") for uid in mine)
    assert not any(uid.startswith("slot-booking-") for uid in entries(client_for(other_tester).get(ics_url)))

    feeds = {
        user: reverse(
            "events:feed",
            kwargs={
                "slug": experiment.slug,
                "token": services.calendar_feed_get_or_create(experiment=experiment, user=user).token,
            },
        )
        for user in (tester, other_tester)
    }
    feed = entries(client_for(None).get(feeds[tester]))
    assert booking_uid in feed and feed[booking_uid].decoded("DTSTART") == slot.starts_at
    assert booking_uid in entries(client_for(None).get(feeds[tester]))  # stable between fetches
    assert not any(
        uid.startswith("slot-booking-") for uid in entries(client_for(None).get(feeds[other_tester]))
    )
    services.booking_cancel(booking=booking, cancelled_by=tester)
    assert booking_uid not in entries(client_for(None).get(feeds[tester]))
