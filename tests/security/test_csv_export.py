"""Finding 9: no exported cell runs as a formula, however the spreadsheet splits it."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from literacy.negotiation.review.queue import neutralise
from tests.factories import make_request

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("ok;@SUM(1+9)*cmd|' /C calc'!A0", "ok;'@SUM(1+9)*cmd|' /C calc'!A0"),
        ("Bank\t=1+2", "Bank\t'=1+2"),
        ("a, =1+2", "a, '=1+2"),
        ("line\n-2+3", "line\n'-2+3"),
        ("x|=cmd", "x|'=cmd"),
        ("=A1;=B1", "'=A1;'=B1"),
        ("a=b; c+d", "a=b; c+d"),
        ("张三；李四", "张三；李四"),
    ],
)
def test_triggers_after_separators_and_tabs_are_neutralised(cell, safe):
    assert neutralise(cell) == safe


def test_every_exported_cell_is_quoted(reviewer):
    make_request(lender="Bank\t=1+2", story="ok;@SUM(1+9)")
    client = Client()
    client.force_login(reviewer)
    with translation.override("en"):
        body = client.post(reverse("review:export")).content.decode("utf-8-sig")
    lines = body.splitlines()
    assert all(line.startswith('"') and line.endswith('"') for line in lines if line)
    header, row = list(csv.reader(io.StringIO(body)))
    assert row[header.index("Lender")] == "Bank\t'=1+2"
    assert row[header.index("Story")] == "ok;'@SUM(1+9)"
