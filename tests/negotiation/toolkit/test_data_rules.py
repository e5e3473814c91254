"""Personal data rules: merged at log-in, exported, deleted with progress or the account,
purged for anonymous visitors, never shown to reviewers."""

from datetime import timedelta

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from literacy.learning.progress.queries import export_progress
from literacy.negotiation.models import Budget, ContactEntry, Debt
from literacy.negotiation.toolkit.owner import merge_into_account
from tests.factories import make_budget, make_contact, make_debt, make_worked_plan


def test_a_visitors_records_survive_logging_in(visitor, django_user_model):
    client, token = visitor
    make_worked_plan(session_key=token)
    make_contact(session_key=token)
    user = django_user_model.objects.create_user("newcomer", password="a-long-pass-1")
    client.post(reverse("login"), {"username": "newcomer", "password": "a-long-pass-1"})
    assert Debt.objects.filter(user=user).count() == 4
    assert Budget.objects.filter(user=user).count() == 1
    assert ContactEntry.objects.filter(user=user).count() == 1
    assert not Debt.objects.filter(session_key=token).exists()


def test_of_two_budgets_the_one_changed_last_wins(account):
    _, user = account
    make_budget(user=user, income="1000")
    make_budget(session_key="tok", income="9000")
    merge_into_account(user, "tok")
    assert list(Budget.objects.filter(user=user).values_list("income", flat=True)) == [9000]


def test_the_progress_export_includes_budget_debts_and_log(account):
    _, user = account
    make_worked_plan(user=user)
    make_contact(user=user, caller="王经理")
    data = export_progress(user)["debt_toolkit"]
    assert data["budget"]["income"] == "8000.00"
    assert [d["lender"] for d in data["debts"]][0] == "招商银行信用卡中心"
    assert data["contact_log"][0]["caller"] == "王经理"


def test_deleting_my_progress_deletes_my_toolkit_records(visitor):
    client, token = visitor
    make_worked_plan(session_key=token)
    make_contact(session_key=token)
    client.post(reverse("progress:reset"))
    assert not Debt.objects.exists() and not Budget.objects.exists()
    assert not ContactEntry.objects.exists()


def test_deleting_the_account_deletes_its_toolkit_records(account):
    client, user = account
    make_worked_plan(user=user)
    make_contact(user=user)
    user.delete()
    assert Debt.objects.count() == Budget.objects.count() == ContactEntry.objects.count() == 0


def test_purge_deletes_anonymous_records_untouched_for_30_days_only(account):
    _, user = account
    old = timezone.now() - timedelta(days=31)
    make_debt(session_key="stale")
    make_contact(session_key="stale")
    make_debt(session_key="fresh")
    make_debt(user=user)
    Debt.objects.filter(session_key="stale").update(updated_at=old)
    ContactEntry.objects.filter(session_key="stale").update(updated_at=old)
    Debt.objects.filter(user=user).update(updated_at=old)
    call_command("purge_toolkit")
    assert not Debt.objects.filter(session_key="stale").exists()
    assert not ContactEntry.objects.filter(session_key="stale").exists()
    assert Debt.objects.filter(session_key="fresh").exists()
    assert Debt.objects.filter(user=user).exists()


def test_a_visitor_with_one_recent_change_keeps_everything(db):
    make_debt(session_key="mixed")
    make_contact(session_key="mixed")
    Debt.objects.update(updated_at=timezone.now() - timedelta(days=40))
    call_command("purge_toolkit")
    assert Debt.objects.filter(session_key="mixed").exists()


def test_reviewers_never_see_a_learners_toolkit_records(db, django_user_model):
    from literacy.accounts.roles import REVIEWERS
    from tests.conftest import role_group
    from tests.factories import learner_submits

    owner = django_user_model.objects.create_user("owner", password="a-long-pass-1")
    make_worked_plan(user=owner)
    make_contact(user=owner, caller="秘密催收员")
    case, _ = learner_submits(user=owner)
    staff = django_user_model.objects.create_user("staff", password="a-long-pass-1")
    staff.groups.add(role_group(REVIEWERS))
    client = Client()
    client.force_login(staff)
    for url in (
        reverse("review:queue"),
        reverse("review:detail", kwargs={"reference": case.reference}),
    ):
        body = client.get(url).content.decode()
        assert "秘密催收员" not in body and "表哥" not in body
