"""Redis stops: the site keeps serving, rate limits go per-process, one log line per outage."""

import logging

import pytest
import redis
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

pytestmark = [pytest.mark.resilience, pytest.mark.django_db]

CACHE_LOGGER = "literacy.caching.redis_fallback"


@pytest.fixture
def redis_cache(settings, redis_server):
    redis = {
        "BACKEND": "literacy.caching.redis_fallback.ResilientRedisCache",
        "LOCATION": redis_server.url,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1, "retry_seconds": 0},
    }
    # Counters and sessions live in the "limits" alias (a Redis database of its own in
    # production); here both aliases use the test's server, apart by key prefix.
    settings.CACHES = {
        "default": redis,
        "limits": {**redis, "KEY_PREFIX": "limits"},
        "responses": settings.CACHES["responses"],
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    cache.clear()
    return redis_server


def pages() -> list[str]:
    return [
        reverse("home"),
        reverse("lessons:index"),
        reverse("calculators:index"),
        reverse("calculators:instalment") + "?principal=12000&months=12&monthly_fee_rate=0.6",
        reverse("login"),
    ]


def test_cache_writes_go_to_redis_while_it_is_up(redis_cache):
    cache.set("probe", "value")
    assert redis.Redis(port=redis_cache.port).exists(":1:probe") == 1


def test_pages_answer_200_with_redis_stopped(redis_cache):
    redis_cache.stop()
    client = Client()
    statuses = [client.get(url).status_code for url in pages()]
    assert statuses == [200] * len(pages())


def test_an_outage_is_logged_once_not_per_request(redis_cache, caplog, learner):
    redis_cache.stop()
    client = Client()
    wrong = {"username": learner.username, "password": "not-the-password"}
    with caplog.at_level(logging.INFO, logger=CACHE_LOGGER):
        for _ in range(4):
            client.post(reverse("login"), wrong)  # the rate limit counts in the cache
            for url in pages():
                client.get(url)
    warnings = [r for r in caplog.records if r.name == CACHE_LOGGER]
    assert [r.levelno for r in warnings] == [logging.WARNING]
    assert "unreachable" in warnings[0].getMessage()


def test_login_rate_limit_still_holds_per_process_with_redis_stopped(redis_cache, learner):
    redis_cache.stop()
    client = Client()
    wrong = {"username": learner.username, "password": "not-the-password"}
    statuses = [client.post(reverse("login"), wrong).status_code for _ in range(11)]
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429


def test_a_logged_in_session_survives_redis_stopping(redis_cache, learner):
    client = Client()
    response = client.post(
        reverse("login"), {"username": learner.username, "password": "a-long-test-password-1"}
    )
    assert response.status_code == 302
    redis_cache.stop()
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.wsgi_request.user == learner


def test_recovery_is_logged_and_the_shared_cache_is_used_again(redis_cache, caplog):
    redis_cache.stop()
    assert cache.get("anything", "missing") == "missing"
    redis_cache.start()
    caplog.clear()
    with caplog.at_level(logging.INFO, logger=CACHE_LOGGER):
        cache.set("after-outage", 1)
    assert redis.Redis(port=redis_cache.port).exists(":1:after-outage") == 1
    messages = [r.getMessage() for r in caplog.records if r.name == CACHE_LOGGER]
    assert len(messages) == 1
    assert messages[0].startswith("Redis cache reachable again")
