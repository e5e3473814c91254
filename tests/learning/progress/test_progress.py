"""Learner progress: what it is, anonymous learners, merging at log-in, the progress page
and the learner's control over their data."""

import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from literacy.learning.models import Answer, Lesson, LessonProgress
from literacy.learning.progress.learners import LEARNER_TOKEN, Learner, record_answer, record_visit
from literacy.learning.progress.merge import merge_anonymous_progress
from literacy.learning.progress.queries import (
    continue_lesson,
    course_progress,
    mark_done,
)
from literacy.negotiation.models import NegotiationRequest
from tests.factories import make_course

PASSWORD = "a-long-test-password-1"


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def answer_url(lesson: Lesson) -> str:
    return reverse("lessons:answer", args=[lesson.course.slug, lesson.slug])


def answer(client: Client, lesson: Lesson, key: str = "q1", choice: int = 2):
    return client.post(answer_url(lesson), {"question": key, "choice": str(choice)})


def progress_of(learner: Learner, lesson: Lesson) -> LessonProgress:
    return LessonProgress.objects.get(learner.as_filter(), lesson=lesson)


def help_request(user: User, reference: str) -> NegotiationRequest:
    return NegotiationRequest.objects.create(
        reference=reference,
        token_hash=reference.ljust(64, "0"),
        submission_nonce=reference,
        language="en",
        name="Lin",
        lender="A bank",
        product="credit_card",
        balance=Decimal("1000.00"),
        monthly_payment=Decimal("100.00"),
        hardship="job_loss",
        user=user,
    )


def anonymous_token(client: Client) -> str:
    return client.session[LEARNER_TOKEN]


# --- what progress is ---------------------------------------------------------------


def test_a_lesson_completes_when_every_check_was_answered_correctly_once(learner):
    _, (lesson, *_) = make_course(questions=2)
    me = Learner(user_id=learner.pk)
    q1, q2 = lesson.questions.order_by("order")
    record_answer(q1, me, [2])
    record_answer(q2, me, [1])
    assert progress_of(me, lesson).completed_at is None
    record_answer(q2, me, [2])
    assert progress_of(me, lesson).completed_at is not None


def test_only_the_first_attempt_at_a_question_is_the_first_try(learner):
    _, (lesson, *_) = make_course()
    me = Learner(user_id=learner.pk)
    question = lesson.questions.get()
    record_answer(question, me, [1])
    record_answer(question, me, [2])
    assert list(Answer.objects.order_by("pk").values_list("first_try", "correct")) == [
        (True, False),
        (False, True),
    ]


def test_visits_keep_the_first_opened_time_and_move_last_visited(learner):
    _, (lesson, *_) = make_course()
    me = Learner(user_id=learner.pk)
    record_visit(lesson, me)
    first = progress_of(me, lesson)
    record_visit(lesson, me)
    again = progress_of(me, lesson)
    assert again.first_opened == first.first_opened
    assert again.last_visited > first.last_visited


def test_a_lesson_without_checks_completes_when_the_learner_marks_it_done(learner):
    _, (lesson, *_) = make_course(questions=0)
    me = Learner(user_id=learner.pk)
    assert mark_done(me, lesson) is True
    assert progress_of(me, lesson).completed_at is not None
    assert mark_done(me, lesson) is False  # repeating changes nothing


def test_marking_a_lesson_with_checks_done_changes_nothing(learner):
    _, (lesson, *_) = make_course(questions=1)
    assert mark_done(Learner(user_id=learner.pk), lesson) is False
    assert not LessonProgress.objects.exists()


def test_marking_a_draft_done_changes_nothing(learner):
    _, (lesson, *_) = make_course(questions=0, status=Lesson.Status.DRAFT)
    assert mark_done(Learner(user_id=learner.pk), lesson) is False
    assert not LessonProgress.objects.exists()


def test_the_course_percentage_counts_only_published_lessons_at_query_time(learner):
    course, lessons = make_course(lessons=4, questions=0)
    me = Learner(user_id=learner.pk)
    mark_done(me, lessons[0])
    mark_done(me, lessons[1])
    [entry] = course_progress(me, "en")
    assert (entry.completed, entry.total, entry.percent) == (2, 4, 50)

    Lesson.objects.filter(pk__in=[lessons[2].pk, lessons[3].pk]).update(status="draft")
    [entry] = course_progress(me, "en")
    assert (entry.completed, entry.total, entry.percent, entry.is_complete) == (2, 2, 100, True)

    Lesson.objects.filter(pk=lessons[0].pk).update(status="draft")  # a completed one, too
    Lesson.objects.filter(pk=lessons[2].pk).update(status="published")
    [entry] = course_progress(me, "en")
    assert (entry.completed, entry.total, entry.percent) == (1, 2, 50)


def test_continue_is_the_next_unfinished_lesson_of_the_most_recently_visited_course(learner):
    _, older = make_course("older", lessons=3, questions=0, order=1)
    _, recent = make_course("recent", lessons=3, questions=0, order=2)
    me = Learner(user_id=learner.pk)
    mark_done(me, older[0])
    mark_done(me, recent[0])
    mark_done(me, recent[2])
    assert continue_lesson(course_progress(me, "en")) == recent[1]

    mark_done(me, recent[1])  # the recent course is finished: back to the older one
    assert continue_lesson(course_progress(me, "en")) == older[1]


# --- anonymous learners and the merge --------------------------------------------------


def test_an_anonymous_learner_is_keyed_on_a_token_in_the_session_data(client):
    _, (lesson, *_) = make_course()
    answer(client, lesson)
    token = anonymous_token(client)
    assert token != client.session.session_key
    row = LessonProgress.objects.get()
    assert (row.user, row.session_key) == (None, token)


def test_signing_up_brings_the_anonymous_progress_into_the_new_account(client):
    _, lessons = make_course(lessons=2)
    answer(client, lessons[0])
    answer(client, lessons[1], choice=1)
    client.post(
        reverse("signup"),
        {"username": "lin", "password1": "quiet-river-2041", "password2": "quiet-river-2041"},
    )
    lin = User.objects.get(username="lin")
    mine = Learner(user_id=lin.pk)
    assert progress_of(mine, lessons[0]).completed_at is not None
    assert progress_of(mine, lessons[1]).completed_at is None
    assert Answer.objects.filter(user=lin).count() == 2
    assert not LessonProgress.objects.filter(user__isnull=True).exists()
    assert not Answer.objects.filter(user__isnull=True).exists()


def test_logging_in_merges_the_better_of_two_records(client, learner):
    _, lessons = make_course(lessons=2, questions=0)
    mine = Learner(user_id=learner.pk)
    long_ago = timezone.now() - timedelta(days=30)
    record_visit(lessons[0], mine)
    LessonProgress.objects.filter(user=learner).update(first_opened=long_ago)
    mark_done(mine, lessons[1])

    client.post(reverse("progress:done", args=[lessons[0].pk]))  # anonymous, completes it
    client.post(
        reverse("login"), {"username": "learner", "password": PASSWORD}
    )  # the visitor logs in

    first = progress_of(mine, lessons[0])
    assert first.first_opened == long_ago  # the earlier opening
    assert first.completed_at is not None  # completed on the phone counts
    assert progress_of(mine, lessons[1]).completed_at is not None
    assert LessonProgress.objects.count() == 2


def test_merging_keeps_only_the_earliest_answer_as_the_first_try(learner):
    _, (lesson, *_) = make_course()
    question = lesson.questions.get()
    record_answer(question, Learner(user_id=learner.pk), [1])
    record_answer(question, Learner(session_key="phone"), [2])
    merge_anonymous_progress(learner, "phone")
    assert list(
        Answer.objects.filter(user=learner)
        .order_by("created_at")
        .values_list("first_try", flat=True)
    ) == [True, False]


def test_answers_from_both_sides_together_complete_a_lesson(learner):
    _, (lesson, *_) = make_course(questions=2)
    q1, q2 = lesson.questions.order_by("order")
    record_answer(q1, Learner(user_id=learner.pk), [2])
    record_answer(q2, Learner(session_key="phone"), [2])
    merge_anonymous_progress(learner, "phone")
    assert progress_of(Learner(user_id=learner.pk), lesson).completed_at is not None


def test_merging_twice_changes_nothing_the_second_time(learner):
    _, lessons = make_course(lessons=2)
    record_answer(lessons[0].questions.get(), Learner(session_key="phone"), [2])
    record_visit(lessons[1], Learner(session_key="phone"))
    assert merge_anonymous_progress(learner, "phone") == 2
    before = list(LessonProgress.objects.order_by("pk").values())
    assert merge_anonymous_progress(learner, "phone") == 0
    assert list(LessonProgress.objects.order_by("pk").values()) == before
    assert Answer.objects.filter(user=learner).count() == 1


def test_merging_leaves_other_visitors_progress_alone(learner):
    _, (lesson, *_) = make_course()
    record_answer(lesson.questions.get(), Learner(session_key="someone-else"), [2])
    merge_anonymous_progress(learner, "phone")
    assert LessonProgress.objects.get().session_key == "someone-else"
    assert Answer.objects.get().user is None


# --- the progress page ---------------------------------------------------------------


def test_the_progress_page_shows_an_accessible_bar_per_course(client, learner):
    _, lessons = make_course(lessons=4, questions=0)
    mark_done(Learner(user_id=learner.pk), lessons[0])
    client.force_login(learner)
    html = client.get(reverse("progress:index")).content.decode()
    assert re.search(r'<progress id="bar-credit"\s+max="4"\s+value="1">25%</progress>', html)
    assert "1 of 4 lessons completed" in html


def test_the_progress_page_links_each_result_to_the_question_in_the_lesson(client, learner):
    _, (lesson, *_) = make_course()
    client.force_login(learner)
    answer(client, lesson, choice=1)
    html = client.get(reverse("progress:index")).content.decode()
    assert f'href="{lesson.get_absolute_url()}#quiz-q1"' in html
    assert "Missed" in html


def test_the_progress_page_shows_where_to_continue(client, learner):
    _, lessons = make_course(lessons=3, questions=0)
    mark_done(Learner(user_id=learner.pk), lessons[0])
    client.force_login(learner)
    response = client.get(reverse("progress:index"))
    assert response.context["continue_lesson"] == lessons[1]
    assert lessons[1].get_absolute_url() in response.content.decode()


def test_the_home_page_shows_the_same_continue_card(client, learner):
    _, lessons = make_course(lessons=3, questions=0)
    mark_done(Learner(user_id=learner.pk), lessons[0])
    client.force_login(learner)
    html = client.get(reverse("home")).content.decode()
    assert "Continue where you left off" in html
    assert lessons[1].get_absolute_url() in html


def test_an_anonymous_learner_is_invited_to_keep_progress_with_an_account(client):
    html = client.get(reverse("progress:index")).content.decode()
    assert "Keep your progress on every device" in html
    assert reverse("signup") in html


def test_an_account_holder_sees_their_own_help_requests_only(client, learner, other_learner):
    help_request(learner, "XH-MINE-01")
    help_request(other_learner, "XH-THEM-01")
    client.force_login(learner)
    html = client.get(reverse("progress:index")).content.decode()
    assert "XH-MINE-01" in html
    assert "XH-THEM-01" not in html


@pytest.mark.parametrize("size", [(5, 1), (50, 1000)])
def test_the_progress_page_costs_the_same_queries_at_any_size(
    client, learner, django_assert_num_queries, size
):
    from tests.factories import progress_rows

    lessons_count, learners = size
    _, lessons = make_course(lessons=lessons_count)
    progress_rows(lessons[:5], learners=learners)
    me = Learner(user_id=learner.pk)
    for lesson in lessons[:3]:
        record_answer(lesson.questions.get(), me, [2])
    client.force_login(learner)
    # session, user, own progress, lessons with courses, check results, questions due
    # for review, roles for the navigation, help requests
    with django_assert_num_queries(8):
        response = client.get(reverse("progress:index"))
    assert response.status_code == 200


# --- certificates ------------------------------------------------------------------------


def test_a_course_completed_in_full_has_a_certificate_with_the_name_and_date(client, learner):
    learner.first_name = "Lin Mei"
    learner.save()
    _, lessons = make_course(lessons=2, questions=0)
    for lesson in lessons:
        mark_done(Learner(user_id=learner.pk), lesson)
    client.force_login(learner)
    response = client.get(reverse("progress:certificate", args=["credit"]))
    html = response.content.decode()
    assert "Lin Mei" in html
    assert f"completed on {date_format(timezone.localdate(), 'DATE_FORMAT')}" in html


def test_an_unfinished_course_has_no_certificate(client, learner):
    _, lessons = make_course(lessons=2, questions=0)
    mark_done(Learner(user_id=learner.pk), lessons[0])
    client.force_login(learner)
    assert client.get(reverse("progress:certificate", args=["credit"])).status_code == 404


def test_another_learners_certificate_url_is_not_found(client, learner, other_learner):
    _, lessons = make_course(lessons=1, questions=0)
    mark_done(Learner(user_id=learner.pk), lessons[0])
    client.force_login(other_learner)
    assert client.get(reverse("progress:certificate", args=["credit"])).status_code == 404


def test_an_anonymous_certificate_invites_to_sign_up_for_a_named_one(client):
    _, lessons = make_course(lessons=1, questions=0)
    client.post(reverse("progress:done", args=[lessons[0].pk]))
    html = client.get(reverse("progress:certificate", args=["credit"])).content.decode()
    assert "You completed every lesson of the course" in html
    assert reverse("signup") in html


# --- answers: CSRF and forgeries -------------------------------------------------------------


def test_an_answer_without_the_csrf_token_is_refused_and_not_recorded():
    _, (lesson, *_) = make_course()
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(answer_url(lesson), {"question": "q1", "choice": "2"})
    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_an_answer_with_the_csrf_token_is_recorded():
    _, (lesson, *_) = make_course()
    strict = Client(enforce_csrf_checks=True)
    strict.get(reverse("progress:index"))  # any page: sets the CSRF cookie via the base layout
    token = strict.cookies["csrftoken"].value
    strict.post(answer_url(lesson), {"question": "q1", "choice": "2"}, HTTP_X_CSRFTOKEN=token)
    assert Answer.objects.count() == 1


def test_a_forged_answer_for_an_unpublished_lesson_changes_nothing(client, learner):
    _, (lesson, *_) = make_course(status=Lesson.Status.DRAFT)
    client.force_login(learner)
    response = answer(client, lesson)
    assert response.status_code == 404
    assert not Answer.objects.exists()
    assert not LessonProgress.objects.exists()


def test_a_replayed_answer_after_unpublishing_changes_nothing(client, learner):
    _, (lesson, *_) = make_course(questions=2)
    client.force_login(learner)
    answer(client, lesson, "q1")
    Lesson.objects.filter(pk=lesson.pk).update(status=Lesson.Status.DRAFT)
    before = list(LessonProgress.objects.values())
    answer(client, lesson, "q2")
    answer(client, lesson, "q1")
    assert Answer.objects.count() == 1
    assert list(LessonProgress.objects.values()) == before


def test_marking_done_needs_the_csrf_token():
    _, (lesson, *_) = make_course(questions=0)
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(reverse("progress:done", args=[lesson.pk])).status_code == 403
    assert not LessonProgress.objects.exists()


def test_marking_a_draft_done_is_not_found(client):
    _, (lesson, *_) = make_course(questions=0, status=Lesson.Status.DRAFT)
    assert client.post(reverse("progress:done", args=[lesson.pk])).status_code == 404


def test_marking_done_with_htmx_answers_with_the_partial(client):
    _, (lesson, *_) = make_course(questions=0)
    response = client.post(reverse("progress:done", args=[lesson.pk]), HTTP_HX_REQUEST="true")
    fragment = response.content.decode()
    assert fragment.lstrip().startswith('<section class="lesson-done"')
    assert "<html" not in fragment
    assert "Lesson completed" in fragment


def test_marking_done_without_javascript_redirects_back_to_the_lesson(client):
    _, (lesson, *_) = make_course(questions=0)
    response = client.post(reverse("progress:done", args=[lesson.pk]))
    assert response.url == f"{lesson.get_absolute_url()}#lesson-done"
    assert LessonProgress.objects.get().completed_at is not None


# --- learner control ---------------------------------------------------------------------


def test_the_export_is_a_json_attachment_of_only_your_own_progress(client, learner, other_learner):
    _, lessons = make_course(lessons=2)
    record_answer(lessons[0].questions.get(), Learner(user_id=learner.pk), [2])
    record_answer(lessons[1].questions.get(), Learner(user_id=other_learner.pk), [1])
    client.force_login(learner)
    response = client.get(reverse("progress:export"))
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["username"] == "learner"
    assert [row["lesson"] for row in data["lessons"]] == ["lesson-1"]
    assert [(a["question"], a["correct"]) for a in data["answers"]] == [("q1", True)]


def test_the_export_is_for_account_holders_only(client):
    response = client.get(reverse("progress:export"))
    assert response.status_code == 302
    assert reverse("login") in response.url


def test_deleting_progress_removes_only_your_own(client, learner, other_learner):
    _, (lesson, *_) = make_course()
    record_answer(lesson.questions.get(), Learner(user_id=learner.pk), [2])
    record_answer(lesson.questions.get(), Learner(user_id=other_learner.pk), [2])
    client.force_login(learner)
    client.post(reverse("progress:reset"))
    assert list(LessonProgress.objects.values_list("user", flat=True)) == [other_learner.pk]
    assert list(Answer.objects.values_list("user", flat=True)) == [other_learner.pk]


def test_an_anonymous_learner_can_reset_their_progress(client):
    _, (lesson, *_) = make_course()
    record_answer(lesson.questions.get(), Learner(session_key="other"), [2])
    answer(client, lesson)
    client.post(reverse("progress:reset"))
    assert list(LessonProgress.objects.values_list("session_key", flat=True)) == ["other"]


def test_the_reset_page_asks_before_deleting(client, learner):
    _, (lesson, *_) = make_course()
    record_answer(lesson.questions.get(), Learner(user_id=learner.pk), [2])
    client.force_login(learner)
    response = client.get(reverse("progress:reset"))
    assert "Yes, delete my progress" in response.content.decode()
    assert LessonProgress.objects.count() == 1


def test_deleting_the_account_needs_the_password(client, learner):
    client.force_login(learner)
    response = client.post(reverse("delete_account"), {"password": "wrong"})
    assert "That is not your password." in response.content.decode()
    assert User.objects.filter(pk=learner.pk).exists()


def test_deleting_the_account_logs_out_and_keeps_help_requests_unlinked(client, learner):
    _, (lesson, *_) = make_course()
    record_answer(lesson.questions.get(), Learner(user_id=learner.pk), [2])
    request = help_request(learner, "XH-TEST-01")
    client.force_login(learner)
    response = client.post(reverse("delete_account"), {"password": PASSWORD})
    assert response.url == reverse("home")
    assert not User.objects.filter(pk=learner.pk).exists()
    assert "_auth_user_id" not in client.session
    assert not LessonProgress.objects.exists() and not Answer.objects.exists()
    request.refresh_from_db()
    assert request.user is None


def test_the_progress_page_speaks_chinese(client, learner):
    _, lessons = make_course(language="zh-hans", lessons=4, questions=0)
    mark_done(Learner(user_id=learner.pk), lessons[0])
    client.force_login(learner)
    with translation.override("zh-hans"):
        html = client.get(reverse("progress:index")).content.decode()
    assert "已完成 1 / 4 课" in html
    assert "从上次停下的地方继续" in html
