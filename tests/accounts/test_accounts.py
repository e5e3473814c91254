import pytest
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from literacy.accounts.roles import EDUCATORS, REVIEWERS, has_role, role_required


def test_signup_creates_the_account_and_logs_in(client, db):
    response = client.post(
        "/en/accounts/signup/",
        {
            "username": "mei",
            "first_name": "Mei",
            "email": "",
            "password1": "tea-and-oranges-77",
            "password2": "tea-and-oranges-77",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="mei")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_signup_errors_are_shown_in_the_visitors_language(client, db):
    response = client.post(
        "/zh-hans/accounts/signup/", {"username": "", "password1": "a", "password2": "b"}
    )
    assert response.status_code == 200
    assert "这一项必须填写。" in response.content.decode()
    assert not User.objects.exists()


def test_login_rotates_the_session_key(client, learner):
    client.get("/en/accounts/login/")
    client.session.save()
    before = client.session.session_key
    client.post(
        "/en/accounts/login/", {"username": "learner", "password": "a-long-test-password-1"}
    )
    assert client.session.session_key != before


def test_login_is_blocked_after_repeated_failures_for_one_account(client, learner):
    for _ in range(10):
        client.post("/en/accounts/login/", {"username": "learner", "password": "wrong"})
    response = client.post(
        "/en/accounts/login/", {"username": "learner", "password": "a-long-test-password-1"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_login_is_blocked_after_many_attempts_from_one_address(client, db):
    for n in range(20):
        client.post("/en/accounts/login/", {"username": f"user{n}", "password": "wrong"})
    response = client.post("/en/accounts/login/", {"username": "someone-new", "password": "x"})
    assert response.status_code == 429


def test_signup_is_rate_limited_per_address(client, db):
    for n in range(10):
        client.post(
            "/en/accounts/signup/", {"username": f"u{n}", "password1": "x", "password2": "y"}
        )
    assert client.post("/en/accounts/signup/", {"username": "late"}).status_code == 429


def test_logout_needs_a_post(client, learner):
    client.force_login(learner)
    assert client.get("/en/accounts/logout/").status_code == 405
    client.post("/en/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_login_ignores_an_offsite_next(client, learner):
    response = client.post(
        "/en/accounts/login/?next=https://evil.example/",
        {
            "username": "learner",
            "password": "a-long-test-password-1",
            "next": "https://evil.example/",
        },
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_role_groups_exist_after_migrations(db):
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {EDUCATORS, REVIEWERS}


def test_has_role_follows_group_membership(learner, educator, reviewer):
    assert has_role(educator, EDUCATORS) and not has_role(educator, REVIEWERS)
    assert has_role(reviewer, REVIEWERS) and not has_role(reviewer, EDUCATORS)
    assert not has_role(learner, EDUCATORS)


@role_required(EDUCATORS)
def _educators_only(request):
    return HttpResponse("inside")


@pytest.mark.parametrize(
    "who, expected", [("anonymous", 302), ("learner", 403), ("reviewer", 403), ("educator", 200)]
)
def test_role_required_refuses_outsiders(rf: RequestFactory, request, who, expected):
    from django.contrib.auth.models import AnonymousUser

    http_request = rf.get("/en/studio/")
    http_request.user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    if expected == 403:
        from django.core.exceptions import PermissionDenied

        with pytest.raises(PermissionDenied):
            _educators_only(http_request)
    else:
        response = _educators_only(http_request)
        assert response.status_code == expected
        if expected == 302:
            assert response["Location"].startswith(reverse("login"))


def test_seed_demo_is_idempotent_and_prints_credentials(db, settings, capsys):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "demo-educator" in out and "demo-reviewer" in out
    assert User.objects.filter(username__startswith="demo-").count() == 2
    assert has_role(User.objects.get(username="demo-educator"), EDUCATORS)
