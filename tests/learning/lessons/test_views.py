"""Lesson pages and knowledge checks, as a learner meets them."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from literacy.learning.content import page_cache
from literacy.learning.content.lesson_files import load_folder
from literacy.learning.models import Answer, Lesson, LessonProgress
from tests.factories import write_folder


def lesson_url(language: str = "en", course: str = "course-1", lesson: str = "lesson-1") -> str:
    with override(language):
        return reverse("lessons:lesson", kwargs={"course": course, "lesson": lesson})


def answer_url(**kwargs) -> str:
    return lesson_url(**kwargs) + "answer/"


@pytest.mark.parametrize(("courses", "lessons"), [(1, 2), (4, 6)])
def test_lesson_page_query_count_does_not_grow_with_the_curriculum(
    db, client, learner, tmp_path, django_assert_num_queries, courses, lessons
):
    assert load_folder(write_folder(tmp_path, courses=courses, lessons=lessons)).errors == []
    # A first-time visitor: the content stamp (lessons, courses), then (on a cache
    # miss) the lesson with its course, revision and whether it has checks, then its
    # neighbours together with its translation.
    with django_assert_num_queries(4):
        assert client.get(lesson_url(lesson="lesson-2")).status_code == 200
    with django_assert_num_queries(0):  # stamp and page both come from the cache
        assert client.get(lesson_url(lesson="lesson-2")).status_code == 200


@pytest.mark.parametrize(("courses", "lessons"), [(1, 2), (4, 6)])
def test_returning_learners_lesson_page_query_count_does_not_grow(
    db, client, learner, tmp_path, django_assert_num_queries, courses, lessons
):
    assert load_folder(write_folder(tmp_path, courses=courses, lessons=lessons)).errors == []
    client.post(
        answer_url(lesson="lesson-2"), {"question": "q1", "choice": "1"}, HTTP_HX_REQUEST="true"
    )
    # An anonymous learner (a session with a learner token): the session, the lesson
    # with their completion, neighbours and translation, the visit (one UPDATE).
    with django_assert_num_queries(4):
        assert client.get(lesson_url(lesson="lesson-2")).status_code == 200
    client.force_login(learner)
    client.get(lesson_url(lesson="lesson-2"))  # first visit: creates the progress row
    # An account holder adds the user and their roles (navigation).
    with django_assert_num_queries(6):
        assert client.get(lesson_url(lesson="lesson-2")).status_code == 200


def test_shared_pages_carry_each_visitors_own_csrf_token(loaded, client):
    from django.test import Client

    first = client.get(lesson_url()).content.decode()
    second = Client().get(lesson_url()).content.decode()
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    assert len(token.findall(first)) == 3  # the language switch and the two quizzes
    assert token.findall(first)[0] not in second
    assert 'csrfmiddlewaretoken" value=""' not in first


def test_unpublishing_in_the_studio_retires_the_shared_page_at_once(loaded, client):
    from literacy.learning.studio.services import unpublish

    assert client.get(lesson_url()).status_code == 200
    for lesson in Lesson.objects.filter(slug="lesson-1"):
        unpublish(lesson)
    assert client.get(lesson_url()).status_code == 404


def test_a_change_made_elsewhere_shows_once_the_stamp_expires(loaded, client):
    """The admin or another worker changes rows behind this process's back: the
    cached stamp keeps serving the old page for at most STAMP_SECONDS."""
    import time
    from unittest import mock

    from literacy.learning.content.page_cache import STAMP_SECONDS

    assert client.get(lesson_url()).status_code == 200
    Lesson.objects.filter(slug="lesson-1").update(
        status=Lesson.Status.DRAFT, updated_at=timezone.now()
    )
    assert client.get(lesson_url()).status_code == 200
    later = time.time() + STAMP_SECONDS + 1
    with mock.patch("django.core.cache.backends.locmem.time.time", return_value=later):
        assert client.get(lesson_url()).status_code == 404


def test_a_new_revision_shows_at_once(loaded, client):
    from literacy.learning.content.pipeline import render_lesson
    from literacy.learning.content.revisions import apply_revision
    from tests.factories import lesson_source

    client.get(lesson_url())
    lesson = Lesson.objects.get(language="en", slug="lesson-1")
    source = lesson_source(title="A better title", translation="c1-lesson-1")
    apply_revision(lesson, source=source, rendered=render_lesson(source, language="en"))
    assert "<h1>A better title</h1>" in client.get(lesson_url()).content.decode()


def _edit_in_the_studio(lesson: Lesson) -> None:
    from literacy.learning.studio.services import save_source
    from tests.factories import lesson_source

    source = lesson_source(title="Edited an hour behind", translation="c1-lesson-1")
    save_source(lesson=lesson, source=source, author=None, note="", version=lesson.version)


def _unpublish_in_the_studio(lesson: Lesson) -> None:
    from literacy.learning.studio.services import unpublish

    unpublish(lesson)


def _republish_in_the_studio(lesson: Lesson) -> None:
    from literacy.learning.studio.services import publish

    # A status change that moves no stamp: only the publication below may move it.
    Lesson.objects.filter(pk=lesson.pk).update(status=Lesson.Status.DRAFT)
    publish(lesson)


@pytest.mark.parametrize(
    "change",
    [_edit_in_the_studio, _unpublish_in_the_studio, _republish_in_the_studio],
    ids=["save", "unpublish", "publish"],
)
def test_a_studio_change_on_an_app_server_whose_clock_is_behind_still_moves_the_stamp(
    loaded, change
):
    """Each app server writes with its own clock; one an hour behind the node that
    made the latest change must still retire every cached page (the database's
    clock stamps the change)."""
    from datetime import timedelta
    from unittest import mock

    lesson = Lesson.objects.select_related("current_revision").get(language="en", slug="lesson-1")
    before = page_cache.content_stamp()
    behind = timezone.now() - timedelta(hours=1)
    with mock.patch("django.utils.timezone.now", return_value=behind):
        change(lesson)
    assert page_cache.content_stamp() != before
    assert Lesson.objects.get(pk=lesson.pk).updated_at > behind + timedelta(minutes=59)


@pytest.mark.parametrize(("courses", "lessons"), [(1, 2), (4, 6)])
def test_course_and_index_query_counts_are_constant(
    db, client, tmp_path, django_assert_num_queries, courses, lessons
):
    load_folder(write_folder(tmp_path, courses=courses, lessons=lessons))
    with django_assert_num_queries(1):
        index = client.get(reverse("lessons:index"))
    with django_assert_num_queries(2):
        course = client.get(reverse("lessons:course", kwargs={"course": "course-1"}))
    assert index.content.decode().count('class="card"') == courses
    assert course.content.decode().count("<h3>") == lessons


def test_lesson_page_shows_stored_html_pager_and_translation_link(loaded, client):
    page = client.get(lesson_url(lesson="lesson-1")).content.decode()
    assert "<h1>Lesson 1</h1>" in page
    assert 'rel="next" href="/en/learn/course-1/lesson-2/"' in page
    assert 'rel="prev"' not in page
    assert 'href="/zh-hans/learn/course-1/lesson-1/"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert "<!--quiz-csrf-->" not in page


def test_no_translation_link_when_the_translation_is_a_draft(loaded, client):
    Lesson.objects.filter(language="zh-hans").update(status=Lesson.Status.DRAFT)
    page = client.get(lesson_url()).content.decode()
    assert "/zh-hans/learn/" not in page.split("<main")[1]


def test_the_language_switch_lands_on_the_translated_lesson(loaded, client):
    # The browser prefers Chinese, yet the page being left is English.
    response = client.post(
        "/en/i18n/setlang/",
        {"language": "zh-hans", "next": lesson_url()},
        HTTP_ACCEPT_LANGUAGE="zh-CN",
    )
    assert response["Location"] == lesson_url(language="zh-hans")


def test_drafts_are_not_found_by_learners(loaded, client):
    Lesson.objects.filter(slug="lesson-1").update(status=Lesson.Status.DRAFT)
    assert client.get(lesson_url()).status_code == 404


def test_an_unknown_lesson_is_not_found(loaded, client):
    assert client.get(lesson_url(lesson="no-such-lesson")).status_code == 404
    assert client.get(lesson_url(course="no-such-course")).status_code == 404


def switch_to_chinese(client, page: str):
    return client.post("/en/i18n/setlang/", {"language": "zh-hans", "next": page}, follow=True)


def test_switching_on_an_untranslated_lesson_lands_on_its_course_with_a_note(loaded, client):
    Lesson.objects.filter(language="zh-hans", slug="lesson-2").update(status=Lesson.Status.DRAFT)
    response = switch_to_chinese(client, lesson_url(lesson="lesson-2"))
    assert response.redirect_chain[-1][0] == reverse_in("zh-hans", "lessons:course", "course-1")
    assert response.status_code == 200
    assert "这节课还没有中文版。" in response.content.decode()


def test_switching_lands_on_the_translation_even_under_another_slug(loaded, client):
    Lesson.objects.filter(language="zh-hans", slug="lesson-2").update(slug="di-er-ke")
    response = switch_to_chinese(client, lesson_url(lesson="lesson-2"))
    assert response.redirect_chain[-1][0] == lesson_url(language="zh-hans", lesson="di-er-ke")
    assert response.status_code == 200


def test_switching_where_the_whole_course_is_untranslated_lands_on_the_courses(loaded, client):
    Lesson.objects.filter(language="zh-hans").update(status=Lesson.Status.DRAFT)
    from_lesson = switch_to_chinese(client, lesson_url())
    from_course = switch_to_chinese(client, reverse_in("en", "lessons:course", "course-1"))
    for response in (from_lesson, from_course):
        assert response.redirect_chain[-1][0] == reverse_in("zh-hans", "lessons:index")
        assert response.status_code == 200
        assert "还没有中文版" in response.content.decode()


def reverse_in(language: str, name: str, course: str | None = None) -> str:
    with override(language):
        return reverse(name, kwargs={"course": course} if course else None)


def test_table_of_contents_appears_for_three_sections(db, client, tmp_path):
    from tests.factories import lesson_source

    root = write_folder(tmp_path, lessons=1)
    body = "## Two\n\ntext\n\n## Three\n\ntext"
    (root / "en" / "course-1" / "01-lesson-1.md").write_text(
        lesson_source(translation="c1-lesson-1", body=body)
    )
    load_folder(root)
    long_page = client.get(lesson_url()).content.decode()
    short_page = client.get(lesson_url(language="zh-hans")).content.decode()
    assert 'class="lesson-toc"' in long_page
    assert '<a href="#three">Three</a>' in long_page
    assert 'class="lesson-toc"' not in short_page


def test_reading_a_lesson_records_progress_for_a_known_learner(loaded, client, learner):
    client.force_login(learner)
    client.get(lesson_url())
    client.get(lesson_url())
    progress = LessonProgress.objects.get(user=learner)
    assert progress.first_opened < progress.last_visited
    assert progress.completed_at is None


def test_a_first_time_visitor_reading_creates_no_rows(loaded, client):
    client.get(lesson_url())
    assert LessonProgress.objects.count() == 0
    assert "sessionid" not in client.cookies


# ----------------------------------------------------------- knowledge checks


def test_htmx_answer_returns_feedback_in_place(loaded, client):
    response = client.post(answer_url(), {"question": "q1", "choice": "2"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "feedback-incorrect" in body
    assert Answer.objects.get().chosen == [2]


def test_plain_answer_redirects_to_the_question_and_shows_feedback_once(loaded, client):
    response = client.post(answer_url(), {"question": "q1", "choice": "1"})
    assert response["Location"] == lesson_url() + "#quiz-q1"
    page = client.get(response["Location"]).content.decode()
    assert "feedback-correct" in page
    assert "feedback-correct" not in client.get(lesson_url()).content.decode()


def test_anonymous_answers_start_a_session_and_count_first_tries(loaded, client):
    client.post(answer_url(), {"question": "q1", "choice": "2"})
    client.post(answer_url(), {"question": "q1", "choice": "1"})
    answers = list(Answer.objects.values_list("correct", "first_try", "user", "session_key"))
    token = client.session["learner_token"]
    assert answers == [(False, True, None, token), (True, False, None, token)]


def test_lesson_completes_when_every_question_was_answered_correctly(loaded, client, learner):
    client.force_login(learner)
    client.post(answer_url(), {"question": "q1", "choice": "1"})
    assert LessonProgress.objects.get(user=learner).completed_at is None
    client.post(answer_url(), {"question": "q2", "choice": ["1", "2"]})
    assert LessonProgress.objects.get(user=learner).completed_at is not None


def test_a_partly_right_multiple_choice_answer_is_wrong(loaded, client, learner):
    client.force_login(learner)
    client.post(answer_url(), {"question": "q2", "choice": ["1"]})
    assert Answer.objects.get().correct is False


def test_answering_without_a_choice_asks_for_one_and_records_nothing(loaded, client):
    response = client.post(answer_url(), {"question": "q1"}, HTTP_HX_REQUEST="true")
    assert "Choose an answer first." in response.content.decode()
    assert Answer.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [
        {"question": "q9", "choice": "1"},
        {"question": "q1", "choice": "7"},
        {"question": "q1", "choice": ["1", "2"]},
        {"question": "q1", "choice": "one"},
    ],
)
def test_forged_answers_are_refused_and_change_nothing(loaded, client, data):
    response = client.post(answer_url(), data)
    assert response.status_code == 400
    assert (Answer.objects.count(), LessonProgress.objects.count()) == (0, 0)


def test_answers_for_an_unpublished_lesson_change_nothing(loaded, client):
    Lesson.objects.filter(slug="lesson-1").update(status=Lesson.Status.DRAFT)
    response = client.post(answer_url(), {"question": "q1", "choice": "1"})
    assert response.status_code == 404
    assert Answer.objects.count() == 0


def test_answers_need_a_csrf_token(loaded):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        answer_url(), {"question": "q1", "choice": "1"}
    )
    assert response.status_code == 403
    assert Answer.objects.count() == 0


def test_answering_is_rate_limited_per_address(loaded, client):
    statuses = [
        client.post(
            answer_url(), {"question": "q1", "choice": "1"}, HTTP_HX_REQUEST="true"
        ).status_code
        for _ in range(121)
    ]
    assert statuses[:120] == [200] * 120
    assert statuses[120] == 429


def test_home_lists_published_courses(loaded, client):
    page = client.get("/en/").content.decode()
    assert "Course 1 en" in page
    assert "Course 1 zh-hans" not in page


# ------------------------------------------------------ "I've finished this lesson"

FINISHED_BUTTON = "I've finished this lesson"


@pytest.fixture
def without_checks(db, tmp_path):
    """The English lesson-1 has no knowledge checks."""
    from tests.factories import lesson_source

    root = write_folder(tmp_path, lessons=2)
    (root / "en" / "course-1" / "01-lesson-1.md").write_text(
        lesson_source(translation="c1-lesson-1", quizzes=0)
    )
    assert load_folder(root).errors == []


def test_a_first_time_visitor_is_offered_the_finished_button(without_checks, client):
    page = client.get(lesson_url()).content.decode()
    assert FINISHED_BUTTON in page
    assert "lesson-done-status" not in page


def test_an_anonymous_learner_who_finished_sees_it_done_instead_of_the_button(
    without_checks, client
):
    lesson = Lesson.objects.get(language="en", slug="lesson-1")
    client.post(reverse("progress:done", args=[lesson.pk]), HTTP_HX_REQUEST="true")
    page = client.get(lesson_url()).content.decode()
    assert FINISHED_BUTTON not in page
    assert "lesson-done-status" in page


def test_an_account_holder_who_finished_sees_it_done_and_another_learner_does_not(
    without_checks, client, learner, other_learner
):
    lesson = Lesson.objects.get(language="en", slug="lesson-1")
    client.force_login(learner)
    client.post(reverse("progress:done", args=[lesson.pk]), HTTP_HX_REQUEST="true")
    assert FINISHED_BUTTON not in client.get(lesson_url()).content.decode()
    client.force_login(other_learner)
    assert FINISHED_BUTTON in client.get(lesson_url()).content.decode()


def test_a_lesson_with_checks_says_done_once_its_checks_are_answered(loaded, client):
    before = client.get(lesson_url()).content.decode()
    assert "Answer the knowledge checks above correctly" in before
    assert FINISHED_BUTTON not in before
    for data in ({"question": "q1", "choice": "1"}, {"question": "q2", "choice": ["1", "2"]}):
        client.post(answer_url(), data, HTTP_HX_REQUEST="true")
    after = client.get(lesson_url()).content.decode()
    assert "lesson-done-status" in after
    assert "Answer the knowledge checks above correctly" not in after


# ------------------------------------------- the answer that completes a lesson

SIGNUP_INVITATION = "to keep your progress on every device."
ANSWERS = ({"question": "q1", "choice": "1"}, {"question": "q2", "choice": ["1", "2"]})


def test_htmx_answer_that_completes_the_lesson_invites_an_anonymous_learner_to_sign_up(
    loaded, client
):
    first, last = (
        client.post(answer_url(), data, HTTP_HX_REQUEST="true").content.decode() for data in ANSWERS
    )
    assert "Lesson complete." not in first
    assert "Lesson complete." in last
    assert SIGNUP_INVITATION in last
    assert f'href="{reverse("signup")}"' in last


def test_plain_answer_that_completes_the_lesson_invites_an_anonymous_learner_to_sign_up(
    loaded, client
):
    client.post(answer_url(), ANSWERS[0])
    first = client.get(lesson_url()).content.decode()
    response = client.post(answer_url(), ANSWERS[1])
    last = client.get(response["Location"]).content.decode()
    assert "Lesson complete." not in first
    assert "Lesson complete." in last
    assert f'<a href="{reverse("signup")}">' in last


def test_an_account_holder_completing_a_lesson_is_not_asked_to_sign_up(loaded, client, learner):
    client.force_login(learner)
    client.post(answer_url(), ANSWERS[0], HTTP_HX_REQUEST="true")
    last = client.post(answer_url(), ANSWERS[1], HTTP_HX_REQUEST="true").content.decode()
    assert "Lesson complete." in last
    assert SIGNUP_INVITATION not in last


def test_answering_again_after_completing_does_not_repeat_the_invitation(loaded, client):
    for data in ANSWERS:
        client.post(answer_url(), data, HTTP_HX_REQUEST="true")
    again = client.post(answer_url(), ANSWERS[0], HTTP_HX_REQUEST="true").content.decode()
    assert "Lesson complete." not in again


def test_the_invitation_is_in_chinese_on_a_chinese_lesson(loaded, client):
    for data in ANSWERS:
        response = client.post(answer_url(language="zh-hans"), data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "本课已完成。" in html
    assert "免费注册一个账户" in html
