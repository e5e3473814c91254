"""Every page under the strict CSP in Chromium: no policy violation, public or staff."""

import pytest
from django.test import Client

from tests.security.conftest import (  # noqa: F401 - site and site_lessons are fixtures
    PASSWORD,
    site,
    site_lessons,
    site_routes,
)

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${where}`);
});
"""
STAFF = ("studio:", "review:")
NOT_PAGES = ("api:", "healthz", "set_language", "logout")


def html_pages(site, routes, user=None) -> list[str]:  # noqa: F811
    """The routes' URLs that answer GET with an HTML page for this visitor."""
    client = Client()
    if user:
        client.force_login(user)
    urls = []
    for route in routes:
        response = client.get(site.url(route))
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            urls.append(site.url(route))
    return urls


def visit_all(page, live_server, urls) -> dict[str, list[str]]:
    problems = {}
    for path in urls:
        url = live_server.url + path
        page.goto(url, wait_until="load")
        page.wait_for_timeout(50)  # let htmx's load-time requests report
        found = page.evaluate("window.__cspViolations")
        if found:
            problems[url] = found
    return problems


@pytest.mark.django_db(transaction=True)
def test_no_page_violates_the_content_security_policy(page, live_server, site, csp_violations):  # noqa: F811
    page.context.add_init_script(LISTEN)
    pages = [r for r in site_routes() if not r.name.startswith(NOT_PAGES)]
    site.reviewer.groups.add(*site.educator.groups.all())
    public = html_pages(site, [r for r in pages if not r.name.startswith(STAFF)])
    staff = html_pages(site, [r for r in pages if r.name.startswith(STAFF)], site.reviewer)
    problems = visit_all(page, live_server, public)

    page.goto(live_server.url + "/en/accounts/login/")
    page.fill("input[name=username]", site.reviewer.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    problems |= visit_all(page, live_server, staff)

    assert problems == {}
    assert csp_violations == []
    assert len(public) >= 15 and len(staff) >= 6
