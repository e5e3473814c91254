"""The educators' studio: writing, previewing, saving, publishing and restoring lessons."""

import pytest
from django.test import Client
from django.urls import reverse

from literacy.learning.models import Lesson, Question, Revision
from literacy.learning.studio import services as studio
from tests.conftest import role_group
from tests.factories import QUIZ, make_lesson, studio_course
from tests.factories import studio_lesson_source as lesson_source
from tests.form_aria import described_by, missing_descriptions

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def client_as(client):
    def log_in(user) -> Client:
        client.force_login(user)
        return client

    return log_in


def edit_url(lesson: Lesson, name: str = "studio:edit", **extra) -> str:
    return reverse(
        name,
        kwargs={
            "language": lesson.language,
            "course": lesson.course.slug,
            "lesson": lesson.slug,
            **extra,
        },
    )


def new_lesson_data(course, **overrides) -> dict:
    return {
        "course": course.pk if course else "",
        "slug": "true-cost",
        "order": 2,
        "source": lesson_source(title="The true cost", translation="true-cost", body=QUIZ),
        "note": "New lesson",
        "action": "save",
        **overrides,
    }


# ---------------------------------------------------------------- the lesson list


def test_list_shows_status_last_editor_and_translation_gap(client_as, educator):
    lesson = make_lesson(educator)
    page = client_as(educator).get(reverse("studio:index")).content.decode()
    assert "How fees work" in page
    assert "Draft" in page
    assert "educator" in page
    assert "Missing in Simplified Chinese" in page
    assert f"?translation_of={lesson.pk}&amp;language=zh-hans" in page


def test_list_links_an_existing_translation_instead_of_a_gap(client_as, educator):
    make_lesson(educator)
    translated = make_lesson(educator, course=studio_course(language="zh-hans"), title="手续费")
    page = client_as(educator).get(reverse("studio:index")).content.decode()
    assert edit_url(translated) in page
    assert "Missing in" not in page


@pytest.mark.parametrize("lessons", [1, 6])
def test_list_query_count_does_not_grow_with_lessons(
    client_as, educator, django_assert_num_queries, lessons
):
    for number in range(lessons):
        course = studio_course(slug=f"course-{number}")
        make_lesson(educator, course=course, translation=f"key-{number}")
    client = client_as(educator)
    # session, user, user's groups, courses, lessons with revision and author, their facts
    with django_assert_num_queries(6):
        client.get(reverse("studio:index"))


def test_translation_link_prefills_the_new_lesson_form(client_as, educator):
    lesson = make_lesson(educator)
    response = client_as(educator).get(
        reverse("studio:create"), {"translation_of": lesson.pk, "language": "zh-hans"}
    )
    form = response.context["form"]
    assert form["source"].value() == lesson.current_revision.source
    assert form["new_course_language"].value() == "zh-hans"
    assert form["new_course_slug"].value() == "instalments"
    assert form["slug"].value() == "how-fees-work"


# ---------------------------------------------------------------- creating


def test_create_saves_a_draft_with_its_revision_and_questions(client_as, educator):
    course = studio_course()
    response = client_as(educator).post(reverse("studio:create"), new_lesson_data(course))
    lesson = Lesson.objects.get(course=course, slug="true-cost")
    assert response.status_code == 302
    assert response["Location"] == edit_url(lesson)
    assert (lesson.status, lesson.title, lesson.translation_key, lesson.order) == (
        "draft",
        "The true cost",
        "true-cost",
        2,
    )
    revision = lesson.current_revision
    assert (revision.author, revision.note) == (educator, "New lesson")
    assert list(lesson.questions.values_list("key", "correct")) == [("q1", [1])]


def test_create_can_start_a_new_course(client_as, educator):
    data = new_lesson_data(
        None,
        new_course_language="zh-hans",
        new_course_slug="credit-cards",
        new_course_title="信用卡",
        new_course_summary="关于信用卡",
    )
    client_as(educator).post(reverse("studio:create"), data)
    lesson = Lesson.objects.get(slug="true-cost")
    assert (lesson.course.slug, lesson.course.language, lesson.language) == (
        "credit-cards",
        "zh-hans",
        "zh-hans",
    )


def test_new_course_needs_its_title(client_as, educator):
    data = new_lesson_data(None, new_course_slug="cards")
    response = client_as(educator).post(reverse("studio:create"), data)
    assert response.context["form"].errors["new_course_title"] == ["Needed for a new course."]
    assert not Lesson.objects.exists()


@pytest.mark.parametrize("slug", ["../etc", "a/b", "..", "Upper", "a_b", "a--b", "-a", "fees.md"])
def test_create_refuses_unsafe_slugs(client_as, educator, slug):
    response = client_as(educator).post(
        reverse("studio:create"), new_lesson_data(studio_course(), slug=slug)
    )
    assert "slug" in response.context["form"].errors
    assert not Lesson.objects.exists()


def test_create_refuses_a_slug_taken_in_the_course(client_as, educator):
    lesson = make_lesson(educator)
    response = client_as(educator).post(
        reverse("studio:create"), new_lesson_data(lesson.course, slug=lesson.slug)
    )
    assert response.context["form"].errors["slug"] == [
        "This course already has a lesson with this file name."
    ]


def test_create_with_authoring_errors_keeps_the_text_and_saves_nothing(client_as, educator):
    source = lesson_source(body=QUIZ.replace("answer: 1", "answer: 4"))
    response = client_as(educator).post(
        reverse("studio:create"), new_lesson_data(studio_course(), source=source)
    )
    assert response.status_code == 200
    assert response.context["form"]["source"].value() == source
    assert response.context["form"].errors["source"] == [
        "Line 17: 'answer' must name different choices between 1 and 2."
    ]
    assert not Lesson.objects.exists()


# ---------------------------------------------------------------- previewing


def test_live_preview_renders_the_source(client_as, educator):
    response = client_as(educator).post(
        reverse("studio:preview"),
        {"source": lesson_source(body="Some **bold** text.\n"), "language": "en"},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert "<strong>bold</strong>" in page
    assert "No authoring errors." in page
    assert "<html" not in page


def test_live_preview_shows_errors_at_their_line(client_as, educator):
    source = lesson_source(body=QUIZ.replace("answer: 1", "answer: 4"))
    response = client_as(educator).post(
        reverse("studio:preview"), {"source": source, "language": "en"}
    )
    assert "Line 17: &#x27;answer&#x27; must name different choices between 1 and 2." in (
        response.content.decode()
    )


def test_live_preview_takes_the_language_of_the_chosen_course(client_as, educator):
    course = studio_course(language="zh-hans")
    response = client_as(educator).post(
        reverse("studio:preview"), {"source": lesson_source(), "course": course.pk, "language": ""}
    )
    page = response.content.decode()
    assert 'title="本节链接"' in page  # the pipeline's own words, in the course's language
    assert "Link to this section" not in page


def test_plain_preview_button_renders_without_saving(client_as, educator):
    lesson = make_lesson(educator)
    source = lesson_source(body="Changed *text*.\n")
    response = client_as(educator).post(
        edit_url(lesson), {"source": source, "version": lesson.version, "action": "preview"}
    )
    assert "<em>text</em>" in response.content.decode()
    assert response.context["form"]["source"].value() == source
    assert lesson.revisions.count() == 1


HOSTILE = (
    "<script>alert(1)</script>\n\n"
    '<img src=x onerror="alert(2)">\n\n'
    "[click](javascript:alert(3))\n\n"
    '<iframe src="https://evil.example"></iframe>\n\n'
    '<form action="https://evil.example"><input name=x></form>\n\n'
    "<svg><script>alert(4)</script></svg>\n\n"
    '<a href="&#106;avascript:alert(5)">x</a>\n'
)


def _assert_no_live_script(html: str) -> None:
    lowered = html.lower()
    for needle in ("<script>alert", "onerror=", "javascript:", "<iframe", "evil.example", "<svg"):
        assert needle not in lowered


def test_hostile_markdown_in_the_preview_yields_no_live_script(client_as, educator):
    response = client_as(educator).post(
        reverse("studio:preview"), {"source": lesson_source(body=HOSTILE), "language": "en"}
    )
    _assert_no_live_script(response.content.decode())


def test_hostile_markdown_saved_and_published_yields_no_live_script(client, educator):
    lesson = make_lesson(educator, body=HOSTILE)
    studio.publish(lesson)
    page = client.get(lesson.get_absolute_url())
    assert page.status_code == 200
    _assert_no_live_script(page.content.decode().split('<div class="lesson-body">')[1])


# ---------------------------------------------------------------- saving


def test_save_creates_a_revision_with_author_and_note(client_as, educator):
    lesson = make_lesson(educator)
    response = client_as(educator).post(
        edit_url(lesson),
        {
            "source": lesson_source(title="Fees, revised").replace("\n", "\r\n"),
            "note": "Clearer title",
            "version": lesson.version,
            "action": "save",
        },
    )
    lesson.refresh_from_db()
    assert response.status_code == 302
    assert (lesson.title, lesson.version, lesson.revisions.count()) == ("Fees, revised", 2, 2)
    assert (lesson.current_revision.author, lesson.current_revision.note) == (
        educator,
        "Clearer title",
    )
    assert "\r" not in lesson.current_revision.source


def test_save_of_unchanged_text_adds_no_revision(client_as, educator):
    lesson = make_lesson(educator)
    client_as(educator).post(
        edit_url(lesson),
        {"source": lesson.current_revision.source, "version": lesson.version, "action": "save"},
    )
    lesson.refresh_from_db()
    assert (lesson.version, lesson.revisions.count()) == (1, 1)


def test_save_with_authoring_errors_is_refused_and_keeps_the_text(client_as, educator):
    lesson = make_lesson(educator)
    source = lesson_source(body=QUIZ.replace("answer: 1", "answer: 4"))
    response = client_as(educator).post(
        edit_url(lesson), {"source": source, "version": lesson.version, "action": "save"}
    )
    assert response.status_code == 200
    assert response.context["form"]["source"].value() == source
    assert lesson.revisions.count() == 1


def test_save_updates_questions_and_retires_removed_ones(educator):
    lesson = make_lesson(educator, body=QUIZ + QUIZ)
    studio.save_source(
        lesson=lesson, source=lesson_source(body=QUIZ), author=educator, note="", version=1
    )
    assert dict(Question.objects.values_list("key", "retired")) == {"q1": False, "q2": True}


# ---------------------------------------------------------------- the optimistic lock


@pytest.fixture
def other_educator(educator):
    from django.contrib.auth.models import User

    user = User.objects.create_user("second", first_name="Mei", last_name="Lin")
    user.groups.add(role_group("educators"))
    return user


def test_stale_save_is_refused_naming_who_saved_and_keeping_the_text(
    client_as, educator, other_educator
):
    lesson = make_lesson(educator)
    loaded_version = lesson.version
    studio.save_source(
        lesson=lesson,
        source=lesson_source(title="Theirs"),
        author=other_educator,
        note="",
        version=loaded_version,
    )
    mine = lesson_source(title="Mine")
    response = client_as(educator).post(
        edit_url(lesson), {"source": mine, "version": loaded_version, "action": "save"}
    )
    page = response.content.decode()
    lesson.refresh_from_db()
    assert response.status_code == 200
    assert "Someone else saved this lesson meanwhile" in page
    assert "Mei Lin saved a new version at" in page
    assert response.context["form"]["source"].value() == mine
    assert (lesson.title, lesson.revisions.count()) == ("Theirs", 2)
    assert '<del><span class="visually-hidden">Removed: </span>title: Theirs</del>' in page
    assert '<ins><span class="visually-hidden">Added: </span>title: Mine</ins>' in page


def test_after_a_stale_save_the_form_carries_the_new_version(client_as, educator):
    lesson = make_lesson(educator)
    studio.save_source(
        lesson=lesson, source=lesson_source(title="Theirs"), author=None, note="", version=1
    )
    response = client_as(educator).post(
        edit_url(lesson), {"source": lesson_source(title="Mine"), "version": 1, "action": "save"}
    )
    assert response.context["form"]["version"].value() == 2


def test_save_compares_and_increments_the_version(educator):
    lesson = make_lesson(educator)
    studio.save_source(
        lesson=lesson, source=lesson_source(title="A"), author=None, note="", version=1
    )
    stale = Lesson.objects.get(pk=lesson.pk)
    stale.version = 1
    with pytest.raises(studio.StaleVersion):
        studio.save_source(
            lesson=stale, source=lesson_source(title="B"), author=None, note="", version=1
        )
    assert list(Revision.objects.filter(lesson=lesson).values_list("lesson__title", flat=True)) == [
        "A",
        "A",
    ]


# ---------------------------------------------------------------- publishing


def test_publish_and_unpublish(client_as, educator):
    lesson = make_lesson(educator)
    client = client_as(educator)
    client.post(edit_url(lesson, "studio:publish"))
    lesson.refresh_from_db()
    assert lesson.status == "published"
    assert client.get(lesson.get_absolute_url()).status_code == 200
    client.post(edit_url(lesson, "studio:unpublish"))
    lesson.refresh_from_db()
    assert lesson.status == "draft"


def test_publish_refuses_a_revision_with_authoring_errors(client_as, educator):
    lesson = make_lesson(educator)
    # A revision stored before today's checks existed (e.g. an old import).
    broken = Revision.objects.create(
        lesson=lesson, source=lesson_source(body="```quiz\nquestion: ?\n```\n"), html=""
    )
    Lesson.objects.filter(pk=lesson.pk).update(current_revision=broken)
    response = client_as(educator).post(edit_url(lesson, "studio:publish"), follow=True)
    lesson.refresh_from_db()
    assert lesson.status == "draft"
    assert "Not published: the lesson has" in response.content.decode()


def test_publish_is_a_post(client_as, educator):
    lesson = make_lesson(educator)
    assert client_as(educator).get(edit_url(lesson, "studio:publish")).status_code == 405


# ---------------------------------------------------------------- history


def test_history_lists_revisions_with_author_time_and_note(client_as, educator):
    lesson = make_lesson(educator)
    studio.save_source(
        lesson=lesson, source=lesson_source(title="B"), author=educator, note="Second", version=1
    )
    response = client_as(educator).get(edit_url(lesson, "studio:history"))
    notes = [revision.note for revision in response.context["revisions"]]
    assert notes == ["Second", "First draft"]


def test_diff_shows_removed_and_added_lines(client_as, educator):
    lesson = make_lesson(educator)
    first = lesson.current_revision
    studio.save_source(
        lesson=lesson, source=lesson_source(title="B"), author=educator, note="", version=1
    )
    response = client_as(educator).get(edit_url(lesson, "studio:diff", revision=first.pk))
    page = response.content.decode()
    assert "title: How fees work</del>" in page
    assert "title: B</ins>" in page


def test_restore_creates_a_new_revision_with_the_old_source(client_as, educator):
    lesson = make_lesson(educator)
    first = lesson.current_revision
    studio.save_source(
        lesson=lesson, source=lesson_source(title="B"), author=educator, note="", version=1
    )
    client_as(educator).post(edit_url(lesson, "studio:restore", revision=first.pk), {"version": 2})
    lesson.refresh_from_db()
    assert lesson.revisions.count() == 3
    assert lesson.current_revision.pk not in (first.pk,)
    assert lesson.current_revision.source == first.source
    assert lesson.title == "How fees work"
    assert lesson.current_revision.note.startswith("Restored the revision of")


def test_stale_restore_is_refused(client_as, educator):
    lesson = make_lesson(educator)
    first = lesson.current_revision
    studio.save_source(
        lesson=lesson, source=lesson_source(title="B"), author=educator, note="", version=1
    )
    response = client_as(educator).post(
        edit_url(lesson, "studio:restore", revision=first.pk), {"version": 1}, follow=True
    )
    lesson.refresh_from_db()
    assert (lesson.title, lesson.revisions.count()) == ("B", 2)
    assert "Not restored: educator saved this lesson" in response.content.decode()


def test_source_diff_marks_changed_lines_and_cuts_unchanged_stretches():
    old = "\n".join(f"line {n}" for n in range(1, 21))
    new = old.replace("line 10", "line ten")
    diff = studio.source_diff(old, new, context=1)
    assert [(line.kind, line.old_number, line.new_number, line.text) for line in diff] == [
        ("gap", None, None, ""),
        ("context", 9, 9, "line 9"),
        ("removed", 10, None, "line 10"),
        ("added", None, 10, "line ten"),
        ("context", 11, 11, "line 11"),
    ]


def test_writes_need_the_csrf_token(educator):
    lesson = make_lesson(educator)
    client = Client(enforce_csrf_checks=True)
    client.force_login(educator)
    assert client.post(edit_url(lesson, "studio:publish")).status_code == 403
    assert client.post(reverse("studio:preview"), {"source": ""}).status_code == 403


def test_preview_of_an_oversized_text_is_a_clear_400(client_as, educator):
    response = client_as(educator).post(
        reverse("studio:preview"), {"source": "x" * 100_001, "language": "en"}
    )
    assert response.status_code == 400
    assert "The preview could not be made from this text." in response.content.decode()


# ---------------------------------------------------------------- errors are announced


def test_create_form_errors_are_named_by_their_widgets(client_as, educator):
    data = new_lesson_data(None, slug="../etc", new_course_slug="cards")
    html = client_as(educator).post(reverse("studio:create"), data).content.decode()
    described = described_by(html)
    assert missing_descriptions(html) == {}
    assert "id_slug_error" in described["id_slug"]
    assert "id_new_course_title_error" in described["id_new_course_title"]


def test_edit_form_errors_are_named_by_their_widgets(client_as, educator):
    lesson = make_lesson(educator)
    client = client_as(educator)
    source = lesson_source(body=QUIZ.replace("answer: 1", "answer: 4"))
    authoring = {"source": source, "version": lesson.version, "action": "save"}
    too_long_note = {**authoring, "source": lesson_source(), "note": "x" * 201}
    for data, field in ((authoring, "id_source"), (too_long_note, "id_note")):
        html = client.post(edit_url(lesson), data).content.decode()
        assert missing_descriptions(html) == {}
        assert f"{field}_error" in described_by(html)[field]
