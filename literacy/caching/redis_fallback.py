"""A Redis cache that degrades to a per-process cache while Redis is unreachable or failing.

The site must keep serving when Redis stops: pages bypass the shared cache,
rate limits keep counting per process (weaker, but still a limit), and
``cached_db`` sessions fall through to the database. One warning is logged
when an outage starts and one info line when Redis is back, never one per
request. While Redis is down, one operation per ``retry_seconds`` tries it
again, so an unreachable host does not add a timeout to every request.
"""

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Every Redis failure, not only a lost connection: a full server under `noeviction`
# answers OutOfMemoryError, a read-only replica ReadOnlyError; the site serves on.
UNREACHABLE = (RedisError, OSError)


class ResilientRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS", {}))
        self.retry_seconds = float(options.pop("retry_seconds", 5.0))
        super().__init__(server, {**params, "OPTIONS": options})
        self._fallback = LocMemCache(
            f"redis-fallback-{id(self)}",
            {
                "TIMEOUT": params.get("TIMEOUT", 300),
                "KEY_PREFIX": params.get("KEY_PREFIX", ""),
                "VERSION": params.get("VERSION", 1),
                "OPTIONS": {"MAX_ENTRIES": 10_000},
            },
        )
        self._state = threading.Lock()
        self._down_since: float | None = None
        self._last_try = 0.0

    @property
    def degraded(self) -> bool:
        return self._down_since is not None

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        fallback: Callable[..., Any] = getattr(self._fallback, name)
        if self._down_since is not None and time.monotonic() - self._last_try < self.retry_seconds:
            return fallback(*args, **kwargs)
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except UNREACHABLE as error:
            self._went_down(error)
            return fallback(*args, **kwargs)
        if self._down_since is not None:
            self._came_back()
        return result

    def _went_down(self, error: Exception) -> None:
        with self._state:
            self._last_try = time.monotonic()
            if self._down_since is None:
                self._down_since = self._last_try
                logger.warning(
                    "Redis cache unreachable (%s); serving with a per-process cache "
                    "and per-process rate limits until it returns",
                    type(error).__name__,
                )

    def _came_back(self) -> None:
        with self._state:
            if self._down_since is None:
                return
            outage = time.monotonic() - self._down_since
            self._down_since = None
            logger.info("Redis cache reachable again after %.0f s", outage)

    def add(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> bool:
        return self._call("add", key, value, timeout, version=version)

    def get(self, key: str, default: Any = None, version: Any = None) -> Any:
        return self._call("get", key, default, version=version)

    def set(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> None:
        self._call("set", key, value, timeout, version=version)

    def touch(self, key: str, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        return self._call("touch", key, timeout, version=version)

    def delete(self, key: str, version: Any = None) -> bool:
        return self._call("delete", key, version=version)

    def get_many(self, keys: Any, version: Any = None) -> dict[str, Any]:
        return self._call("get_many", keys, version=version)

    def has_key(self, key: str, version: Any = None) -> bool:
        return self._call("has_key", key, version=version)

    def incr(self, key: str, delta: int = 1, version: Any = None) -> int:
        return self._call("incr", key, delta, version=version)

    def set_many(
        self, data: dict[str, Any], timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> list[str]:
        return self._call("set_many", data, timeout, version=version)

    def delete_many(self, keys: Any, version: Any = None) -> None:
        self._call("delete_many", keys, version=version)

    def clear(self) -> bool:
        return self._call("clear")
