"""CSV export of the filtered queue: logged, formula-safe, readable by Excel in Chinese."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from literacy.negotiation.models import EventKind, RequestEvent, Status
from literacy.negotiation.review import neutralise
from tests.negotiation.test_review_factory import make_request

with translation.override("en"):
    EXPORT = reverse("review:export")


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
