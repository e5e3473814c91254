"""The search page: no JavaScript needed, htmx partial, query counts, header box."""

import pytest
from django.test import Client

from literacy.home.search import site_index
from literacy.learning.studio import services as studio
from tests.factories import make_lesson, studio_course


def test_the_search_page_lists_results_without_javascript(curriculum, client):
    response = client.get("/zh-hans/search/", {"q": "停息挂账"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "可以提出哪些请求" in body and "<mark>停息挂账</mark>" in body


def test_htmx_gets_only_the_results(curriculum, client):
    response = client.get("/en/search/", {"q": "late fee"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and "penalty interest" in body.lower()


def test_every_page_has_the_search_box(client, db):
    body = client.get("/en/").content.decode()
    assert 'action="/en/search/"' in body and 'name="q"' in body


def test_hostile_query_is_shown_as_text(curriculum, client):
    body = client.get("/en/search/", {"q": "<img src=x onerror=alert(1)>"}).content.decode()
    assert "<img src=x" not in body


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
