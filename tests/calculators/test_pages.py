"""Calculator pages: plain GET pages, htmx partials, messages in the page's language."""

import re
from urllib.parse import parse_qs

import pytest
from django.urls import reverse
from django.utils import translation

from literacy.calculators.embed import render_calculator
from literacy.calculators.kinds.instalment import InstalmentForm

PAGES = ["instalment", "interest", "minimum_payment", "overdue", "apr"]


def sentence(response) -> str:
    match = re.search(r'class="sentence[^"]*">(.*?)</p>', response.content.decode(), re.S)
    assert match, "no headline sentence"
    return match.group(1).strip()


def test_index_links_all_five_calculators(client):
    html = client.get("/en/calculators/").content.decode()
    for name in PAGES:
        assert f'href="{reverse("calculators:" + name)}"' in html


def test_home_page_lists_the_calculators(client, db):
    html = client.get("/en/").content.decode()
    assert 'id="home-calculators"' in html
    assert reverse("calculators:apr") in html


def _heading_levels(html: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]


@pytest.mark.parametrize("path", ["/en/calculators/", "/en/"])
def test_calculator_cards_step_down_one_heading_level(client, db, path):
    """The cards sit under the index's h1 (h2 cards) or the home section's h2 (h3 cards):
    a heading never skips a level."""
    levels = _heading_levels(client.get(path).content.decode())
    assert levels[0] == 1
    assert all(after <= before + 1 for before, after in zip(levels, levels[1:], strict=False))


@pytest.mark.parametrize("name", PAGES)
def test_a_page_without_inputs_shows_its_worked_example(client, name):
    response = client.get(reverse("calculators:" + name))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html
    assert 'aria-live="polite"' in html
    assert 'role="img"' in html
    assert "<caption>" in html
    assert ' style="' not in html


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("name", PAGES)
def test_every_result_has_a_text_alternative_and_the_help_offer(client, name, language):
    """Issue 3: each result's chart names itself and points to its table, and every
    result offers "struggling with this loan?" — in the page and in the htmx partial."""
    with translation.override(language):
        url = reverse("calculators:" + name)
    page = client.get(url).content.decode()
    partial = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="calc-results")
    for html in (page, partial.content.decode()):
        assert 'aria-labelledby="calc-chart-title calc-chart-desc"' in html
        assert re.search(r'<desc id="calc-chart-desc">\S[^<]*</desc>', html)
        assert re.search(r"<table[^>]*>\s*<caption>\S", html)
        assert f'href="/{language}/help/?' in html


RESULTS_NAME = re.compile(r'<span id="calc-results-name" hidden>([^<]+)</span>')


def _numbers(html: str) -> str:
    """ ", ¥12,000 over 12 months, …": what the results region's name adds to "Results"."""
    name = RESULTS_NAME.search(html).group(1)
    results = "计算结果" if name.startswith("计算结果") else "Results"
    assert name.startswith(results) and len(name) > len(results) + 2
    return name.removeprefix(results)


NAMED_BY_NUMBERS = [
    ("instalment", {}, "¥12,000 over 12 months, 0.60 % a month"),
    (
        "instalment",
        {"principal": "100000", "months": "36", "annual_rate": "8", "method": "equal_principal"},
        "¥100,000 over 36 months, 8.00 % a year, Equal principal (等额本金)",
    ),
    (
        "interest",
        {"principal": "10000", "annual_rate": "18", "years": "1"},
        "¥10,000 for 1 year at 18.00 %",
    ),
    ("minimum_payment", {}, "¥10,000 owed, minimum 1.00 % plus interest"),
    (
        "minimum_payment",
        {"balance": "20000", "annual_rate": "18", "fixed_payment": "1500"},
        "¥20,000 owed, paying ¥1,500 a month",
    ),
    ("overdue", {}, None),
    ("apr", {}, "12 payments from 2026-02-15"),
]


@pytest.mark.parametrize(("name", "data", "numbers"), NAMED_BY_NUMBERS)
def test_results_landmarks_are_named_by_their_numbers_in_page_and_partial(
    client, name, data, numbers
):
    """Several calculators in one lesson each need landmark names of their own: every
    region adds the inputs' key numbers to its title, and an htmx update renames them."""
    with translation.override("en"):
        url = reverse("calculators:" + name)
    page = client.get(url, data).content.decode()
    partial = client.get(url, data, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="calc-results")
    assert 'aria-labelledby="calc-results-name"' in page
    assert _numbers(page) == _numbers(partial.content.decode())
    if numbers:
        assert _numbers(page) == ", " + numbers


def test_overdue_results_name_the_amount_and_days_in_chinese(client):
    data = {"overdue_principal": "5000", "annual_rate": "18", "days_overdue": "30"}
    with translation.override("zh-hans"):
        url = reverse("calculators:overdue")
    html = client.get(url, data).content.decode()
    assert RESULTS_NAME.search(html).group(1) == "计算结果，¥5,000，逾期 30 天"


def test_invalid_numbers_leave_the_results_region_plainly_named(client):
    with translation.override("en"):
        url = reverse("calculators:interest")
    html = client.get(url, {"principal": "-1"}).content.decode()
    assert RESULTS_NAME.search(html).group(1) == "Results"


TABLE_IN_REGION = re.compile(
    r'<div class="table-scroll" tabindex="0" role="region" aria-label="([^"]+)">\s*'
    r"<table[^>]*>\s*<caption>([^<]+)</caption>"
)
COMPARED = {"b_principal": "12000", "b_months": "12", "b_annual_rate": "7.2"}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("name", PAGES)
def test_every_result_table_scrolls_in_a_labelled_focusable_region(client, name, language):
    """On a phone a wide table scrolls inside its own box (reachable by keyboard,
    named after its caption), never the whole page."""
    with translation.override(language):
        url = reverse("calculators:" + name)
    data = {**InstalmentForm.example, **COMPARED} if name == "instalment" else {}
    html = client.get(url, data).content.decode()
    wrapped = TABLE_IN_REGION.findall(html)
    assert len(wrapped) == html.count("<table") == (2 if name == "instalment" else 1)
    numbers = _numbers(html)
    for label, caption in wrapped:
        assert label == caption + numbers


@pytest.mark.parametrize("name", PAGES)
def test_every_chart_scrolls_in_a_labelled_focusable_region(client, name):
    """On a phone a chart keeps a readable size and scrolls in its own box."""
    with translation.override("en"):
        html = client.get(reverse("calculators:" + name)).content.decode()
    regions = re.findall(
        r'<div class="chart-scroll"\s+tabindex="0"\s+role="region"\s+'
        r'aria-label="Chart: ([^"]+)">\s*'
        r'<svg role="img"[^>]*>\s*<title id="[^"]+">([^<]+)</title>',
        html,
    )
    numbers = _numbers(html)
    assert regions and all(label == title + numbers for label, title in regions)
    assert len(regions) == html.count("<svg")


def test_instalment_interest_has_its_own_chart_and_scale_beside_principal(client):
    """Interest beside a ¥12,000 balance would lie flat on ¥0: the balance chart shows
    balances only, and a second chart scales interest and principal to the instalment."""
    html = client.get(
        "/en/calculators/instalment/",
        {"principal": "12000", "months": "12", "monthly_fee_rate": "0.6"},
    ).content.decode()
    balance, payment = re.findall(r'<figure class="chart">(.*?)</figure>', html, re.S)
    legend = re.compile(r"</span>([^<]+)</li>")
    assert legend.findall(balance) == ["Balance still owed, offer A"]
    assert legend.findall(payment) == [
        "Interest and fees in each payment",
        "Principal repaid in each payment",
    ]
    assert 'id="calc-payment-chart-title"' in payment
    assert re.findall(r'class="tick"[^>]*>(¥[^<]+)</text>', payment)[-1] == "¥1,000"


def test_interest_each_year_has_its_own_chart_and_scale_beside_the_balance(client):
    """¥1,000 a year beside a ¥13,310 balance would lie flat near ¥0: the balance chart
    shows the balance only, and a second chart scales each year's interest to itself."""
    html = client.get(
        "/en/calculators/interest/",
        {"principal": "10000", "annual_rate": "10", "years": "3", "compounding": "annual"},
    ).content.decode()
    balance, interest = re.findall(r'<figure class="chart">(.*?)</figure>', html, re.S)
    legend = re.compile(r"</span>([^<]+)</li>")
    top_tick = re.compile(r'class="tick"[^>]*>(¥[^<]+)</text>')
    assert legend.findall(balance) == ["Balance at the end of the year"]
    assert top_tick.findall(balance)[-1] == "¥13,310"
    assert legend.findall(interest) == ["Interest earned or charged that year"]
    assert top_tick.findall(interest)[-1] == "¥1,210"
    assert (
        'aria-labelledby="calc-interest-chart-title calc-interest-chart-desc"' in interest
        and '<title id="calc-interest-chart-title">Interest earned (or charged) each year<'
        in interest
        and re.search(r'<desc id="calc-interest-chart-desc">\S[^<]*</desc>', interest)
    )


REGION_NAME = re.compile(r'role="region"\s+aria-label="([^"]+)"')


def test_two_interest_calculators_in_one_lesson_name_every_region_uniquely():
    """Both charts and the table of each calculator are landmarks: a lesson comparing
    5 with 10 years needs six distinct names, or axe fails landmark-unique."""
    params = {"principal": 10000, "annual_rate": 18, "years": 5}
    with translation.override("en"):
        html = render_calculator("interest", params) + render_calculator(
            "interest", {**params, "years": 10}
        )
    names = REGION_NAME.findall(html)
    assert len(names) == len(set(names)) == 6
    assert "Chart: Interest earned (or charged) each year, ¥10,000 for 10 years at 18.00 %" in names


def test_line_chart_names_its_axis_inside_the_chart(client):
    html = client.get("/en/calculators/interest/").content.decode()
    assert re.search(r'<text class="tick axis-label"[^>]*>Year</text>\s*(<polyline|</svg>)', html)


def test_instalment_page_states_the_true_rate_in_english(client):
    response = client.get(
        "/en/calculators/instalment/",
        {"principal": "12000", "months": "12", "monthly_fee_rate": "0.6"},
    )
    assert sentence(response) == (
        "You pay ¥864.00 in interest and fees. That is a 13.03 % a year loan, not 7.20 %."
    )


def test_instalment_page_states_the_true_rate_in_chinese(client):
    response = client.get(
        "/zh-hans/calculators/instalment/",
        {"principal": "12000", "months": "12", "monthly_fee_rate": "0.6"},
    )
    assert (
        sentence(response)
        == "你要付 ¥864.00 的利息和手续费，相当于年化 13.03% 的贷款，而不是 7.20%。"
    )


def test_instalment_page_compares_a_second_offer(client):
    response = client.get(
        "/en/calculators/instalment/",
        {
            "principal": "12000",
            "months": "12",
            "monthly_fee_rate": "0.6",
            "b_principal": "12000",
            "b_months": "12",
            "b_annual_rate": "7.2",
        },
    )
    html = response.content.decode()
    table = re.search(r'<table class="comparison">(.*?)</table>', html, re.S).group(1)
    apr_row = re.search(r"True annual rate \(APR\)</th>(.*?)</tr>", table, re.S).group(1)
    assert re.findall(r">([^<]+)</td>", apr_row) == ["13.03 %", "7.20 %"]


def test_an_invalid_second_offer_is_reported_not_ignored(client):
    response = client.get(
        "/en/calculators/instalment/",
        {"principal": "12000", "months": "12", "monthly_fee_rate": "0.6", "b_principal": "abc"},
    )
    assert "Offer B, Amount borrowed (¥): Enter a number such as 12000" in response.content.decode()


def test_bad_input_shows_the_message_in_chinese(client):
    response = client.get(
        "/zh-hans/calculators/instalment/",
        {"principal": "１e999", "months": "601", "annual_rate": "5"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "请输入数字，例如 12000 或 12,000.50，不要带字母或符号。" in html
    assert "请输入不大于 600 的数字。" in html
    assert 'value="601"' in html  # the learner's input is kept


def test_plain_request_returns_the_full_page(client):
    response = client.get(
        "/en/calculators/overdue/",
        {"overdue_principal": "10000", "annual_rate": "6", "days_overdue": "30"},
    )
    html = response.content.decode()
    assert "<html" in html and "<form" in html
    assert "Paying 30 days late costs ¥73.97 extra." in html


def test_htmx_request_returns_only_the_results_partial(client):
    response = client.get(
        "/en/calculators/overdue/",
        {"overdue_principal": "10000", "annual_rate": "6", "days_overdue": "30"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="calc-results",
    )
    html = response.content.decode()
    assert "<html" not in html and "<form" not in html
    assert "Paying 30 days late costs ¥73.97 extra." in html
    assert 'id="calc-chart-title"' in html
    assert "HX-Request" in response["Vary"]


def test_htmx_partial_takes_its_ids_from_the_target(client):
    response = client.get(
        "/en/calculators/overdue/",
        {"overdue_principal": "10000", "annual_rate": "6", "days_overdue": "30"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="lesson-2-results",
    )
    assert 'id="lesson-2-chart-title"' in response.content.decode()


def test_htmx_partial_with_bad_input_lists_the_errors(client):
    response = client.get(
        "/zh-hans/calculators/overdue/",
        {"overdue_principal": "-1", "annual_rate": "6", "days_overdue": "30"},
        HTTP_HX_REQUEST="true",
    )
    assert "逾期金额（元）：请输入大于 0 的数字。" in response.content.decode()


def help_link(html: str) -> dict[str, list[str]]:
    match = re.search(r'href="/en/help/\?([^"]*)"', html)
    assert match, "no help link"
    return parse_qs(match.group(1).replace("&amp;", "&"))


def test_overdue_result_offers_help_with_the_numbers_prefilled(client):
    html = client.get(
        "/en/calculators/overdue/",
        {"overdue_principal": "10000", "annual_rate": "6", "days_overdue": "30"},
    ).content.decode()
    assert help_link(html) == {
        "balance": ["10000"],
        "annual_rate": ["6"],
        "days_overdue": ["30"],
    }


def test_instalment_result_offers_help_with_payment_and_true_rate(client):
    html = client.get(
        "/en/calculators/instalment/",
        {"principal": "12000", "months": "12", "monthly_fee_rate": "0.6"},
    ).content.decode()
    assert help_link(html) == {
        "balance": ["12000"],
        "monthly_payment": ["1072.00"],
        "annual_rate": ["13.0342"],
    }


def test_minimum_payment_help_names_the_product(client):
    html = client.get(
        "/en/calculators/minimum-payment/",
        {"balance": "5000", "annual_rate": "18", "min_percent": "2", "min_amount": "50"},
    ).content.decode()
    assert help_link(html)["lender_product"] == ["credit_card"]
    assert help_link(html)["monthly_payment"] == ["100.00"]


def test_second_offer_selects_alone_do_not_start_a_comparison(client):
    response = client.get(
        "/en/calculators/instalment/",
        {
            "principal": "12000",
            "months": "12",
            "monthly_fee_rate": "0.6",
            "b_principal": "",
            "b_method": "equal_payment",
            "b_fee_timing": "monthly",
        },
    )
    html = response.content.decode()
    assert 'class="comparison"' not in html
    assert 'role="alert"' not in html
    assert "13.03 %" in sentence(response)


def test_apr_page_takes_cash_flows_as_lines(client):
    response = client.get(
        "/en/calculators/apr/",
        {
            "convention": "us",
            "advances": "2026-01-15 12,000",
            "payments": "2026-02-15 1072 x12 month",
        },
    )
    html = response.content.decode()
    assert sentence(response) == "This credit costs ¥864.00. Its annual rate is 13.03 %."
    assert "单利" in html and "复利" in html


def test_apr_page_reports_a_bad_line(client):
    response = client.get(
        "/en/calculators/apr/", {"advances": "2026-01-15 12000", "payments": "tomorrow 1072"}
    )
    assert "Line 1: enter a date as YYYY-MM-DD" in response.content.decode()


def test_minimum_payment_page_warns_when_the_balance_never_falls(client):
    response = client.get(
        "/en/calculators/minimum-payment/",
        {"balance": "10000", "annual_rate": "24", "fixed_payment": "200"},
    )
    assert "this balance never goes down" in sentence(response)


@pytest.mark.parametrize("months", ["12", "600"])
def test_pages_run_no_database_queries(client, db, django_assert_num_queries, months):
    with django_assert_num_queries(0):
        response = client.get(
            "/en/calculators/instalment/",
            {"principal": "12000", "months": months, "annual_rate": "5"},
        )
    assert response.content.decode().count('<th scope="row">') == int(months)


def test_a_rate_on_a_rounding_edge_is_rounded_once_from_the_exact_value(client):
    """4.8937 % compounded monthly is 5.004969… % a year: the API's 4 decimals say
    "5.0050", and rounding that text again would show 5.01 %; the page rounds the
    exact value once and shows 5.00 %."""
    params = {"principal": "1000", "annual_rate": "4.8937", "years": "1"}
    api = client.get("/api/v1/calculators/interest", params).json()
    page = client.get("/en/calculators/interest/", params).content.decode()
    assert api["effective_annual_rate"] == "5.0050"
    assert "grows money by 5.00 % a year" in page
    assert "5.01 %" not in page
