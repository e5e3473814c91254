import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.settings_env import load_settings

GOOD_KEY = "k" * 60


def test_debug_accepts_the_usual_spellings():
    assert load_settings(DEBUG="yes").DEBUG is True
    assert load_settings(DEBUG="0", SECRET_KEY=GOOD_KEY).DEBUG is False


@pytest.mark.parametrize("value", ["maybe", "2", "tru"])
def test_debug_rejects_nonsense(value):
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        load_settings(DEBUG=value)


def test_secret_key_is_required_without_debug():
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is required"):
        load_settings(DEBUG="0")


def test_short_secret_key_is_refused_in_production():
    with pytest.raises(ImproperlyConfigured, match="at least 50"):
        load_settings(DEBUG="0", SECRET_KEY="short")


def test_database_url_defaults_to_sqlite_file_in_the_project():
    module = load_settings(DEBUG="1")
    assert module.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert str(module.DATABASES["default"]["NAME"]).endswith("db.sqlite3")


def test_database_url_selects_postgresql():
    module = load_settings(DEBUG="1", DATABASE_URL="postgres://u:p@db.example:5432/literacy")
    db = module.DATABASES["default"]
    assert (db["ENGINE"], db["HOST"], db["NAME"]) == (
        "django.db.backends.postgresql",
        "db.example",
        "literacy",
    )


@pytest.mark.parametrize("url", ["mysql://x/y", "not a url", "http://example.org"])
def test_database_url_rejects_other_schemes(url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        load_settings(DEBUG="1", DATABASE_URL=url)


def test_redis_url_switches_cache_and_sessions_to_redis():
    module = load_settings(DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/0")
    assert (
        module.CACHES["default"]["BACKEND"] == "literacy.caching.redis_fallback.ResilientRedisCache"
    )
    assert module.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"


def test_redis_url_rejects_other_schemes():
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL"):
        load_settings(DEBUG="1", REDIS_URL="memcached://x")


@pytest.mark.parametrize("value", ["abc", "-1", "70000"])
def test_email_port_must_be_a_port_number(value):
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT"):
        load_settings(DEBUG="1", EMAIL_PORT=value)


def test_allowed_hosts_rejects_empty_items():
    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS"):
        load_settings(DEBUG="1", ALLOWED_HOSTS="example.org,,")


def test_contact_address_must_be_an_email():
    with pytest.raises(ImproperlyConfigured, match="ORGANISATION_EMAIL"):
        load_settings(DEBUG="1", ORGANISATION_EMAIL="nobody")


def test_production_defaults_are_secure():
    module = load_settings(DEBUG="0", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="example.org")
    assert module.SECURE_SSL_REDIRECT is True
    assert module.SECURE_HSTS_SECONDS >= 31536000
    assert module.SESSION_COOKIE_SECURE and module.CSRF_COOKIE_SECURE
    assert module.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")


def test_ssl_redirect_can_be_turned_off_behind_a_proxy_that_does_it():
    module = load_settings(DEBUG="0", SECRET_KEY=GOOD_KEY, SECURE_SSL_REDIRECT="off")
    assert module.SECURE_SSL_REDIRECT is False


def test_rate_limits_count_the_address_the_proxy_reports():
    assert load_settings(DEBUG="1").RATELIMIT_IP_META_KEY == "REMOTE_ADDR"
    module = load_settings(DEBUG="1", RATELIMIT_IP_META_KEY="HTTP_X_REAL_IP")
    assert module.RATELIMIT_IP_META_KEY == "HTTP_X_REAL_IP"


@pytest.mark.parametrize("value", ["X-Real-IP", "http_x_real_ip", "HTTP_X REAL"])
def test_rate_limit_address_header_must_be_a_meta_key(value):
    with pytest.raises(ImproperlyConfigured, match="RATELIMIT_IP_META_KEY"):
        load_settings(DEBUG="1", RATELIMIT_IP_META_KEY=value)


def test_site_url_is_required_in_production():
    with pytest.raises(ImproperlyConfigured, match="SITE_URL is required"):
        load_settings(DEBUG="0", SECRET_KEY=GOOD_KEY, SITE_URL="")


@pytest.mark.parametrize(
    "value",
    ["example.org", "ftp://example.org", "https://example.org/help", "https://u:p@example.org"],
)
def test_site_url_must_be_a_bare_http_origin(value):
    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        load_settings(DEBUG="0", SECRET_KEY=GOOD_KEY, SITE_URL=value)


def test_site_url_must_use_https_in_production():
    with pytest.raises(ImproperlyConfigured, match="https"):
        load_settings(DEBUG="0", SECRET_KEY=GOOD_KEY, SITE_URL="http://example.org")


def test_site_url_keeps_an_explicit_port_and_drops_a_trailing_slash():
    module = load_settings(DEBUG="0", SECRET_KEY=GOOD_KEY, SITE_URL="https://example.org:8443/")
    assert module.SITE_URL == "https://example.org:8443"
