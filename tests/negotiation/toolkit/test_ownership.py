"""Only the owner sees, edits or deletes a toolkit item; everyone else gets a 404."""

import pytest
from django.test import Client
from django.urls import reverse

from literacy.negotiation.models import ContactEntry, Debt
from tests.factories import make_contact, make_debt

ITEMS = {
    "debt": (make_debt, Debt, "help:debt_edit", "help:debt_delete"),
    "log": (make_contact, ContactEntry, "help:log_edit", "help:log_delete"),
}


@pytest.mark.parametrize("kind", sorted(ITEMS))
@pytest.mark.parametrize("who", ["other_account", "anonymous", "other_visitor"])
def test_someone_elses_item_is_a_404_and_stays_unchanged(account, visitor, kind, who):
    _, owner = account
    build, model, edit, delete = ITEMS[kind]
    item = build(user=owner)
    client = {"anonymous": Client(), "other_visitor": visitor[0]}.get(who)
    if who == "other_account":
        client = Client()
        client.force_login(type(owner).objects.create_user("outsider", password="x-long-pass-1"))
    assert client.get(reverse(edit, kwargs={"pk": item.pk})).status_code == 404
    assert client.post(reverse(edit, kwargs={"pk": item.pk}), {"lender": "X"}).status_code == 404
    assert client.post(reverse(delete, kwargs={"pk": item.pk})).status_code == 404
    assert model.objects.filter(pk=item.pk).exists()


def test_a_visitors_debt_is_theirs_through_the_token_in_their_session(visitor):
    client, token = visitor
    debt = make_debt(session_key=token)
    response = client.post(reverse("help:debt_delete", kwargs={"pk": debt.pk}))
    assert response.status_code == 302
    assert not Debt.objects.filter(pk=debt.pk).exists()


def test_lists_show_only_the_learners_own_items(account, visitor):
    client, user = account
    make_debt(user=user, lender="Mine Bank")
    make_debt(session_key=visitor[1], lender="Their Bank")
    make_contact(user=user, caller="My caller")
    make_contact(session_key=visitor[1], caller="Their caller")
    debts = client.get(reverse("help:debts")).content.decode()
    log = client.get(reverse("help:log")).content.decode()
    assert "Mine Bank" in debts and "Their Bank" not in debts
    assert "My caller" in log and "Their caller" not in log
