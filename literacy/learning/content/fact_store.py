"""Reading the register of facts from the database: for the pipeline and for calculators.

Calculators take their defaults from here, at the moment a form is built, so a
changed fact changes the default at once::

    from literacy.learning.content import fact_store

    lpr = PercentField(..., default=fact_store.default("lpr_1y", Decimal("3.0")))
    fact_store.value("lpr_1y")   # Decimal("3.0"): percents as percents, like the forms

One query per call (the register is a few dozen rows), never cached across
requests: the register changes rarely, but a stale default would be wrong.
"""

from collections.abc import Callable
from decimal import Decimal

from literacy.learning.content.fact_register import Register, plain_number
from literacy.learning.models import Fact


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


def default(key: str, fallback: Decimal) -> Callable[[], Decimal]:
    """A callable for a form field's ``initial``/``default``: ``value(key)`` when called,
    ``fallback`` while the register lacks the fact (a site before its first load)."""

    def current() -> Decimal:
        try:
            return value(key)
        except Fact.DoesNotExist:
            return fallback

    return current
