"""axe-core over every page a learner can reach, with the real shipped curriculum:
lessons embed several calculators, so their landmarks must each have a name of
their own, and headings must step down one level at a time."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from literacy.calculators.registry import calculators
from literacy.learning.models import Course, Lesson
from tests.e2e.conftest import assert_accessible

PAGES = ("home", "lessons:index", "calculators:index", "help:request", "progress:index")


def _every_page() -> list[str]:
    paths: list[str] = []
    for language in ("zh-hans", "en"):
        with translation.override(language):
            paths += [reverse(name) for name in PAGES]
            paths += [reverse(f"calculators:{c.url_name}") for c in calculators()]
    paths += [course.get_absolute_url() for course in Course.objects.all()]
    paths += [lesson.get_absolute_url() for lesson in Lesson.objects.published()]
    return paths


@pytest.mark.django_db(transaction=True)
def test_every_page_of_the_shipped_site_passes_axe(live_server, page):
    call_command("load_lessons", stdout=None)
    paths = _every_page()
    assert Lesson.objects.published().filter(language="en").count() >= 15
    failures: list[str] = []
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        try:
            assert response is not None and response.status == 200, response and response.status
            assert_accessible(page)
        except AssertionError as error:
            failures.append(f"{path}\n{error}")
    assert not failures, f"{len(failures)} of {len(paths)} pages fail:\n\n" + "\n\n".join(failures)
