"""The search page: no JavaScript needed, htmx partial, query counts, header box."""


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
