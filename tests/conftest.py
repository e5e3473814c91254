import pytest
from django.contrib.auth.models import Group, User

from literacy.accounts.roles import EDUCATORS, REVIEWERS


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and cached pages live in the cache: every test starts clean."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _mail_through_the_queue(settings):
    """Django's test set-up swaps in the locmem backend; put the site's queue back in
    front of it, so every test's e-mail takes the production path into mail.outbox."""
    settings.EMAIL_BACKEND = "literacy.mail.backends.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def role_group(name: str) -> Group:
    """A role's group. Live-server and transaction=True tests flush every table,
    the groups made by the data migration included, so tests never assume it."""
    return Group.objects.get_or_create(name=name)[0]


def pytest_collection_modifyitems(items):
    # Browser tests last: quick feedback first, and their flushes touch no other test.
    items.sort(key=lambda item: "/e2e/" in str(item.path).replace("\\", "/"))


def _user(username: str, *roles: str) -> User:
    user = User.objects.create_user(username=username, password="a-long-test-password-1")
    for role in roles:
        user.groups.add(role_group(role))
    return user


@pytest.fixture
def learner(db) -> User:
    return _user("learner")


@pytest.fixture
def other_learner(db) -> User:
    return _user("other-learner")


@pytest.fixture
def educator(db) -> User:
    return _user("educator", EDUCATORS)


@pytest.fixture
def reviewer(db) -> User:
    return _user("reviewer", REVIEWERS)
