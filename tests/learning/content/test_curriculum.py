"""The shipped curriculum (lessons/) loads cleanly and meets the editorial rules."""

from collections import defaultdict

import pytest
from django.conf import settings

from literacy.learning.content.lesson_files import read_folder

pytest.importorskip("literacy.calculators.embed")

LESSONS = settings.BASE_DIR / "lessons"


@pytest.fixture(scope="module")
def curriculum():
    courses, errors = read_folder(LESSONS)
    return courses, errors


@pytest.fixture(scope="module")
def lessons(curriculum):
    return [lesson for course in curriculum[0] for lesson in course.lessons]


def test_the_curriculum_has_no_authoring_errors(curriculum):
    assert curriculum[1] == []


def test_both_languages_have_the_same_courses(curriculum):
    by_language = defaultdict(set)
    for course in curriculum[0]:
        by_language[course.language].add(course.slug)
    assert by_language["en"] == by_language["zh-hans"]
    assert len(by_language["en"]) >= 5


def test_every_lesson_is_translated_with_the_same_course_and_slug(lessons):
    by_language = defaultdict(dict)
    for lesson in lessons:
        by_language[lesson.language][lesson.rendered.meta["translation"]] = (
            lesson.path.parent.name,
            lesson.slug,
        )
    assert by_language["en"] == by_language["zh-hans"]


def test_every_lesson_has_at_least_two_knowledge_checks(lessons):
    thin = [str(lesson.path) for lesson in lessons if len(lesson.rendered.questions) < 2]
    assert thin == []


def test_every_question_has_an_explanation(lessons):
    missing = [
        f"{lesson.path}:{question.line}"
        for lesson in lessons
        for question in lesson.rendered.questions
        if not question.explanation_html.strip()
    ]
    assert missing == []


def test_every_lesson_cites_a_source_in_a_footnote(lessons):
    unsourced = [str(lesson.path) for lesson in lessons if lesson.rendered.footnotes < 1]
    assert unsourced == []


def test_lessons_name_the_course_they_point_to(lessons):
    """A lesson names the course it means: pointers like "the next course" broke when
    courses were reordered (interest/03 and trap/03 in Chinese pointed at the wrong one)."""
    vague = ("下一门课", "上一门课", "前一门课", "next course", "previous course", "later course")
    pointing = [
        f"{lesson.path}: {phrase}"
        for lesson in lessons
        for phrase in vague
        if phrase in lesson.path.read_text(encoding="utf-8")
    ]
    assert pointing == []
