"""Hostile input: oversized bodies, SQL metacharacters in filters, path traversal."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from literacy.calculators.registry import calculators
from literacy.learning.models import Course, Lesson
from tests.factories import learner_submits

SQL_META = ["' OR 1=1 --", "%", "_", "\\", "1; DROP TABLE auth_user", '"', "%' --", "\x00"]
TOO_BIG = settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1024


def test_an_oversized_form_post_is_refused_not_a_500(db):
    response = Client().post(reverse("help:request"), {"story": "x" * TOO_BIG})
    assert response.status_code in (400, 413)


def test_an_oversized_api_body_is_refused_not_a_500(db):
    body = json.dumps({"convention": "us", "advances": [], "pad": "x" * TOO_BIG})
    response = Client().post(reverse("api:apr"), body, "application/json")
    assert response.status_code in (400, 413)


def test_an_upload_nobody_asked_for_is_ignored_not_a_500(db, tmp_path):
    upload = tmp_path / "big.bin"
    upload.write_bytes(b"\0" * (3 * 1024 * 1024))
    with upload.open("rb") as handle:
        response = Client().post(reverse("help:request"), {"file": handle})
    assert response.status_code in (200, 400, 413)


QUEUE_FILTERS = ["status", "language", "product", "assignee", "older_than", "page", "q"]


@pytest.mark.parametrize("value", SQL_META)
def test_sql_metacharacters_in_queue_filters_change_nothing(reviewer, value):
    references = {learner_submits(name=f"Person {n}")[0].reference for n in range(3)}
    client = Client()
    client.force_login(reviewer)
    for name in QUEUE_FILTERS:
        response = client.get(reverse("review:queue"), {name: value})
        assert response.status_code == 200, name
        shown = {item.reference for item in response.context["page"]}
        assert shown <= references, name


# Every field of every GET calculator, read from the forms so a new field is covered too
# (the APR calculator takes a JSON POST and is tested in tests/calculators).
CALCULATOR_PARAMS = {
    c.url_name: list(c.form.base_fields) for c in calculators() if c.api_method == "get"
}


@pytest.mark.parametrize("calculator", CALCULATOR_PARAMS)
def test_sql_metacharacters_in_calculator_inputs_never_500(db, calculator):
    client = Client()
    for param in CALCULATOR_PARAMS[calculator]:
        for value in SQL_META:
            page = client.get(reverse(f"calculators:{calculator}"), {param: value})
            api = client.get(reverse(f"api:{calculator}"), {param: value})
            assert page.status_code == 200, (param, value)
            assert api.status_code == 400, (param, value)


TRAVERSALS = ["../", "..%2f", "%2e%2e%2f", "%2e%2e/", "..\\", "%252e%252e%252f", "....//"]


@pytest.mark.parametrize("attack", TRAVERSALS)
def test_path_traversal_in_lesson_urls_is_a_404(db, attack):
    client = Client()
    for url in (
        f"/en/learn/{attack}{attack}etc/passwd/",
        f"/en/learn/course/{attack}{attack}settings/",
        f"/en/studio/en/{attack}/{attack}/",
    ):
        assert client.get(url).status_code in (302, 404), url


def test_export_refuses_a_tampered_course_slug_and_writes_nothing(educator, tmp_path: Path):
    from tests.factories import make_lesson

    lesson = make_lesson(educator)
    Course.objects.filter(pk=lesson.course_id).update(slug="../../escaped-course")
    with pytest.raises(CommandError, match="escaped-course"):
        call_command("export_lessons", str(tmp_path / "export"))
    assert not any(tmp_path.rglob("*"))


def test_export_refuses_a_tampered_lesson_slug_and_writes_nothing(educator, tmp_path: Path):
    from tests.factories import make_lesson

    lesson = make_lesson(educator)
    Lesson.objects.filter(pk=lesson.pk).update(slug="x/../../../escaped-lesson")
    with pytest.raises(CommandError, match="escaped-lesson"):
        call_command("export_lessons", str(tmp_path / "export"))
    assert not any(tmp_path.rglob("*"))
