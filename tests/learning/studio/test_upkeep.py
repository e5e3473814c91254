"""Facts due for re-checking and translations behind, through load_lessons and the studio."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from literacy.learning.content.lesson_files import load_folder
from literacy.learning.models import Fact, Lesson, TranslationCheck
from literacy.learning.studio import upkeep
from tests.factories import lesson_source, write_citing_folder

pytestmark = pytest.mark.django_db


@pytest.fixture
def folder(tmp_path):
    root = write_citing_folder(tmp_path / "lessons")
    assert load_folder(root).errors == []
    return root


@pytest.fixture
def studio_client(educator) -> Client:
    client = Client()
    client.force_login(educator)
    return client


def lesson(language: str, slug: str) -> Lesson:
    return Lesson.objects.select_related("course").get(language=language, slug=slug)


def studio_url(name: str, item: Lesson) -> str:
    with translation.override("en"):
        return reverse(
            name,
            kwargs={"language": item.language, "course": item.course.slug, "lesson": item.slug},
        )


def change_chinese_lesson_2(folder, text: str = "新的一段：手续费怎么算。") -> None:
    path = folder / "zh-hans" / "course-1" / "02-lesson-2.md"
    path.write_text(lesson_source(title="Lesson 2", translation="c1-lesson-2", body=text))
    assert load_folder(folder).updated == 1


def shown(day: datetime.date) -> str:
    with translation.override("en"):
        return date_format(day, "DATE_FORMAT")


def behind_keys() -> list[tuple[str, str]]:
    return [(row.lesson.language, row.lesson.slug) for row in upkeep.upkeep().behind]


# --- translations behind --------------------------------------------------------------


def test_loading_both_languages_flags_nothing(folder):
    assert behind_keys() == []


def test_a_changed_chinese_file_flags_the_english_translation(folder):
    change_chinese_lesson_2(folder)
    assert behind_keys() == [("en", "lesson-2")]


def test_a_fact_re_render_is_no_change_a_translation_falls_behind(folder):
    write_citing_folder(folder, lpr="3.1")
    load_folder(folder)
    assert lesson("en", "lesson-1").revisions.count() == 2
    assert behind_keys() == []


def test_the_studio_overview_flags_the_translation_behind(folder, studio_client):
    change_chinese_lesson_2(folder)
    page = studio_client.get(reverse("studio:index")).content.decode()
    assert page.count('class="flag-behind"') == 1
    assert "/en/course-1/lesson-2/translation/" in page


def test_the_translation_page_shows_what_changed_since(folder, studio_client):
    change_chinese_lesson_2(folder)
    response = studio_client.get(studio_url("studio:translation", lesson("en", "lesson-2")))
    added = [line.text for line in response.context["diff"] if line.kind == "added"]
    assert "新的一段：手续费怎么算。" in added


def test_updating_the_translation_alone_keeps_the_flag(folder, studio_client):
    change_chinese_lesson_2(folder)
    path = folder / "en" / "course-1" / "02-lesson-2.md"
    path.write_text(lesson_source(title="Lesson 2", translation="c1-lesson-2", body="New: fees."))
    load_folder(folder)
    # The English update may add something of its own: Chinese is flagged too, and
    # English stays flagged until an educator says the versions are in step.
    assert behind_keys() == [("en", "lesson-2"), ("zh-hans", "lesson-2")]


def test_clearing_the_flag_records_who_when_and_the_note(folder, studio_client, educator):
    change_chinese_lesson_2(folder)
    english = lesson("en", "lesson-2")
    response = studio_client.post(
        studio_url("studio:translation", english), {"note": "Translated the fees paragraph."}
    )
    assert response.status_code == 302
    check = TranslationCheck.objects.get()
    assert (check.lesson, check.checked_by, check.note) == (
        english,
        educator,
        "Translated the fees paragraph.",
    )
    assert check.against == lesson("zh-hans", "lesson-2").current_revision
    assert behind_keys() == []


def test_clearing_needs_a_note(folder, studio_client):
    change_chinese_lesson_2(folder)
    response = studio_client.post(studio_url("studio:translation", lesson("en", "lesson-2")), {})
    assert response.status_code == 200
    assert response.context["form"].errors["note"]
    assert TranslationCheck.objects.count() == 0


def test_a_translation_in_step_has_no_translation_page(folder, studio_client):
    response = studio_client.get(studio_url("studio:translation", lesson("en", "lesson-2")))
    assert response.status_code == 404


def test_the_public_page_of_the_translation_behind_carries_a_dated_note(folder, client):
    change_chinese_lesson_2(folder)
    english, chinese = lesson("en", "lesson-2"), lesson("zh-hans", "lesson-2")
    page = client.get(english.get_absolute_url()).content.decode()
    day = timezone.localtime(chinese.source_updated_at).date()
    assert (
        f"The Simplified Chinese version was updated on {shown(day)}; "
        "this translation may be behind."
    ) in page
    assert "may be behind" not in client.get(chinese.get_absolute_url()).content.decode()


# --- freshness ------------------------------------------------------------------------


def test_a_lesson_shows_when_its_facts_were_checked(folder, client):
    page = client.get(lesson("en", "lesson-1").get_absolute_url()).content.decode()
    assert f"Facts checked on {shown(datetime.date(2026, 11, 29))}" in page
    other = client.get(lesson("en", "lesson-2").get_absolute_url()).content.decode()
    assert "Facts checked on" not in other


def test_old_facts_make_the_facts_and_their_lessons_due(tmp_path):
    root = write_citing_folder(tmp_path / "lessons", checked="2024-06-30")
    load_folder(root)
    found = upkeep.upkeep(today=datetime.date(2026, 12, 1))
    assert found.due_before == datetime.date(2025, 12, 1)
    assert sorted(f.key for f in found.due_facts) == [
        "hotline_nfra",
        "lpr_1y",
        "private_lending_cap",
    ]
    due = {(row.lesson.language, row.lesson.slug): row.checked_on for row in found.due_lessons}
    assert due[("en", "lesson-1")] == datetime.date(2024, 6, 30)
    assert due[("en", "lesson-2")] is None  # no fact and no "checked:" date: never checked


def test_the_number_of_months_is_a_setting(folder, settings):
    settings.LESSON_RECHECK_MONTHS = 36
    assert upkeep.due_before(datetime.date(2026, 12, 1)) == datetime.date(2023, 12, 1)


def test_a_checked_line_in_the_front_matter_counts(folder):
    path = folder / "en" / "course-1" / "02-lesson-2.md"
    source = lesson_source(title="Lesson 2", translation="c1-lesson-2")
    path.write_text(source.replace("minutes: 5\n", "minutes: 5\nchecked: 2026-10-01\n"))
    load_folder(folder)
    rows = {row.lesson.pk: row for row in upkeep.upkeep(today=datetime.date(2026, 12, 1)).lessons}
    row = rows[lesson("en", "lesson-2").pk]
    assert (row.checked_on, row.due) == (datetime.date(2026, 10, 1), False)


def test_a_fact_changed_after_the_lessons_last_revision_makes_it_due(folder):
    later = timezone.now() + datetime.timedelta(minutes=5)
    Fact.objects.filter(key="lpr_1y").update(value_changed_at=later)
    rows = upkeep.upkeep(today=datetime.date(2026, 12, 1)).due_lessons
    assert sorted((row.lesson.language, [f.key for f in row.changed_facts]) for row in rows) == [
        ("en", []),
        ("en", ["lpr_1y"]),
        ("zh-hans", []),
        ("zh-hans", ["lpr_1y"]),
    ]


def test_the_checks_page_lists_what_is_due(tmp_path, studio_client):
    load_folder(write_citing_folder(tmp_path / "lessons", checked="2020-01-01"))
    page = studio_client.get(reverse("studio:checks")).content.decode()
    assert page.count('class="upkeep-due"') == 3
    assert shown(datetime.date(2020, 1, 1)) in page


def test_saving_a_fact_in_the_studio_renders_its_lessons_again(folder, studio_client):
    response = studio_client.post(
        reverse("studio:fact", kwargs={"fact": "lpr_1y"}),
        {
            "value": "3.1",
            "as_of": "2027-01-20",
            "source": "NIFC",
            "url": "https://www.chinamoney.com.cn/",
            "checked_on": "2027-01-21",
            "note": "January fixing",
        },
    )
    assert response.status_code == 302
    english = lesson("en", "lesson-1")
    assert "so the cap is 12.4 %." in english.current_revision.html
    assert english.current_revision.note == "Fact lpr_1y: 3.0 → 3.1. January fixing"
    assert Fact.objects.get(key="lpr_1y").checked_on == datetime.date(2027, 1, 21)


def test_a_fact_value_must_be_a_number(folder, studio_client):
    response = studio_client.post(
        reverse("studio:fact", kwargs={"fact": "lpr_1y"}),
        {"value": "three", "source": "x", "url": "https://a.example/", "checked_on": "2027-01-21"},
    )
    assert response.context["form"].errors["value"]
    assert Fact.objects.get(key="lpr_1y").value == "3.0"


@pytest.mark.parametrize("courses", [1, 4])
def test_the_checks_page_costs_the_same_for_any_number_of_lessons(
    tmp_path, studio_client, django_assert_num_queries, courses
):
    from tests.factories import write_facts, write_folder

    root = write_folder(tmp_path / "lessons", courses=courses, lessons=3)
    write_facts(root)
    load_folder(root)
    # session, user, groups; facts, lessons with course and revision, their facts
    with django_assert_num_queries(6):
        studio_client.get(reverse("studio:checks"))
