"""load_lessons / export_lessons: idempotent, all-or-nothing per file, round-trips."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from literacy.learning.content.lesson_files import export_folder, load_folder
from literacy.learning.content.pipeline import render_lesson
from literacy.learning.models import Course, Lesson, Question, Revision
from tests.factories import lesson_source, write_folder


def test_loading_creates_courses_lessons_questions(loaded):
    assert (loaded.created, loaded.updated, loaded.unchanged) == (4, 0, 0)
    assert Course.objects.count() == 2
    lesson = Lesson.objects.get(language="en", slug="lesson-2")
    assert (lesson.order, lesson.title, lesson.translation_key) == (2, "Lesson 2", "c1-lesson-2")
    assert lesson.status == Lesson.Status.PUBLISHED
    assert lesson.version == 1
    assert list(lesson.questions.values_list("key", flat=True)) == ["q1", "q2"]


def test_loading_twice_changes_nothing(loaded, lesson_folder):
    again = load_folder(lesson_folder)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert Revision.objects.count() == 4


def test_a_changed_file_gets_a_new_revision_and_keeps_answers(loaded, lesson_folder):
    path = lesson_folder / "en" / "course-1" / "01-lesson-1.md"
    path.write_text(lesson_source(title="Renamed", translation="c1-lesson-1", quizzes=1))
    report = load_folder(lesson_folder)
    lesson = Lesson.objects.get(language="en", slug="lesson-1")
    assert (report.updated, lesson.title, lesson.version, lesson.revisions.count()) == (
        1,
        "Renamed",
        2,
        2,
    )
    assert dict(lesson.questions.values_list("key", "retired")) == {"q1": False, "q2": True}


def test_a_file_with_an_error_is_not_loaded_and_others_are(db, lesson_folder, capsys):
    bad = lesson_folder / "en" / "course-1" / "02-lesson-2.md"
    bad.write_text(lesson_source(translation="c1-lesson-2").replace("title: ", "title: [", 1))
    with pytest.raises(CommandError, match="1 authoring errors"):
        call_command("load_lessons", str(lesson_folder))
    assert f"{bad}:2: Front matter is not valid YAML" in capsys.readouterr().err
    assert not Lesson.objects.filter(language="en", slug="lesson-2").exists()
    assert Lesson.objects.count() == 3


def test_every_error_in_every_file_is_reported(db, lesson_folder):
    for name in ("01-lesson-1.md", "02-lesson-2.md"):
        path = lesson_folder / "en" / "course-1" / name
        path.write_text(path.read_text().replace("answer: 1\n", "answer: 9\n"))
    report = load_folder(lesson_folder)
    assert len(report.errors) == 2
    assert all(":18: 'answer' must name" in error for error in report.errors)


@pytest.mark.parametrize("name", ["Bad Slug", "course_1", "über"])
def test_folder_names_that_are_not_slugs_are_refused(db, tmp_path, name):
    folder = tmp_path / "en" / name
    folder.mkdir(parents=True)
    (folder / "course.md").write_text("---\ntitle: T\nsummary: S\norder: 1\n---\n")
    report = load_folder(tmp_path)
    assert len(report.errors) == 1
    assert Course.objects.count() == 0


def test_lesson_file_names_must_be_numbered_slugs(db, lesson_folder):
    (lesson_folder / "en" / "course-1" / "lesson-three.md").write_text(lesson_source())
    report = load_folder(lesson_folder)
    assert [
        e.endswith("a lesson file is named NN-slug.md, like 01-what-is-apr.md")
        for e in report.errors
    ] == [True]


def test_duplicate_translation_keys_in_one_language_are_refused(db, lesson_folder):
    path = lesson_folder / "en" / "course-1" / "02-lesson-2.md"
    path.write_text(lesson_source(translation="c1-lesson-1"))
    report = load_folder(lesson_folder)
    assert len(report.errors) == 1
    assert "translation key 'c1-lesson-1' is also used" in report.errors[0]


def test_new_lessons_can_be_loaded_as_drafts(db, lesson_folder):
    call_command("load_lessons", str(lesson_folder), "--status", "draft")
    assert set(Lesson.objects.values_list("status", flat=True)) == {"draft"}


def test_studio_edits_are_not_overwritten_by_an_unchanged_file(loaded, lesson_folder):
    from literacy.learning.content.revisions import apply_revision

    lesson = Lesson.objects.get(language="en", slug="lesson-1")
    edited = lesson_source(title="Edited in the studio", translation="c1-lesson-1")
    apply_revision(lesson, source=edited, rendered=render_lesson(edited, language="en"))
    load_folder(lesson_folder)
    lesson.refresh_from_db()
    assert lesson.title == "Edited in the studio"


def test_export_then_load_changes_nothing(loaded, tmp_path):
    out = tmp_path / "exported"
    call_command("export_lessons", str(out))
    revisions, questions = Revision.objects.count(), Question.objects.count()
    report = load_folder(out)
    assert (report.errors, report.created, report.updated, report.unchanged) == ([], 0, 0, 4)
    assert (Revision.objects.count(), Question.objects.count()) == (revisions, questions)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md")) == [
        f"{language}/course-1/{name}"
        for language in ("en", "zh-hans")
        for name in ("01-lesson-1.md", "02-lesson-2.md", "course.md")
    ]


def test_export_reproduces_the_lesson_files(loaded, lesson_folder, tmp_path):
    export_folder(tmp_path / "out")
    for path in lesson_folder.rglob("0*.md"):
        exported = tmp_path / "out" / path.relative_to(lesson_folder)
        assert exported.read_text() == path.read_text()


def test_export_refuses_a_slug_that_would_escape_the_folder(db, tmp_path):
    Course.objects.create(language="en", slug="../../etc", title="T", summary="S")
    with pytest.raises(ValueError, match="refusing to write"):
        export_folder(tmp_path / "out")
    assert not (tmp_path / "etc").exists()


def test_write_folder_helper_makes_what_tests_expect(tmp_path):
    root = write_folder(tmp_path, courses=2, lessons=3, languages=("en",))
    assert len(list(Path(root).rglob("*.md"))) == 8


def test_rerender_gives_lessons_with_stale_html_a_new_rendering(loaded, lesson_folder):
    stale = Lesson.objects.get(language="en", slug="lesson-1")
    old_html = "<table><tr><td>rendered before tables scrolled</td></tr></table>"
    Revision.objects.filter(pk=stale.current_revision_id).update(html=old_html)
    revisions = Revision.objects.count()
    call_command("load_lessons", str(lesson_folder), "--rerender", stdout=None)
    stale.refresh_from_db()
    current = stale.current_revision
    assert current.html == render_lesson(current.source, language="en").html
    assert current.source == stale.revisions.get(html=old_html).source
    assert Revision.objects.count() == revisions + 1  # only the stale lesson


def _sources() -> dict[tuple[str, str, str], str]:
    lessons = Lesson.objects.values_list(
        "language", "course__slug", "slug", "current_revision__source"
    )
    return {(language, course, slug): source for language, course, slug, source in lessons}


def test_the_shipped_curriculum_survives_export_and_reload_unchanged(db, tmp_path):
    pytest.importorskip("literacy.calculators.embed")
    shipped = settings.BASE_DIR / "lessons"
    assert load_folder(shipped).errors == []
    sources = _sources()
    call_command("export_lessons", str(tmp_path / "out"), stdout=None)
    Lesson.objects.update(current_revision=None)  # empty the database
    Lesson.objects.all().delete()
    Course.objects.all().delete()
    report = load_folder(tmp_path / "out")
    assert (report.errors, report.created) == ([], len(sources))
    assert _sources() == sources
    assert Revision.objects.count() == len(sources)
    again = load_folder(shipped)
    assert (again.errors, again.updated, again.unchanged) == ([], 0, len(sources))
