"""The educators' view of how lessons work: correct aggregates, small counts hidden,
no personal data, educators only, constant queries."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from literacy.learning.models import Answer, Lesson, LessonProgress
from literacy.learning.studio.insights import (
    CACHE_SECONDS,
    HiddenCount,
    cached_counts,
    lesson_insights,
)
from tests.factories import first_answers, make_course, progress_rows

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def scripted():
    """One lesson with two checks: 20 learners opened it; 18 answered q1 (6 wrong at first),
    8 answered q2 (5 wrong at first); 7 completed it."""
    _, (lesson, *_) = make_course(lessons=2, questions=2)
    progress_rows([lesson], learners=13, completed=False, prefix="a")
    progress_rows([lesson], learners=7, completed=True, prefix="b")
    q1, q2 = lesson.questions.order_by("order")
    first_answers(q1, right=12, wrong=6)
    first_answers(q2, right=3, wrong=5)
    return lesson


def lesson_row(lesson: Lesson):
    [course] = lesson_insights("en")
    return next(item for item in course.lessons if item.lesson == lesson)


def test_started_and_completed_count_learners(scripted):
    row = lesson_row(scripted)
    assert (row.started, row.completed) == (20, 7)


def test_first_try_misses_are_counted_per_question(scripted):
    row = lesson_row(scripted)
    assert [(q.answered, q.missed_first) for q in row.questions] == [(18, 6), (8, 5)]


def test_questions_most_missed_on_the_first_try_come_first(scripted):
    assert [q.question.key for q in lesson_row(scripted).most_missed] == ["q1", "q2"]


def test_the_drop_off_is_the_step_with_the_largest_loss(scripted):
    # opened 20 → q1 18 (−2) → q2 8 (−10) → completed 7 (−1)
    assert lesson_row(scripted).drop_off.question.key == "q2"


def test_the_course_drop_off_is_the_lesson_most_learners_leave_unfinished(scripted):
    [course] = lesson_insights("en")
    assert course.drop_off.lesson == scripted


def test_retries_do_not_count_as_more_learners(scripted):
    q1 = scripted.questions.get(key="q1")
    Answer.objects.create(question=q1, session_key="a-0", chosen=[2], correct=True, first_try=False)
    assert lesson_row(scripted).questions[0].answered == 18


def test_counts_under_five_are_never_shown():
    assert str(HiddenCount(4)) == "fewer than 5"
    assert str(HiddenCount(0)) == "fewer than 5"
    assert str(HiddenCount(5)) == "5"


def test_the_page_shows_aggregates_and_hides_small_counts(client, educator, scripted):
    second = Lesson.objects.get(slug="lesson-2")
    progress_rows([second], learners=3, completed=True, prefix="c")
    client.force_login(educator)
    html = client.get(reverse("studio:insights")).content.decode()
    row = html[html.index(scripted.title) :]
    assert "<td>20</td>" in row and "<td>7</td>" in row
    second_row = html[html.index(second.title) :]
    assert second_row.count("<td>fewer than 5</td>") == 2
    assert "<td>3</td>" not in second_row
    assert "6 of 18 missed (33%)" in html


def test_the_page_holds_no_personal_data(client, educator, learner, scripted):
    LessonProgress.objects.create(
        lesson=scripted,
        user=learner,
        first_opened=scripted.created_at,
        last_visited=scripted.created_at,
    )
    client.force_login(educator)
    html = client.get(reverse("studio:insights")).content.decode()
    assert "a-1" not in html and "b-1" not in html
    assert ">learner<" not in html


@pytest.mark.parametrize(
    ("user", "status"), [(None, 302), ("learner", 403), ("reviewer", 403), ("educator", 200)]
)
def test_only_educators_see_insights(client, request, user, status):
    if user:
        client.force_login(request.getfixturevalue(user))
    assert client.get(reverse("studio:insights")).status_code == status


@pytest.mark.parametrize(("lessons", "learners"), [(5, 1), (50, 1000)])
def test_insights_cost_the_same_queries_at_any_size(
    client, educator, django_assert_num_queries, lessons, learners
):
    _, items = make_course(lessons=lessons, questions=2)
    progress_rows(items[:4], learners=learners)
    for question in items[0].questions.all():
        first_answers(question, right=learners // 2, wrong=learners - learners // 2)
    client.force_login(educator)
    # session, user, roles, lessons, questions, progress counts, first-try counts
    with django_assert_num_queries(7):
        response = client.get(reverse("studio:insights"))
    assert response.status_code == 200
    # within the cache's lifetime only the lessons and questions are read again
    with django_assert_num_queries(5):
        assert client.get(reverse("studio:insights")).status_code == 200


def test_figures_are_cached_for_a_few_minutes_then_counted_again(client, educator, scripted):
    client.force_login(educator)
    client.get(reverse("studio:insights"))
    progress_rows([scripted], learners=5, completed=True, prefix="late")
    assert "<td>20</td>" in client.get(reverse("studio:insights")).content.decode()
    cache.delete("lessons:insights:en")  # what expiry after CACHE_SECONDS does
    assert "<td>25</td>" in client.get(reverse("studio:insights")).content.decode()


def test_the_cache_lives_five_minutes(monkeypatch, scripted):
    stored = {}
    monkeypatch.setattr(
        cache,
        "get_or_set",
        lambda key, default, timeout: stored.setdefault(key, (default(), timeout)),
    )
    cached_counts("en", [scripted.pk], [])
    assert stored["lessons:insights:en"][1] == CACHE_SECONDS == 300


def test_the_page_says_how_fresh_its_figures_are(client, educator, scripted):
    client.force_login(educator)
    html = client.get(reverse("studio:insights")).content.decode()
    assert "Figures are updated every few minutes; these were counted at" in html


def test_hidden_counts_read_naturally_in_chinese(client, educator):
    make_course(language="zh-hans", lessons=1)
    client.force_login(educator)
    with translation.override("zh-hans"):
        html = client.get(reverse("studio:insights")).content.decode()
    assert html.count("<td>少于 5</td>") == 2


def test_the_freshness_note_is_in_chinese_on_the_chinese_page(client, educator):
    make_course(language="zh-hans", lessons=1)
    client.force_login(educator)
    with translation.override("zh-hans"):
        html = client.get(reverse("studio:insights")).content.decode()
    assert "数据每隔几分钟更新一次；当前数据统计于" in html
