"""The search page's query count does not grow with the content."""

import pytest
from django.test import Client

from literacy.home.search import site_index
from literacy.learning.studio import services as studio
from tests.factories import make_lesson, studio_course


@pytest.mark.parametrize("lessons", [2, 12])
def test_search_query_count_does_not_grow_with_content(db, django_assert_num_queries, lessons):
    course = studio_course()
    for n in range(lessons):
        lesson = make_lesson(
            None, course=course, slug=f"fees-{n}", title=f"Fees {n}", translation=f"fees-{n}"
        )
        studio.publish(lesson)
    site_index.sync()
    client = Client()
    client.get("/en/search/", {"q": "fee"})  # the content stamp is cached
    with django_assert_num_queries(3):
        response = client.get("/en/search/", {"q": "fee"})
    assert response.context["results"].count >= min(lessons, 10)
