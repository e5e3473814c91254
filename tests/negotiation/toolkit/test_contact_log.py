"""The contact log: quick to fill, private, bounded, exportable as safe CSV, printable."""

import csv
import io

import pytest
from django.urls import reverse

from literacy.negotiation.models import ContactEntry
from literacy.negotiation.models.toolkit import MAX_LOG_ENTRIES
from literacy.negotiation.toolkit.contact_log import spreadsheet_safe
from tests.factories import make_contact

ENTRY = {
    "occurred_at": "2026-11-30T21:45",
    "number": "+86 138 0000 0000",
    "caller": "某资产管理公司",
    "said": "说要起诉我，还打给了我妈妈。",
    "third_parties": "on",
}


def test_a_visitor_records_a_call(visitor):
    client, token = visitor
    assert client.post(reverse("help:log"), ENTRY).status_code == 302
    entry = ContactEntry.objects.get(session_key=token)
    assert (entry.caller, entry.third_parties, entry.threats) == ("某资产管理公司", True, False)


def test_the_form_defaults_to_now(visitor):
    client, _ = visitor
    form = client.get(reverse("help:log")).context["form"]
    assert form.initial["occurred_at"].second == 0


def test_overlong_text_is_refused_with_the_typing_kept(visitor):
    client, _ = visitor
    response = client.post(reverse("help:log"), {**ENTRY, "caller": "x" * 121})
    assert response.status_code == 400
    assert not ContactEntry.objects.exists()


def test_the_log_holds_at_most_the_maximum_entries(visitor):
    client, token = visitor
    ContactEntry.objects.bulk_create(
        ContactEntry(session_key=token, caller=str(i)) for i in range(MAX_LOG_ENTRIES)
    )
    assert client.post(reverse("help:log"), ENTRY).status_code == 400
    assert ContactEntry.objects.filter(session_key=token).count() == MAX_LOG_ENTRIES


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+86 138", "'+86 138"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("ok\t=1+1", "'ok\t=1+1"),
        ("a,=cmd", "'a,=cmd"),
        ("王经理", "王经理"),
        ("021-5555", "021-5555"),
    ],
)
def test_cells_a_spreadsheet_would_run_as_formulas_are_neutralised(cell, safe):
    assert spreadsheet_safe(cell) == safe


def test_csv_export_quotes_every_cell_and_neutralises_formulas(visitor):
    client, token = visitor
    make_contact(session_key=token, caller="=1+1", said="打给了我同事")
    response = client.get(reverse("help:log_export"))
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][2] == "'=1+1"
    assert rows[1][3] == "打给了我同事"
    assert rows[1][4] == "yes"
    assert all(line.startswith('"') for line in text.strip().splitlines())


def test_export_contains_only_the_learners_entries(visitor, account):
    client, token = visitor
    make_contact(session_key=token, caller="mine")
    make_contact(user=account[1], caller="theirs")
    text = client.get(reverse("help:log_export")).content.decode("utf-8-sig")
    assert "mine" in text and "theirs" not in text


def test_print_view_lists_entries_oldest_first(visitor):
    client, token = visitor
    make_contact(session_key=token, caller="second", occurred_at="2026-11-30T10:00+08:00")
    make_contact(session_key=token, caller="first", occurred_at="2026-11-29T10:00+08:00")
    body = client.get(reverse("help:log_print")).content.decode()
    assert body.index("first") < body.index("second")


def test_editing_and_deleting_an_entry(visitor):
    client, token = visitor
    entry = make_contact(session_key=token)
    client.post(reverse("help:log_edit", kwargs={"pk": entry.pk}), {**ENTRY, "threats": "on"})
    entry.refresh_from_db()
    assert entry.threats is True
    client.post(reverse("help:log_delete", kwargs={"pk": entry.pk}))
    assert not ContactEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize("count", [1, 25])
def test_the_log_page_costs_the_same_queries_at_two_sizes(
    visitor, django_assert_num_queries, count
):
    client, token = visitor
    for _ in range(count):
        make_contact(session_key=token)
    client.get(reverse("help:log"))
    with django_assert_num_queries(2):  # session, entries
        response = client.get(reverse("help:log"))
    assert response.content.decode().count("<time ") == count
