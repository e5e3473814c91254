"""Review what you missed: Leitner cards for first-try misses, the review page, and
merging at log-in."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from literacy.learning.models import ReviewCard
from literacy.learning.progress.learners import LEARNER_TOKEN, Learner, record_answer
from literacy.learning.progress.merge import merge_anonymous_progress
from literacy.learning.progress.queries import delete_progress
from literacy.learning.progress.review import BOX_DAYS, due_count, next_step
from tests.factories import make_course

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
RIGHT, WRONG = [2], [1]  # make_course's questions: choice 2 is right
PASSWORD = "a-long-test-password-1"


def answer_url(lesson) -> str:
    return reverse("lessons:answer", args=[lesson.course.slug, lesson.slug])


def card_of(question, learner: Learner) -> ReviewCard:
    return ReviewCard.objects.get(learner.as_filter(), question=question)


# --- the Leitner rule --------------------------------------------------------------------


def test_the_boxes_space_reviews_one_three_and_seven_days():
    assert BOX_DAYS == (1, 3, 7)


def test_a_right_answer_moves_a_card_up_a_box_and_spaces_it_further():
    now = timezone.now()
    step = next_step(box=1, right_in_a_row=0, correct=True, now=now)
    assert (step.box, step.right_in_a_row, step.due_at, step.learnt) == (
        2,
        1,
        now + timedelta(days=3),
        False,
    )


def test_a_second_right_answer_in_a_row_makes_the_card_learnt():
    step = next_step(box=2, right_in_a_row=1, correct=True, now=timezone.now())
    assert (step.box, step.right_in_a_row, step.learnt) == (3, 2, True)


def test_a_wrong_answer_sends_a_card_back_to_box_one_and_restarts_the_run():
    now = timezone.now()
    step = next_step(box=2, right_in_a_row=1, correct=False, now=now)
    assert (step.box, step.right_in_a_row, step.due_at, step.learnt) == (
        1,
        0,
        now + timedelta(days=1),
        False,
    )


# --- cards follow the answers ------------------------------------------------------------


def test_a_first_try_miss_opens_a_card_due_the_next_day(clock):
    _, lessons = make_course(lessons=1)
    question, me = lessons[0].questions.get(), Learner(session_key="visitor")
    record_answer(question, me, WRONG)
    card = card_of(question, me)
    assert (card.box, card.right_in_a_row, card.due_at) == (1, 0, clock.now + timedelta(days=1))


def test_a_first_try_right_answer_opens_no_card(clock):
    _, lessons = make_course(lessons=1)
    record_answer(lessons[0].questions.get(), Learner(session_key="visitor"), RIGHT)
    assert ReviewCard.objects.count() == 0


def test_trying_again_before_the_card_is_due_does_not_move_it(clock):
    _, lessons = make_course(lessons=1)
    question, me = lessons[0].questions.get(), Learner(session_key="visitor")
    record_answer(question, me, WRONG)
    clock.advance(minutes=1)
    record_answer(question, me, RIGHT)
    card = card_of(question, me)
    assert (card.box, card.right_in_a_row, card.learnt_at) == (1, 0, None)


def test_a_card_answered_right_twice_after_the_spacing_is_learnt(clock):
    _, lessons = make_course(lessons=1)
    question, me = lessons[0].questions.get(), Learner(session_key="visitor")
    record_answer(question, me, WRONG)
    clock.advance(days=1)
    record_answer(question, me, RIGHT)
    assert (card_of(question, me).box, due_count(me, "en", clock.now)) == (2, 0)
    clock.advance(days=3)
    assert due_count(me, "en", clock.now) == 1
    record_answer(question, me, RIGHT)
    assert card_of(question, me).learnt_at == clock.now
    clock.advance(days=30)
    assert due_count(me, "en", clock.now) == 0


def test_a_miss_at_review_brings_the_card_back_the_next_day(clock):
    _, lessons = make_course(lessons=1)
    question, me = lessons[0].questions.get(), Learner(session_key="visitor")
    record_answer(question, me, WRONG)
    clock.advance(days=1)
    record_answer(question, me, RIGHT)
    clock.advance(days=3)
    record_answer(question, me, WRONG)
    card = card_of(question, me)
    assert (card.box, card.right_in_a_row, card.due_at) == (1, 0, clock.now + timedelta(days=1))


def test_cards_of_unpublished_lessons_and_retired_questions_are_not_due(clock):
    _, lessons = make_course(lessons=2)
    me = Learner(session_key="visitor")
    for lesson in lessons:
        record_answer(lesson.questions.get(), me, WRONG)
    clock.advance(days=1)
    assert due_count(me, "en", clock.now) == 2
    lessons[0].questions.update(retired=True)
    type(lessons[1]).objects.filter(pk=lessons[1].pk).update(status="draft")
    assert due_count(me, "en", clock.now) == 0


def test_deleting_progress_deletes_the_learners_cards_only(clock):
    _, lessons = make_course(lessons=1)
    question = lessons[0].questions.get()
    record_answer(question, Learner(session_key="me"), WRONG)
    record_answer(question, Learner(session_key="someone-else"), WRONG)
    delete_progress(Learner(session_key="me"))
    assert list(ReviewCard.objects.values_list("session_key", flat=True)) == ["someone-else"]


# --- merging at log-in -------------------------------------------------------------------


def test_log_in_moves_a_visitors_cards_into_the_account(clock, learner):
    _, lessons = make_course(lessons=2)
    visitor = Learner(session_key="visitor")
    for lesson in lessons:
        record_answer(lesson.questions.get(), visitor, WRONG)
    merge_anonymous_progress(learner, "visitor")
    assert ReviewCard.objects.filter(user=learner, session_key=None).count() == 2
    assert not ReviewCard.objects.filter(session_key="visitor").exists()


def test_where_both_have_a_card_the_account_keeps_the_more_cautious_state(clock, learner):
    _, lessons = make_course(lessons=1)
    question = lessons[0].questions.get()
    account, visitor = Learner(user_id=learner.pk), Learner(session_key="visitor")
    record_answer(question, account, WRONG)
    clock.advance(days=1)
    record_answer(question, account, RIGHT)  # the account's card: box 2, due in 3 days
    record_answer(question, visitor, WRONG)  # the visitor's card: box 1, due tomorrow
    merge_anonymous_progress(learner, "visitor")
    card = ReviewCard.objects.get()
    assert (card.user_id, card.box, card.right_in_a_row) == (learner.pk, 1, 0)
    assert card.due_at == clock.now + timedelta(days=1)


def test_logging_in_through_the_form_carries_the_review_state(clock, learner):
    _, lessons = make_course(lessons=1)
    lesson = lessons[0]
    client = Client()
    client.post(
        reverse("lessons:answer", args=[lesson.course.slug, lesson.slug]),
        {"question": "q1", "choice": "1"},
    )
    assert client.session[LEARNER_TOKEN]
    client.post(reverse("login"), {"username": learner.username, "password": PASSWORD})
    assert ReviewCard.objects.get().user_id == learner.pk


# --- the review page ---------------------------------------------------------------------


def review_url() -> str:
    return reverse("progress:review")


def test_the_review_page_lists_due_questions_as_forms(clock, client):
    _, lessons = make_course(lessons=2)
    for lesson in lessons:
        client.post(answer_url(lesson), {"question": "q1", "choice": "1"})
    clock.advance(days=1)
    page = client.get(review_url()).content.decode()
    assert "2 questions are ready for review." in page
    assert page.count('action="/en/progress/review/answer/"') == 2
    assert f'name="lesson" value="{lessons[0].pk}"' in page
    assert "no-store" in client.get(review_url())["Cache-Control"]


def test_nothing_is_due_before_a_day_has_passed(clock, client):
    _, lessons = make_course(lessons=1)
    client.post(answer_url(lessons[0]), {"question": "q1", "choice": "1"})
    page = client.get(review_url()).content.decode()
    assert "Nothing to review right now." in page
    assert "The next question comes back on" in page


def test_answering_with_htmx_returns_the_feedback_in_place(clock, client):
    _, lessons = make_course(lessons=1)
    client.post(answer_url(lessons[0]), {"question": "q1", "choice": "1"})
    clock.advance(days=1)
    response = client.post(
        reverse("progress:review_answer"),
        {"lesson": lessons[0].pk, "question": "q1", "choice": "2"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert "feedback-correct" in body and "<li>B</li>" in body
    assert ReviewCard.objects.get().box == 2


def test_answering_without_javascript_redirects_and_shows_the_feedback_once(clock, client):
    _, lessons = make_course(lessons=1)
    client.post(answer_url(lessons[0]), {"question": "q1", "choice": "1"})
    clock.advance(days=1)
    response = client.post(
        reverse("progress:review_answer"),
        {"lesson": lessons[0].pk, "question": "q1", "choice": "3"},
    )
    assert response["Location"] == review_url() + "#answered"
    page = client.get(review_url()).content.decode()
    assert 'id="answered"' in page and "<li>C</li>" in page and "Because." in page
    assert 'id="answered"' not in client.get(review_url()).content.decode()


def test_a_forged_review_answer_is_refused_and_changes_nothing(clock, client):
    _, lessons = make_course(lessons=1)
    client.post(answer_url(lessons[0]), {"question": "q1", "choice": "1"})
    for data in (
        {"lesson": lessons[0].pk, "question": "q9", "choice": "1"},
        {"lesson": lessons[0].pk, "question": "q1", "choice": "9"},
        {"lesson": "x", "question": "q1", "choice": "1"},
    ):
        response = client.post(reverse("progress:review_answer"), data)
        assert response.status_code in (400, 404)
    assert ReviewCard.objects.get().box == 1


def test_the_progress_page_and_the_home_page_say_how_many_are_due(clock, client):
    _, lessons = make_course(lessons=3)
    for lesson in lessons:
        client.post(answer_url(lesson), {"question": "q1", "choice": "1"})
    clock.advance(days=1)
    for url in (reverse("progress:index"), reverse("home")):
        page = client.get(url).content.decode()
        assert "3 questions are ready for review." in page, url
        assert f'href="{review_url()}"' in page


@pytest.mark.parametrize("lessons_count", [2, 12])
def test_the_review_page_costs_the_same_queries_at_any_size(
    clock, client, learner, django_assert_num_queries, lessons_count
):
    _, lessons = make_course(lessons=lessons_count)
    me = Learner(user_id=learner.pk)
    for lesson in lessons:
        record_answer(lesson.questions.get(), me, WRONG)
    clock.advance(days=1)
    client.force_login(learner)
    # session, user, due cards with questions, lessons and courses, the reminder
    # subscription, roles for the navigation
    with django_assert_num_queries(5):
        response = client.get(review_url())
    assert response.content.decode().count('class="review-card"') == lessons_count
