"""CSV export of the filtered queue: logged, formula-safe, readable by Excel in Chinese."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from literacy.negotiation.models import (
    AppendOnlyError,
    EventKind,
    ExportLog,
    RequestEvent,
    Status,
)
from literacy.negotiation.review.queue import neutralise
from tests.factories import make_request

with translation.override("en"):
    EXPORT = reverse("review:export")
    QUEUE = reverse("review:queue")


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


def rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+86 138 0000 0000", "'+86 138 0000 0000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("张三", "张三"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (1500, "1500"),
    ],
)
def test_neutralise_prefixes_formula_triggers_only(cell, safe):
    assert neutralise(cell) == safe


def test_export_is_utf8_with_bom_and_keeps_chinese(reviewer_client):
    make_request(name="王小明", lender="招联金融")

    response = reviewer_client.post(EXPORT)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="requests-')
    assert response.content.startswith(b"\xef\xbb\xbf")
    header, row = rows(response)
    assert header[:3] == ["Reference", "Received", "Status"]
    assert row[header.index("Name")] == "王小明"
    assert row[header.index("Lender")] == "招联金融"
    assert row[header.index("Outstanding balance")] == "24000.00"


def test_export_neutralises_formulas_in_learner_text(reviewer_client):
    make_request(name="=cmd|' /C calc'!A0", phone="+8613800000000", story="@SUM(1+1)")

    header, row = rows(reviewer_client.post(EXPORT))

    assert row[header.index("Name")] == "'=cmd|' /C calc'!A0"
    assert row[header.index("Phone")] == "'+8613800000000"
    assert row[header.index("Story")] == "'@SUM(1+1)"


def test_export_keeps_script_text_as_plain_text(reviewer_client):
    make_request(name="<script>alert(1)</script>")

    header, row = rows(reviewer_client.post(EXPORT))

    assert row[header.index("Name")] == "<script>alert(1)</script>"


def test_export_follows_the_queue_filters(reviewer_client):
    english = make_request(language="en")
    make_request(language="zh-hans")
    make_request(language="en", status=Status.CLOSED)

    exported = rows(reviewer_client.post(EXPORT, {"language": "en"}))[1:]

    assert [row[0] for row in exported] == [english.reference]


def test_each_exported_request_records_who_exported_it(reviewer_client, reviewer):
    first = make_request(days_old=3)
    second = make_request(days_old=1)
    make_request(status=Status.CLOSED)

    reviewer_client.post(EXPORT)

    exports = RequestEvent.objects.filter(kind=EventKind.EXPORTED)
    assert sorted(e.request_id for e in exports) == sorted([first.pk, second.pk])
    assert {e.actor for e in exports} == {reviewer}


def test_export_is_post_only(reviewer_client):
    make_request()

    assert reviewer_client.get(EXPORT).status_code == 405
    assert not RequestEvent.objects.filter(kind=EventKind.EXPORTED).exists()


def test_every_export_is_logged_with_actor_filters_and_row_count(reviewer_client, reviewer):
    make_request(language="en")
    make_request(language="zh-hans")

    reviewer_client.post(EXPORT, {"language": "en", "status": "any", "assignee": "bogus"})

    log = ExportLog.objects.get()
    assert log.actor == reviewer
    assert log.filters == "status=any&language=en"  # the ignored filter is not claimed
    assert log.row_count == 1


def test_an_export_that_matches_nothing_is_still_logged(reviewer_client, reviewer):
    make_request(language="en")

    response = reviewer_client.post(EXPORT, {"language": "zh-hans"})

    assert len(rows(response)) == 1  # the header only
    log = ExportLog.objects.get()
    assert (log.actor, log.filters, log.row_count) == (reviewer, "language=zh-hans", 0)
    assert not RequestEvent.objects.filter(kind=EventKind.EXPORTED).exists()


def test_export_records_are_never_changed_or_deleted(reviewer_client):
    reviewer_client.post(EXPORT)
    log = ExportLog.objects.get()

    log.row_count = 99
    with pytest.raises(AppendOnlyError):
        log.save()
    with pytest.raises(AppendOnlyError):
        log.delete()
    with pytest.raises(AppendOnlyError):
        ExportLog.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        ExportLog.objects.update(row_count=99)
    assert ExportLog.objects.get().row_count == 0


def test_the_queue_lists_the_last_exports_newest_first(reviewer_client, reviewer):
    make_request(language="en")
    reviewer_client.post(EXPORT, {"language": "zh-hans"})
    reviewer_client.post(EXPORT)

    html = reviewer_client.get(QUEUE).content.decode()

    section = html[html.index('id="exports-title"') :]
    assert section.index("1 request ·") < section.index("0 requests")
    assert f'href="{QUEUE}?language=zh-hans"' in section
    assert reviewer.get_username() in section


def test_the_queue_shows_five_exports_at_most(reviewer_client):
    for _ in range(6):
        reviewer_client.post(EXPORT)

    html = reviewer_client.get(QUEUE).content.decode()

    assert html.count("0 requests ·") == 5
