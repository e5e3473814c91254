"""My budget: entered per week, month or year, saved monthly, reused, deletable."""

from decimal import Decimal

from django.urls import reverse

from literacy.negotiation.models import Budget
from tests.factories import make_budget


def post_budget(client, **lines):
    data = {"income": "0", **lines}
    for name in (
        "income",
        "rent",
        "utilities",
        "food",
        "transport",
        "children",
        "medical",
        "phone",
        "insurance",
        "parents",
        "other",
    ):
        data.setdefault(f"{name}_every", "month")
    return client.post(reverse("help:budget"), data)


def test_a_visitor_saves_a_budget_converted_to_monthly_figures(visitor):
    client, token = visitor
    response = post_budget(
        client, income="2000", income_every="week", rent="36000", rent_every="year", food="1500"
    )
    assert response.status_code == 302
    budget = Budget.objects.get(session_key=token)
    assert budget.income == Decimal("8666.67")  # 2,000 × 52 / 12
    assert budget.rent == Decimal("3000.00")  # 36,000 / 12
    assert budget.food == Decimal("1500.00")
    assert budget.left_over == Decimal("4166.67")


def test_saving_again_edits_the_same_budget(visitor):
    client, token = visitor
    post_budget(client, income="5000")
    post_budget(client, income="6000")
    assert list(Budget.objects.filter(session_key=token).values_list("income", flat=True)) == [
        Decimal("6000.00")
    ]


def test_bad_figures_keep_the_typing_and_say_what_is_wrong(visitor):
    client, _ = visitor
    response = post_budget(client, income="", food="abc")
    body = response.content.decode()
    assert response.status_code == 400
    assert 'value="abc"' in body
    assert not Budget.objects.exists()


def test_statement_shows_every_line_and_the_left_over(visitor):
    client, token = visitor
    make_budget(session_key=token)
    body = client.get(reverse("help:budget_statement")).content.decode()
    assert "¥8,000.00" in body and "¥5,200.00" in body and "¥2,800.00" in body
    assert "Support for parents" in body


def test_the_national_average_is_shown_as_context_not_judgement(db, client):
    body = client.get(reverse("help:budget")).content.decode()
    assert "¥700.92 a month for food, drink and tobacco" in body  # 8,411 / 12 (NBS 2024)
    assert "this is not a target" in body


def test_deleting_the_budget_removes_it(visitor):
    client, token = visitor
    make_budget(session_key=token)
    client.post(reverse("help:budget_delete"))
    assert not Budget.objects.filter(session_key=token).exists()
