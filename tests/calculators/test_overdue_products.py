"""The paying-late calculator by product: worked examples, each with its rule's source.

Card (PBoC 银发〔2016〕111号, contract practice): ¥10,000 posted 15 days before the
statement, due 20 days after it, nothing paid: interest 0.05 % a day from posting
to the due date (35 days: ¥175) and on the unpaid balance to the next statement
(11 days: ¥55), and a 违约金 of 5 % of the ¥1,000 minimum (¥50), no markup.

Instalment loan (银发〔2003〕251号): ¥12,000 over 12 months at 12 %, the first
instalment (¥946.19 principal + ¥120.00 interest) 30 days overdue at 18 %
(12 % + 50 %): 946.19 × 18 % × 30 / 365 = ¥14.00 penalty interest and
120 × 18 % × 30 / 365 = ¥1.78 on the unpaid interest.

Private loan (法释〔2020〕17号 art. 29): ¥100,000 a year overdue at 24 % with a
¥5,000 违约金 and ¥1,000 fees claims ¥30,000; the cap is 4 × 3.0 % = 12 %, ¥12,000.
Left empty, the LPR is the register of facts' ``lpr_1y`` (read once, only for a
private loan), so those tests use the database.
"""

import datetime
from decimal import Decimal as D

import pytest

from literacy.calculators.kinds.overdue.form import OverdueForm
from literacy.learning.content.fact_changes import update_fact
from tests.factories import lpr_entry

API = "/api/v1/calculators/overdue"
CARD = {
    "product": "credit_card",
    "statement_balance": "10000",
    "statement_date": "2026-03-01",
    "minimum_payment": "1000",
    "cycles": "1",
}
INSTALMENT = {
    "product": "instalment_loan",
    "remaining_principal": "12000",
    "remaining_months": "12",
    "annual_rate": "12",
    "days_overdue": "30",
    "overdue_since": "2026-03-15",
}
PRIVATE = {
    "product": "private_loan",
    "overdue_principal": "100000",
    "annual_rate": "24",
    "days_overdue": "365",
    "overdue_since": "2025-06-01",
    "late_fee": "5000",
    "other_fees": "1000",
}


def test_a_card_charges_daily_interest_from_posting_and_a_penalty_without_markup(client):
    answer = client.get(API, CARD).json()
    assert (answer["interest"], answer["penalties"]) == ("230.00", "50.00")
    assert answer["total_extra_cost"] == "280.00"
    assert "penalty_annual_rate" not in answer
    assert answer["assumption"]["sources"] == ["银发〔2016〕111号", "card contract"]


def test_a_card_contract_charging_only_the_unpaid_part_costs_less(client):
    answer = client.get(API, {**CARD, "paid": "4000", "interest_basis": "unpaid_part"}).json()
    # ¥6,000 unpaid from posting (02-14) to the next statement (04-01): 46 days
    assert answer["interest"] == "138.00"
    assert answer["assumption"]["rule"] == "daily_rate_monthly_compound_unpaid_part"


def test_a_missed_instalment_pays_penalty_and_compound_interest_from_its_due_date(client):
    answer = client.get(API, INSTALMENT).json()
    assert answer["penalty_annual_rate"] == "18.0000"
    assert (answer["overdue_principal"], answer["missed_interest"]) == ("946.19", "120.00")
    assert (answer["penalty_interest"], answer["compound_interest"]) == ("14.00", "1.78")
    assert answer["total_extra_cost"] == "15.77"  # rounded once from 13.998… + 1.775…


def test_acceleration_of_the_whole_loan_is_a_separate_labelled_case(client):
    answer = client.get(API, INSTALMENT).json()
    accelerated = answer["accelerated"]
    # the whole ¥12,000 at 18 % for 30 days: 12,000 × 0.18 × 30 / 365
    assert accelerated["penalty_interest"] == "177.53"
    assert "宣布提前到期" in accelerated["description"]


def test_a_private_loan_claim_is_cut_to_the_court_cap(db, client):
    answer = client.get(API, PRIVATE).json()
    assert answer["claimed_total"] == "30000.00"
    assert (answer["cap_annual_rate"], answer["cap"]) == ("12.0000", "12000.00")
    assert (answer["excess"], answer["total_extra_cost"]) == ("18000.00", "12000.00")


@pytest.mark.parametrize(
    ("params", "product"),
    [
        (CARD, "credit card"),
        (INSTALMENT, "instalment loan"),
        (PRIVATE, "private loan"),
        ({"overdue_principal": "10000", "annual_rate": "6", "days_overdue": "30"}, "in general"),
    ],
)
def test_every_result_says_which_product_and_rule_it_assumed(db, client, params, product):
    sentence = client.get(API, params).json()["assumption"]["description"]
    assert sentence.startswith("Assumed: a") and product in sentence


def test_the_credit_record_may_be_reported_after_notice_and_is_kept_five_years(client):
    record = client.get(API, INSTALMENT).json()["credit_record"]
    assert record["may_be_reported"] is True and record["retention_years"] == 5
    assert "may be reported" in record["description"]
    assert "must tell you before" in record["description"]


def test_the_2025_credit_repair_applies_to_a_small_record_repaid_in_time(client):
    params = {
        "overdue_principal": "5000",
        "annual_rate": "6",
        "days_overdue": "30",
        "overdue_since": "2025-06-01",
    }
    repair = client.get(API, params).json()["credit_record"]["repair"]
    assert (repair["applies"], repair["hidden_by"]) == (True, "2026-01-01")
    assert "one-off credit repair of December 2025" in repair["description"]


def test_the_2025_credit_repair_does_not_cover_more_than_ten_thousand_yuan(db, client):
    repair = client.get(API, PRIVATE).json()["credit_record"]["repair"]
    assert (repair["applies"], repair["reason"]) == (False, "amount_above_limit")


def test_the_generic_parameters_keep_their_answer(client):
    answer = client.get(
        API, {"overdue_principal": "10000", "annual_rate": "6", "days_overdue": "30"}
    ).json()
    assert answer["product"] == "loan"
    assert (answer["penalty_interest"], answer["total_extra_cost"]) == ("73.97", "73.97")


def test_a_product_without_its_own_inputs_names_each_missing_one(client):
    errors = client.get(API, {"product": "credit_card"}).json()["errors"]
    assert set(errors) == {"statement_balance", "statement_date", "minimum_payment"}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_page_shows_a_card_result_with_its_statement_table(client, language):
    page = client.get(f"/{language}/calculators/overdue/", CARD).content.decode()
    assert "¥280.00" in page and "2026-04-01" in page
    assert "<rect" in page
    assert "lender_product=credit_card" in page


# --- the private loan's LPR: the learner's, or the register's -------------------------


@pytest.fixture
def lpr_3_1(db):
    """The register's one-year LPR is 3.1 %, in force from 20 January 2027."""
    update_fact(lpr_entry(value="3.1", as_of=datetime.date(2027, 1, 20)))


def test_a_private_loan_without_an_lpr_takes_the_registers_and_names_it(lpr_3_1, client):
    answer = client.get(API, PRIVATE).json()
    assert (answer["cap_annual_rate"], answer["cap"]) == ("12.4000", "12400.00")
    lpr = answer["lpr"]
    assert (lpr["annual_rate"], lpr["as_of"], lpr["from_register"]) == ("3.1", "2027-01-20", True)
    assert "one-year LPR of 3.1 % in force from 20 January 2027" in lpr["description"]


def test_before_the_register_is_loaded_the_shipped_register_file_gives_the_lpr(db, client):
    lpr = client.get(API, PRIVATE).json()["lpr"]
    assert (lpr["annual_rate"], lpr["as_of"]) == ("3.0", "2025-05-20")


def test_a_private_loan_with_its_own_lpr_never_reads_the_register():
    # no database here: reading the register would raise
    form = OverdueForm(data={**PRIVATE, "lpr_one_year": "3.45"})
    outcome = form.calculate()
    assert outcome.result.cap_annual_rate == D("0.138")
    assert (outcome.lpr.rate, outcome.lpr.from_register) == (D("3.45"), False)


def test_another_product_never_reads_the_register():
    assert OverdueForm(data=CARD).calculate().lpr is None


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "The cap uses the one-year LPR of 3.1 % in force from 20 January 2027"),
        ("zh-hans", "上限按本站事实登记册中自2027年1月20日起执行的一年期 LPR 3.1%计算。"),
    ],
)
def test_the_page_says_which_lpr_and_date_the_cap_used(lpr_3_1, client, language, sentence):
    page = client.get(f"/{language}/calculators/overdue/", PRIVATE).content.decode()
    assert sentence in page


def test_the_api_schema_says_an_empty_lpr_is_the_registers(client):
    document = client.get("/api/v1/schema", HTTP_ACCEPT_LANGUAGE="en").json()
    inputs = document["paths"]["/calculators/overdue"]["get"]["parameters"][0]["schema"]
    lpr = inputs["properties"]["lpr_one_year"]
    assert "default" not in lpr and "register of facts" in lpr["description"]
    assert "lpr_one_year" not in inputs["required"]
