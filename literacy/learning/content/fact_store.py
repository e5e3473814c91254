"""Reading the register of facts from the database: for the pipeline and for calculators.

A calculator takes a default from here inside its form's ``clean``, only when the
learner left the input empty and the chosen product reads it, so a changed fact
changes the next answer at once and a form that does not need it never queries::

    from literacy.learning.content import fact_store

    lpr = fact_store.dated("lpr_1y")   # DatedValue(Decimal("3.0"), date(2025, 5, 20))
    fact_store.value("lpr_1y")          # Decimal("3.0"): percents as percents, like the forms

One query per call (the register is a few dozen rows), never cached across
requests: the register changes rarely, but a stale default would be wrong. What
caches an answer that used the register keys it on ``version()`` as well.
"""

import datetime
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from literacy.learning.content.fact_register import (
    FACTS_FILE,
    Register,
    plain_number,
    read_register,
)
from literacy.learning.models import Fact

VERSION_KEY = "facts:version"


def current_register() -> Register:
    """Every fact in the database, derived ones resolved against their bases."""
    facts = list(Fact.objects.select_related("base"))
    return Register({fact.key: fact.entry(fact.base.key if fact.base else "") for fact in facts})


def value(key: str) -> Decimal:
    """A numeric fact's current value (a percent fact as a percent: 3.0 for 3.0 %).

    Raises ``Fact.DoesNotExist`` for an unknown key: a calculator that names a
    fact the register lacks is a programming error, not a learner's problem."""
    fact = Fact.objects.select_related("base").get(key=key)
    if fact.base is None:
        return Decimal(fact.value)
    return Decimal(fact.base.value) * plain_number(fact.times)


@dataclass(frozen=True)
class DatedValue:
    """A numeric fact as a calculator uses it: the value and the date it is in force from."""

    value: Decimal
    as_of: datetime.date | None


def dated(key: str) -> DatedValue:
    """A base fact's value and date: from the database's register, or from the register
    file shipped beside the lessons while the database has none (a site before its
    first ``load_lessons``), so a calculator never refuses a request for want of it."""
    fact = Fact.objects.filter(key=key, base=None).only("value", "as_of").first()
    if fact is not None:
        return DatedValue(Decimal(fact.value), fact.as_of)
    shipped = read_register(settings.BASE_DIR / "lessons" / FACTS_FILE)
    return DatedValue(Decimal(shipped.value(key)), shipped.as_of(key))


def version() -> str:
    """A token that changes whenever the register does (shared by every app server)."""
    return cache.get_or_set(VERSION_KEY, lambda: secrets.token_hex(8), None)


def changed() -> None:
    """The register changed: answers cached under the old version are not used again.
    Again after the commit, so no answer computed from the old rows meanwhile stays."""
    cache.delete(VERSION_KEY)
    transaction.on_commit(lambda: cache.delete(VERSION_KEY))
