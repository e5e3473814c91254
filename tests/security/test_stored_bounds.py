"""Finding 7: no computed value can overflow its column and lose a help request."""

from decimal import Decimal

import pytest
from django.test import Client

from literacy.negotiation.help.forms import MAX_STORED_MONTHS, RequestForm, unstorable
from literacy.negotiation.models import NegotiationRequest
from tests.factories import valid_post

pytestmark = pytest.mark.django_db

TINY_OFFER_HUGE_BALANCE = {"balance": "100000000", "annual_rate": "0", "offer_payment": "0.01"}


def test_a_tiny_offer_against_a_huge_balance_is_stored_with_no_month_count():
    response = Client().post("/en/help/", valid_post(**TINY_OFFER_HUGE_BALANCE))
    assert response.status_code == 302
    stored = NegotiationRequest.objects.get()
    assert stored.offer_payment == Decimal("0.01")
    assert stored.offer_months is None


def test_months_at_the_offer_are_stored_up_to_a_century():
    form = RequestForm(valid_post(balance="12000", annual_rate="0", offer_payment="10"))
    assert form.is_valid(), form.errors
    assert form.budget_fields()["offer_months"] == MAX_STORED_MONTHS


@pytest.mark.parametrize(
    ("values", "refused"),
    [
        ({"offer_months": 2**31}, ["offer_months"]),
        ({"affordable_payment": Decimal("10000000000.00")}, ["affordable_payment"]),
        ({"offer_payment": Decimal("0.001")}, ["offer_payment"]),
        ({"offer_months": 2**31 - 1, "offer_payment": Decimal("9999999999.99")}, []),
        ({"offer_months": None}, []),
    ],
)
def test_every_computed_value_is_checked_against_its_column_on_every_database(values, refused):
    assert unstorable(NegotiationRequest, values) == refused
