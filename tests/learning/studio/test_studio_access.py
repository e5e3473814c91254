"""Only educators reach the studio: every URL, every role."""

import pytest
from django.urls import reverse
from django.utils import translation

from literacy.learning.content.fact_changes import update_fact
from literacy.learning.studio import services as studio
from tests.factories import lpr_entry, make_lesson, studio_course
from tests.factories import studio_lesson_source as lesson_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(educator):
    """A draft with two revisions whose Chinese translation changed since (so the
    English one is behind), and the LPR in the register."""
    lesson = make_lesson(educator)
    studio.save_source(
        lesson=lesson, source=lesson_source(title="B"), author=educator, note="", version=1
    )
    chinese = make_lesson(educator, course=studio_course(language="zh-hans"))
    studio.save_source(
        lesson=chinese, source=lesson_source(title="乙"), author=educator, note="", version=1
    )
    update_fact(lpr_entry())
    return lesson


def _kwargs(lesson, **extra) -> dict:
    return {
        "language": lesson.language,
        "course": lesson.course.slug,
        "lesson": lesson.slug,
        **extra,
    }


# (method, URL name, needs the lesson, needs its first revision, what an educator gets)
STUDIO_URLS = [
    ("get", "studio:index", False, False, 200),
    ("get", "studio:create", False, False, 200),
    ("post", "studio:preview", False, False, 200),
    ("get", "studio:edit", True, False, 200),
    ("post", "studio:publish", True, False, 302),
    ("post", "studio:unpublish", True, False, 302),
    ("get", "studio:history", True, False, 200),
    ("get", "studio:diff", True, True, 200),
    ("post", "studio:restore", True, True, 302),
    ("get", "studio:checks", False, False, 200),
    ("get", "studio:fact", False, False, 200),
    ("post", "studio:fact", False, False, 200),  # incomplete: the form again
    ("get", "studio:translation", True, False, 200),
    ("post", "studio:translation", True, False, 200),  # without a note: the form again
    ("get", "studio:export", False, False, 200),
    ("get", "studio:rename", True, False, 200),
    ("post", "studio:rename", True, False, 200),  # without a slug: the form again
]


def _request(client, lesson, method, name, needs_lesson, needs_revision):
    kwargs = {}
    if needs_lesson:
        first = lesson.revisions.order_by("created_at", "pk").first()
        kwargs = _kwargs(lesson, **({"revision": first.pk} if needs_revision else {}))
    if name == "studio:fact":
        kwargs = {"fact": "lpr_1y"}
    with translation.override("en"):
        url = reverse(name, kwargs=kwargs)
    data = {"source": lesson_source(), "language": "en", "version": lesson.version}
    return url, getattr(client, method)(url, data if method == "post" else None)


def test_every_studio_url_is_checked_here():
    from literacy.learning.studio import urls as studio_urls

    # Insights (the progress issue) and the glossary (tests/learning/glossary) live under
    # the studio too, with their own tests.
    names = {
        f"studio:{pattern.name}"
        for pattern in studio_urls.urlpatterns
        if not str(pattern.pattern).startswith(("insights", "glossary"))
    }
    assert names == {name for _method, name, *_rest in STUDIO_URLS}


@pytest.mark.parametrize(("method", "name", "needs_lesson", "needs_revision", "_ok"), STUDIO_URLS)
def test_anonymous_visitors_are_sent_to_log_in(
    client, lesson, method, name, needs_lesson, needs_revision, _ok
):
    url, response = _request(client, lesson, method, name, needs_lesson, needs_revision)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    lesson.refresh_from_db()
    assert (lesson.status, lesson.revisions.count()) == ("draft", 2)


@pytest.mark.parametrize("role", ["learner", "reviewer"])
@pytest.mark.parametrize(("method", "name", "needs_lesson", "needs_revision", "_ok"), STUDIO_URLS)
def test_learners_and_reviewers_are_refused(
    client, request, lesson, role, method, name, needs_lesson, needs_revision, _ok
):
    client.force_login(request.getfixturevalue(role))
    _url, response = _request(client, lesson, method, name, needs_lesson, needs_revision)
    assert response.status_code == 403
    lesson.refresh_from_db()
    assert (lesson.status, lesson.revisions.count()) == ("draft", 2)


@pytest.mark.parametrize(("method", "name", "needs_lesson", "needs_revision", "ok"), STUDIO_URLS)
def test_educators_are_let_in(
    client, educator, lesson, method, name, needs_lesson, needs_revision, ok
):
    client.force_login(educator)
    _url, response = _request(client, lesson, method, name, needs_lesson, needs_revision)
    assert response.status_code == ok
