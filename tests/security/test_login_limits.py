"""Finding 3: limits nobody can reset, bypass or turn against the account holder."""

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from redis.exceptions import OutOfMemoryError, ReadOnlyError, ResponseError

from literacy.caching.redis_fallback import ResilientRedisCache

PASSWORD = "a-long-test-password-1"
WRONG = "not-the-password"


def login(client: Client, username: str, password: str, address: str, url: str = "") -> int:
    data = {"username": username, "password": password}
    return client.post(url or reverse("login"), data, REMOTE_ADDR=address).status_code


def test_someone_hammering_a_name_elsewhere_does_not_lock_its_owner_out(learner):
    attacker = Client()
    assert [login(attacker, "learner", WRONG, "10.9.9.9") for _ in range(11)][-1] == 429
    assert login(Client(), "learner", PASSWORD, "10.0.0.7") == 302


@pytest.mark.parametrize("variant", [" learner", "learner ", "ｌｅａｒｎｅｒ", "LEARNER"])
def test_spelling_the_username_differently_counts_as_the_same_account(learner, variant):
    client = Client()
    for _ in range(10):
        login(client, "learner", WRONG, "10.1.1.1")
    assert login(client, variant, WRONG, "10.1.1.1") == 429


def test_the_per_address_limit_still_stops_one_address_trying_many_names(learner):
    client = Client()
    statuses = [login(client, f"name{n}", WRONG, "10.2.2.2") for n in range(21)]
    assert statuses[-1] == 429 and statuses[:20] == [200] * 20


def test_the_admin_login_page_is_limited_like_the_site_login(admin_user):
    client = Client()
    url = reverse("admin:login")
    statuses = [login(client, "admin", WRONG, "10.3.3.3", url) for _ in range(11)]
    assert statuses == [200] * 10 + [429]
    assert login(client, "admin", "password", "10.3.3.3", url) == 429
    assert login(Client(), "admin", "password", "10.3.3.4", url) == 302


def test_a_flood_of_distinct_api_urls_cannot_evict_a_lock_out(learner):
    client = Client()
    for _ in range(10):
        login(client, "learner", WRONG, "10.4.4.4")
    for n in range(400):
        client.get(f"/api/v1/calculators/instalment?principal={1000 + n}&months=12&annual_rate=5")
    assert login(client, "learner", PASSWORD, "10.4.4.4") == 429


def test_responses_limits_and_sessions_live_in_separate_caches(settings):
    assert settings.RATELIMIT_USE_CACHE == settings.SESSION_CACHE_ALIAS == "limits"
    assert caches["responses"]._max_entries == settings.RESPONSE_CACHE_ENTRIES
    assert caches["limits"] is not caches["default"] is not caches["responses"]


def test_redis_settings_put_limits_in_another_database():
    from tests.settings_env import load_settings

    module = load_settings(DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/4")
    assert module.CACHES["limits"]["LOCATION"] == "redis://127.0.0.1:6379/5"
    assert module.CACHES["responses"]["BACKEND"].endswith("LocMemCache")


@pytest.mark.parametrize("error", [OutOfMemoryError, ReadOnlyError, ResponseError])
def test_any_redis_error_serves_from_the_fallback_instead_of_failing(monkeypatch, error):
    cache = ResilientRedisCache("redis://127.0.0.1:1/0", {})

    def refuse(*args, **kwargs):
        raise error("OOM command not allowed when used memory > 'maxmemory'")

    monkeypatch.setattr("django.core.cache.backends.redis.RedisCache.set", refuse)
    monkeypatch.setattr("django.core.cache.backends.redis.RedisCache.get", refuse)
    cache.set("counter", 3)
    assert cache.get("counter") == 3
    assert cache.degraded
