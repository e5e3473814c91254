"""APR conventions answer independently; a rate above the solver's range says so."""

import datetime
from decimal import Decimal

from django.utils import translation

from literacy.calculators.kinds.apr import Apr, unavailable_text
from literacy.calculators.output.figures import PAGE
from literacy.finance.rates.apr import AprResult, AprUnavailable, CashFlow

ABOVE = AprUnavailable("eu", "rate_above_range", Decimal(100), "month")
US = AprResult(
    "us",
    Decimal("0.18"),
    Decimal("0.18"),
    Decimal("0.1956"),
    Decimal(90),
    "month",
    Decimal("0.015"),
    Decimal(12),
)
DATA = {
    "convention": "us",
    "payments": [CashFlow(datetime.date(2026, 1, 29), Decimal(1))],
}


def test_a_rate_above_the_range_says_higher_than_the_limit_per_period():
    with translation.override("en"):
        assert unavailable_text(ABOVE).startswith("Higher than 10,000.00 % a month")
    with translation.override("zh-hans"):
        assert unavailable_text(ABOVE).startswith("利率高于每月 10,000.00%")


def test_one_conventions_failure_leaves_the_others_answered():
    outcome = {"us": US, "eu": ABOVE, "cn": US}
    with translation.override("en"):
        shown = Apr().present(outcome, DATA, PAGE)
    assert shown["apr"] == Decimal("18.00")
    assert "unavailable" in shown["conventions"]["eu"]
    assert shown["conventions"]["cn"]["apr"] == Decimal("18.00")


def test_the_api_refuses_only_the_convention_it_was_asked_for():
    outcome = {"us": US, "eu": ABOVE, "cn": US}
    assert Apr().refusal(outcome, DATA) == {}
    assert list(Apr().refusal(outcome, {**DATA, "convention": "eu"})) == ["payments"]


def test_the_eu_convention_is_named_after_the_directive_in_force(client):
    page = client.get("/en/calculators/apr/").content.decode()
    assert "Directive (EU) 2023/2225" in page and "2008/48" not in page
    chinese = client.get("/zh-hans/calculators/apr/").content.decode()
    assert "2023/2225" in chinese and "2008/48" not in chinese
