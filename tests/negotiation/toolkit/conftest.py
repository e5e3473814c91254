import secrets

import pytest
from django.test import Client
from django.utils import translation

from literacy.learning.progress.learners import LEARNER_TOKEN


@pytest.fixture
def visitor(db):
    """An anonymous visitor's client and the learner token kept in their session."""
    client = Client()
    token = secrets.token_urlsafe(24)
    session = client.session
    session[LEARNER_TOKEN] = token
    session.save()
    return client, token


@pytest.fixture
def account(db, django_user_model):
    user = django_user_model.objects.create_user(username="debtor", password="a-long-pass-1")
    client = Client()
    client.force_login(user)
    return client, user


@pytest.fixture(autouse=True)
def english_urls():
    """``reverse`` gives /en/… URLs unless a test overrides the language itself."""
    with translation.override("en"):
        yield
