"""Authoring help: the guide beside the editor, a valid skeleton, confirmed restores,
the zip of lesson files and renamed addresses that keep working."""

import io
import zipfile

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from literacy.calculators.registry import calculators
from literacy.learning.content.lesson_files import export_folder, load_folder
from literacy.learning.content.pipeline import render_lesson
from literacy.learning.models import Lesson, LessonRedirect
from literacy.learning.studio import authoring_guide, lesson_files_out
from literacy.learning.studio import services as studio
from tests.factories import lesson_source, write_citing_folder

pytestmark = pytest.mark.django_db


@pytest.fixture
def studio_client(educator) -> Client:
    client = Client()
    client.force_login(educator)
    return client


@pytest.fixture
def folder(tmp_path):
    root = write_citing_folder(tmp_path / "lessons")
    assert load_folder(root).errors == []
    return root


def url(name: str, item: Lesson, **extra) -> str:
    kwargs = {"language": item.language, "course": item.course.slug, "lesson": item.slug}
    with translation.override("en"):
        return reverse(name, kwargs={**kwargs, **extra})


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_skeleton_is_a_valid_lesson(language):
    with translation.override(language):
        source = authoring_guide.skeleton()
    rendered = render_lesson(source, language=language)
    assert (rendered.errors, len(rendered.questions)) == ([], 1)


def test_a_new_lesson_opens_with_the_skeleton_and_no_error(studio_client):
    response = studio_client.get(reverse("studio:create"))
    assert response.context["form"]["source"].value().startswith("---\ntitle: ")
    assert response.context["rendered"].errors == []


def test_the_source_field_is_labelled_lesson_source(studio_client):
    with translation.override("en"):
        page = studio_client.get(reverse("studio:create")).content.decode()
    assert ">Lesson source:</label>" in page
    assert ">Lesson web address (slug):</label>" in page


def test_the_guide_lists_every_calculator_with_its_parameters():
    guides = {guide.name: guide for guide in authoring_guide.calculator_parameters()}
    assert list(guides) == [calculator.name for calculator in calculators()]
    for calculator in calculators():
        names = [p.name for p in guides[calculator.name].parameters]
        assert names == list(calculator.form.base_fields)


@pytest.mark.parametrize("name", [calculator.name for calculator in calculators()])
def test_every_calculator_block_in_the_guide_is_a_valid_embed(name):
    guide = next(g for g in authoring_guide.calculator_parameters() if g.name == name)
    rendered = render_lesson(lesson_source(body=guide.block, quizzes=0), language="en")
    assert rendered.errors == []


def test_every_other_example_in_the_guide_is_valid(folder):
    examples = authoring_guide.guide()
    body = "\n\n".join(
        examples[key]
        for key in ("fact_example", "quiz_example", "multiple_example", "help_example")
    )
    rendered = render_lesson(lesson_source(body=body, quizzes=0), language="en")
    assert (rendered.errors, len(rendered.questions)) == ([], 2)


def test_the_editor_shows_the_guide(folder, studio_client):
    lesson = Lesson.objects.select_related("course").get(language="en", slug="lesson-1")
    page = studio_client.get(url("studio:edit", lesson)).content.decode()
    assert '<details class="authoring-guide">' in page
    assert "```calculator instalment\nprincipal: 12000" in page


# --- restoring a published lesson -----------------------------------------------------


@pytest.fixture
def published_twice(folder):
    lesson = Lesson.objects.select_related("course", "current_revision").get(
        language="en", slug="lesson-2"
    )
    studio.save_source(
        lesson=lesson, source=lesson_source(title="Changed"), author=None, note="", version=1
    )
    return lesson


def test_restoring_a_published_lesson_asks_first(published_twice, studio_client):
    first = published_twice.revisions.order_by("pk").first()
    response = studio_client.post(
        url("studio:restore", published_twice, revision=first.pk), {"version": 2}
    )
    assert response.status_code == 200
    assert response.templates[0].name == "learning/studio/restore_confirm.html"
    published_twice.refresh_from_db()
    assert (published_twice.revisions.count(), published_twice.title) == (2, "Changed")


def test_a_confirmed_restore_restores(published_twice, studio_client):
    first = published_twice.revisions.order_by("pk").first()
    studio_client.post(
        url("studio:restore", published_twice, revision=first.pk),
        {"version": 2, "confirmed": "True"},
    )
    published_twice.refresh_from_db()
    assert (published_twice.revisions.count(), published_twice.title) == (3, "Lesson 2")


# --- the zip of lesson files ----------------------------------------------------------


def zip_files(response) -> dict[str, str]:
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return {name: archive.read(name).decode() for name in archive.namelist()}


def test_the_zip_holds_the_same_files_as_export_lessons(folder, studio_client, tmp_path):
    out = tmp_path / "out"
    export_folder(out)
    exported = {
        "lessons/" + path.relative_to(out).as_posix(): path.read_text()
        for path in out.rglob("*")
        if path.is_file()
    }
    response = studio_client.get(reverse("studio:export"))
    assert response["Content-Type"] == "application/zip"
    assert zip_files(response) == exported


def test_a_course_zip_holds_that_course_and_the_facts(folder, studio_client):
    course = Lesson.objects.get(language="zh-hans", slug="lesson-1").course
    response = studio_client.get(reverse("studio:export"), {"course": course.pk})
    assert sorted(zip_files(response)) == [
        "lessons/facts.yaml",
        "lessons/zh-hans/course-1/01-lesson-1.md",
        "lessons/zh-hans/course-1/02-lesson-2.md",
        "lessons/zh-hans/course-1/course.md",
    ]


def test_a_zip_too_large_is_refused_with_a_message(folder, studio_client, monkeypatch):
    monkeypatch.setattr(lesson_files_out, "MAX_ZIP_SOURCE_BYTES", 100)
    response = studio_client.get(reverse("studio:export"), follow=True)
    assert response.redirect_chain[-1][0].endswith("/studio/")
    assert "export one course at a time" in response.content.decode()


# --- renaming a slug ------------------------------------------------------------------


def test_a_renamed_lesson_answers_at_its_new_address_and_the_old_one_redirects(
    folder, studio_client, client
):
    lesson = Lesson.objects.select_related("course").get(language="en", slug="lesson-1")
    old_address = lesson.get_absolute_url()
    response = studio_client.post(url("studio:rename", lesson), {"slug": "caps-and-rates"})
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.slug == "caps-and-rates"
    moved = client.get(old_address)
    assert (moved.status_code, moved["Location"]) == (301, lesson.get_absolute_url())
    assert client.get(lesson.get_absolute_url()).status_code == 200


def test_a_slug_another_lesson_has_is_refused(folder, studio_client):
    lesson = Lesson.objects.select_related("course").get(language="en", slug="lesson-1")
    response = studio_client.post(url("studio:rename", lesson), {"slug": "lesson-2"})
    assert response.context["form"].errors["slug"]
    assert LessonRedirect.objects.count() == 0


def test_a_lesson_may_take_back_its_old_address(folder):
    lesson = Lesson.objects.get(language="en", slug="lesson-1")
    lesson_files_out.rename_lesson(lesson, "new-name", by=None)
    lesson_files_out.rename_lesson(lesson, "lesson-1", by=None)
    assert list(LessonRedirect.objects.values_list("old_slug", flat=True)) == ["new-name"]


def test_an_address_another_lesson_had_is_refused(folder):
    first = Lesson.objects.get(language="en", slug="lesson-1")
    second = Lesson.objects.get(language="en", slug="lesson-2")
    lesson_files_out.rename_lesson(first, "new-name", by=None)
    with pytest.raises(lesson_files_out.SlugTaken):
        lesson_files_out.rename_lesson(second, "lesson-1", by=None)
