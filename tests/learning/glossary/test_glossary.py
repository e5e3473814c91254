"""The glossary: counts, pairs, pages, links in lessons (once per section), hostile text."""

import pytest
from django.conf import settings

from literacy.learning.content.glossary import read_glossary, save_term
from literacy.learning.content.glossary_links import LinkTerm, link_terms
from literacy.learning.models import GlossaryChange, GlossaryTerm

SHIPPED = settings.BASE_DIR / "lessons"


def test_the_shipped_glossary_has_sixty_terms_per_language_every_one_paired():
    files, errors = read_glossary(SHIPPED)
    assert errors == []
    slugs = {lang: {f.slug for f in files if f.language == lang} for lang, _n in settings.LANGUAGES}
    assert len(slugs["en"]) >= 60 and len(slugs["zh-hans"]) >= 60
    assert slugs["en"] == slugs["zh-hans"]


TERMS = [
    LinkTerm("penalty-interest", ("罚息",), "/zh-hans/glossary/penalty-interest/", "罚息说明"),
    LinkTerm("overdue-penalty", ("逾期罚息",), "/zh-hans/glossary/overdue-penalty/", "长词"),
    LinkTerm("compound-interest", ("复利",), "/zh-hans/glossary/compound-interest/", "复利说明"),
    LinkTerm("late-fee", ("late fee", "late fees"), "/en/glossary/late-fee/", "A charge"),
]


def test_the_first_use_in_each_section_is_linked_once():
    html = "<p>罚息和罚息</p><h2>二</h2><p>罚息</p>"
    linked = link_terms(html, TERMS)
    assert linked.count('href="/zh-hans/glossary/penalty-interest/"') == 2
    assert linked.startswith(
        '<p><a class="glossary-link" href="/zh-hans/glossary/penalty-interest/"'
    )


def test_the_longest_form_wins_and_a_neighbour_still_links():
    linked = link_terms("<p>逾期罚息和复利</p>", TERMS)
    assert "overdue-penalty/" in linked and "penalty-interest/" not in linked
    assert "compound-interest/" in linked


def test_headings_links_code_and_attributes_are_left_alone():
    html = (
        '<h2 id="罚息">罚息</h2><p><a href="/x" title="罚息">罚息</a> <code>罚息</code></p>'
        '<p title="late fee">a late fee</p>'
    )
    linked = link_terms(html, TERMS)
    assert linked.count("glossary-link") == 1
    assert '<p title="late fee">a <a class="glossary-link" href="/en/glossary/late-fee/"' in linked


def test_english_terms_match_whole_words_only():
    assert "glossary-link" not in link_terms("<p>chocolate feeds</p>", TERMS)


def test_hostile_glossary_text_stays_inert():
    hostile = LinkTerm(
        'x"><script>', ("fee",), '/en/glossary/x"><script>/', '"><img src=x onerror=alert(1)>'
    )
    linked = link_terms("<p>a fee &amp; &lt;b&gt;</p>", [hostile])
    assert "<script>" not in linked and "<img" not in linked
    assert "&amp; &lt;b&gt;" in linked


@pytest.fixture
def loaded(db):
    from literacy.learning.content.lesson_files import load_folder

    report = load_folder(SHIPPED)
    assert report.errors == []
    return report


def test_loading_twice_changes_nothing(loaded):
    from literacy.learning.content.lesson_files import load_folder

    again = load_folder(SHIPPED)
    assert (again.glossary, again.created, again.updated) == (0, 0, 0)
    assert GlossaryTerm.objects.count() >= 120


def test_a_lesson_links_its_terms_once_per_section(loaded, client):
    body = client.get("/zh-hans/learn/missed-payments/penalty-interest-and-fees/").content.decode()
    main = body.split('class="lesson-body"', 1)[1]
    sections = main.split("<h2")
    for section in sections:
        assert section.count('href="/zh-hans/glossary/penalty-interest/"') <= 1
    assert main.count('href="/zh-hans/glossary/penalty-interest/"') >= 2


def test_the_term_page_shows_definition_source_pair_and_lessons(loaded, client):
    body = client.get("/zh-hans/glossary/penalty-interest/").content.decode()
    assert "合同利率基础上加收 30%～50%" in body
    assert "银发〔2003〕251号" in body and "2004-01-01" in body
    assert 'href="/en/glossary/penalty-interest/"' in body
    assert "罚息、复利和违约金是怎么算的" in body
    assert 'href="/zh-hans/calculators/overdue/"' in body


def test_changing_a_term_records_who_and_relinks_lessons(loaded, educator):
    term = GlossaryTerm.objects.get(language="en", slug="late-fee")
    values = {"aliases": [*term.aliases, "late charges"]}
    save_term(term, values=values, author=educator, note="Plural form")
    change = GlossaryChange.objects.filter(term=term).first()
    assert (change.author, change.note) == (educator, "Plural form")
    assert "late charges" not in change.before["aliases"]


@pytest.mark.parametrize("extra", [0, 30])
def test_glossary_index_query_count_is_constant(db, client, django_assert_num_queries, extra):
    for n in range(5 + extra):
        GlossaryTerm.objects.create(language="en", slug=f"t{n}", term=f"Term {n}", definition="D.")
    with django_assert_num_queries(1):
        response = client.get("/en/glossary/")
    assert len(response.context["terms"]) == 5 + extra


@pytest.fixture
def late_fee(db):
    return GlossaryTerm.objects.create(
        language="en", slug="late-fee", term="late fee", definition="A charge for paying late."
    )


def test_an_educator_changes_a_term_in_the_studio_and_the_change_is_recorded(late_fee, educator):
    from django.test import Client

    client = Client()
    client.force_login(educator)
    response = client.post(
        "/en/studio/glossary/en/late-fee/",
        {
            "term": "late fee",
            "definition": "A one-off charge.",
            "aliases_text": "late fees\nlate charge",
            "source": "",
            "source_date": "",
            "note": "Shorter",
        },
    )
    assert response.status_code == 302
    late_fee.refresh_from_db()
    assert (late_fee.definition, late_fee.aliases) == (
        "A one-off charge.",
        ["late fees", "late charge"],
    )
    change = late_fee.changes.get()
    assert (change.author, change.note, change.before["definition"]) == (
        educator,
        "Shorter",
        "A charge for paying late.",
    )


@pytest.mark.parametrize("who", ["anonymous", "learner", "reviewer"])
def test_only_educators_edit_the_glossary(late_fee, request, who):
    from django.test import Client

    client = Client()
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for url in ("/en/studio/glossary/", "/en/studio/glossary/en/late-fee/"):
        response = client.post(url, {"term": "hacked", "definition": "x", "note": "x"})
        assert response.status_code in (302, 403, 405)
    late_fee.refresh_from_db()
    assert late_fee.term == "late fee"


def test_hostile_text_in_a_stored_term_stays_inert_on_its_page_and_in_lessons(db, client):
    from literacy.learning.content.glossary_links import linked_html

    GlossaryTerm.objects.create(
        language="en",
        slug="fee",
        term="fee",
        aliases=['<img src=x onerror="alert(1)">'],
        definition='"><script>alert(1)</script>',
        source="<b>bold</b>",
    )
    page = client.get("/en/glossary/fee/").content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>bold" not in page
    linked = linked_html("<p>A fee and &lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>", "en")
    assert "<script>" not in linked and "<img" not in linked
    assert linked.count("glossary-link") == 1


@pytest.mark.parametrize("lessons", [1, 6])
def test_term_page_query_count_is_constant(db, client, django_assert_num_queries, lessons):
    from literacy.learning.studio import services as studio
    from tests.factories import make_lesson, studio_course

    for language in ("en", "zh-hans"):
        GlossaryTerm.objects.create(language=language, slug="fee", term="fee", definition="D.")
    course = studio_course()
    for n in range(lessons):
        lesson = make_lesson(
            None, course=course, slug=f"l{n}", translation=f"l{n}", body="A fee is a fee."
        )
        studio.publish(lesson)
    with django_assert_num_queries(3):  # the term, its pair, the lessons that link to it
        response = client.get("/en/glossary/fee/")
    assert len(response.context["lessons"]) == lessons
