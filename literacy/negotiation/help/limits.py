"""Rate limits that count what matters and say how long to wait.

django-ratelimit's decorators count every POST, so a learner who corrects a few
mistakes on a shared Wi-Fi was locked out with their typing lost. Here a view
asks first (``Limit.wait_seconds``, which counts nothing) and counts only what
should count (``Limit.count``): an accepted request, an obvious bot, a look-up.

Limits keyed on something a stranger can type (a reference code, an e-mail
address) use short windows, so nobody can lock the real learner out for long.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage


@dataclass(frozen=True)
class Limit:
    group: str
    rate: str  # django-ratelimit's "count/period", e.g. "10/h", "5/15m"
    key: str = "ip"  # "ip", or "value": the ``value`` passed to the methods

    def _usage(self, request: HttpRequest, value: str, increment: bool) -> dict | None:
        key = self.key
        if key == "value":
            # a digest, so that cache keys hold no e-mail address or phone number
            digest = hashlib.sha256(value.encode("utf-8")).hexdigest()
            key = lambda group, request: digest  # noqa: E731
        return get_usage(request, group=self.group, key=key, rate=self.rate, increment=increment)

    def wait_seconds(self, request: HttpRequest, value: str = "") -> int:
        """Seconds until the next attempt is allowed; 0 when it is allowed now."""
        usage = self._usage(request, value, increment=False)
        if usage is None or usage["count"] < usage["limit"]:
            return 0
        return max(usage["time_left"], 1)

    def count(self, request: HttpRequest, value: str = "") -> None:
        self._usage(request, value, increment=True)


def wait_in_words(seconds: int) -> str:
    """ "about 12 minutes" / "about 1 hour", rounded up, in the active language."""
    minutes = max(1, math.ceil(seconds / 60))
    if minutes < 90:
        return ngettext("about %(n)d minute", "about %(n)d minutes", minutes) % {"n": minutes}
    hours = math.ceil(minutes / 60)
    return ngettext("about %(n)d hour", "about %(n)d hours", hours) % {"n": hours}
