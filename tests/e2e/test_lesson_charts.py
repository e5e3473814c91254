"""Charts inside lessons are painted like the standalone calculator's: every line of every
embedded chart has a visible stroke and a length, in both languages."""

import pytest
from django.conf import settings

from literacy.learning.content.lesson_files import load_folder
from literacy.learning.models import Lesson
from tests.e2e.conftest import SCREENSHOTS as SHOTS

PAINT = """
() => [...document.querySelectorAll('.calculator-embed svg .series')].map(line => {
  const style = getComputedStyle(line);
  return {stroke: style.stroke, width: parseFloat(style.strokeWidth),
          length: line.getTotalLength(), visible: style.visibility !== 'hidden'};
})
"""
STANDALONE = """
() => getComputedStyle(document.querySelector('svg .series-1')).stroke
"""


@pytest.fixture
def curriculum(transactional_db):
    assert load_folder(settings.BASE_DIR / "lessons").errors == []


def unpainted(lines: list[dict]) -> list[dict]:
    return [
        line
        for line in lines
        if line["stroke"] in ("none", "", "rgba(0, 0, 0, 0)", "transparent")
        or line["width"] <= 0
        or line["length"] <= 0
        or not line["visible"]
    ]


def test_every_chart_line_in_every_lesson_is_painted(live_server, page, curriculum):
    with_charts = [
        lesson
        for lesson in Lesson.objects.published().select_related("current_revision")
        if 'class="series' in lesson.current_revision.html
    ]
    assert len(with_charts) >= 10
    painted_lines = 0
    for lesson in with_charts:
        page.goto(live_server.url + lesson.get_absolute_url())
        lines = page.evaluate(PAINT)
        assert lines and unpainted(lines) == [], lesson.get_absolute_url()
        painted_lines += len(lines)
    assert painted_lines >= len(with_charts)


def test_an_embedded_chart_has_the_standalone_calculators_colours(live_server, page, curriculum):
    page.goto(f"{live_server.url}/en/calculators/interest/?principal=10000&annual_rate=5&years=10")
    standalone = page.evaluate(STANDALONE)
    page.goto(f"{live_server.url}/en/learn/interest/simple-and-compound/")
    embedded = page.evaluate(PAINT)[0]["stroke"]
    assert standalone == embedded == "rgb(11, 85, 99)"  # --brand


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("width", [360, 1280])
def test_screenshot_a_lesson_with_a_chart(live_server, browser, curriculum, language, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/learn/interest/simple-and-compound/")
    chart = page.locator(".calculator-embed .chart").first
    chart.scroll_into_view_if_needed()
    assert unpainted(page.evaluate(PAINT)) == []
    page.screenshot(path=SHOTS / f"lesson-chart-{language}-{width}.png", full_page=False)
    context.close()
