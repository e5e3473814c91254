"""One reading time per lesson, computed from its text in its language, shown alike on
the course list, the lesson page and in the studio."""

import re

from django.urls import reverse
from django.utils.translation import override

from literacy.learning.content.lesson_files import load_folder
from literacy.learning.models import Lesson
from tests.factories import lesson_source, write_folder

LONG_EN = "word " * 1500  # 1,500 words at 220 a minute, plus the rest: 7 minutes
LONG_ZH = "字" * 2000  # 2,000 characters at 400 a minute, plus the English words: 6 minutes


def folder(tmp_path):
    root = write_folder(tmp_path, lessons=1)
    for language, body in (("en", LONG_EN), ("zh-hans", LONG_ZH)):
        path = root / language / "course-1" / "01-lesson-1.md"
        path.write_text(
            lesson_source(title="Lesson 1", translation="c1-lesson-1", body=body).replace(
                "minutes: 5", "minutes: 42"
            ),
            encoding="utf-8",
        )
    return root


def test_the_reading_time_comes_from_the_text_not_the_files_minutes(db, tmp_path):
    assert load_folder(folder(tmp_path)).errors == []
    english = Lesson.objects.select_related("current_revision").get(language="en")
    chinese = Lesson.objects.select_related("current_revision").get(language="zh-hans")
    assert (english.minutes, english.current_revision.reading_minutes) == (7, 7)
    assert (chinese.minutes, chinese.current_revision.reading_minutes) == (6, 6)


def test_course_list_lesson_page_and_studio_show_the_same_minutes(db, tmp_path, client, educator):
    assert load_folder(folder(tmp_path)).errors == []
    lesson = Lesson.objects.get(language="en")
    with override("en"):
        course_page = client.get(reverse("lessons:course", kwargs={"course": "course-1"}))
        lesson_page = client.get(lesson.get_absolute_url())
        client.force_login(educator)
        studio_page = client.get(reverse("studio:edit", args=["en", "course-1", lesson.slug]))
    found = [
        re.findall(r"(\d+) minutes?", page.content.decode())
        for page in (course_page, lesson_page, studio_page)
    ]
    assert found == [["7"], ["7"], ["7"]]
