"""My debts and a fair plan: the page shows the plan's figures and starts one request per lender."""

from decimal import Decimal

import pytest
from django.urls import reverse

from literacy.negotiation.models import Debt
from literacy.negotiation.models.toolkit import MAX_DEBTS
from tests.factories import make_budget, make_debt, make_worked_plan

NEW_DEBT = {
    "lender": "花呗",
    "product": "online_loan",
    "balance": "3,000",
    "annual_rate": "",
    "monthly_payment": "300",
    "days_overdue": "",
    "priority": "",
}


def test_a_visitor_adds_a_debt(visitor):
    client, token = visitor
    response = client.post(reverse("help:debts"), NEW_DEBT)
    assert response.status_code == 302
    debt = Debt.objects.get(session_key=token)
    assert (debt.lender, debt.balance, debt.annual_rate) == ("花呗", Decimal("3000.00"), None)


def test_the_page_shows_the_priority_debt_first_with_why_then_pro_rata_offers(visitor):
    client, token = visitor
    make_worked_plan(session_key=token)
    body = client.get(reverse("help:debts")).content.decode()
    assert body.index("建设银行") < body.index("招商银行信用卡中心")
    assert "Falling behind can cost you your home." in body
    for offer, months in (
        ("¥1,000.00", "41 months"),
        ("¥400.00", "47 months"),
        ("¥200.00", "30 months"),
    ):
        assert offer in body and months in body


def test_an_offer_below_the_interest_is_flagged(visitor):
    client, token = visitor
    make_budget(session_key=token, income=Decimal("5800.00"))  # leaves 600
    make_debt(session_key=token, balance="50000", annual_rate="24", monthly_payment="2500")
    body = client.get(reverse("help:debts")).content.decode()
    assert "does not cover the ¥1,000.00 of interest a month" in body


def test_a_learner_can_list_at_most_the_maximum_number_of_debts(visitor):
    client, token = visitor
    for _ in range(MAX_DEBTS):
        make_debt(session_key=token)
    response = client.post(reverse("help:debts"), NEW_DEBT)
    assert response.status_code == 400
    assert Debt.objects.filter(session_key=token).count() == MAX_DEBTS


def test_editing_a_debt_changes_it(visitor):
    client, token = visitor
    debt = make_debt(session_key=token)
    client.post(reverse("help:debt_edit", kwargs={"pk": debt.pk}), {**NEW_DEBT, "lender": "新名字"})
    debt.refresh_from_db()
    assert debt.lender == "新名字"


def test_asking_one_lender_prefills_the_request_with_its_figures_and_the_same_budget(visitor):
    client, token = visitor
    card, *_ = make_worked_plan(session_key=token)
    form = client.get(reverse("help:request") + f"?plan={card.pk}").context["form"]
    initial = form.initial
    assert initial["lender"] == "招商银行信用卡中心"
    assert initial["product"] == "credit_card"
    assert initial["balance"] == Decimal("30000.00")
    assert initial["offer_payment"] == Decimal("1000.00")
    assert initial["income"] == Decimal("8000.00")
    # essentials 5,200 + the mortgage 1,200 and the two other offers 600: left over is 1,000
    essentials = sum(
        initial[name]
        for name in ("housing", "food", "transport", "family", "health", "other_debts")
    )
    assert initial["income"] - essentials == Decimal("1000.00")


def test_every_lender_is_prefilled_from_one_and_the_same_budget(visitor):
    client, token = visitor
    debts = make_worked_plan(session_key=token)
    incomes = {
        client.get(reverse("help:request") + f"?plan={d.pk}").context["form"].initial["income"]
        for d in debts
    }
    assert incomes == {Decimal("8000.00")}


def test_someone_elses_debt_prefills_nothing(visitor, account):
    client, _ = visitor
    _, user = account
    theirs = make_worked_plan(user=user)[0]
    initial = client.get(reverse("help:request") + f"?plan={theirs.pk}").context["form"].initial
    assert "lender" not in initial


@pytest.mark.parametrize("count", [1, 12])
def test_the_debts_page_costs_the_same_queries_at_two_sizes(
    visitor, django_assert_num_queries, count
):
    client, token = visitor
    make_budget(session_key=token)
    for _ in range(count):
        make_debt(session_key=token)
    client.get(reverse("help:debts"))  # warm the session
    with django_assert_num_queries(3):  # session, budget, debts
        response = client.get(reverse("help:debts"))
    assert response.content.decode().count('class="plan-item"') == count
