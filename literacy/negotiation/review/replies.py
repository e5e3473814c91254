"""Reply templates: saved replies in both languages, filled for one request when inserted.

Placeholders are ``{reference}``, ``{name}``, ``{lender}``, ``{balance}``,
``{monthly_payment}``, ``{offer_payment}`` and ``{offer_months}``. Every create,
edit and retirement is a ``ReplyTemplateChange`` (who, when, the text as saved);
templates are never deleted.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from literacy.negotiation.models import NegotiationRequest, ReplyTemplate, ReplyTemplateChange

# A placeholder is a short word in braces; the bounded, unnested pattern cannot backtrack badly.
PLACEHOLDER = re.compile(r"\{([a-z_]{1,30})\}")
TEXT_FIELDS = ("title_zh_hans", "title_en", "body_zh_hans", "body_en")


class StaleTemplate(Exception):
    """The template changed since the reviewer opened it."""


def _yuan(amount: Decimal | None) -> str:
    """Rounded to the fen as stored; shown as on the rest of the site, e.g. "¥24,000.00"."""
    return "" if amount is None else f"¥{amount:,.2f}"


def placeholder_values(case: NegotiationRequest) -> dict[str, str]:
    return {
        "reference": case.reference,
        "name": case.name,
        "lender": case.lender,
        "balance": _yuan(case.balance),
        "monthly_payment": _yuan(case.monthly_payment),
        "offer_payment": _yuan(case.offer_payment),
        "offer_months": "" if case.offer_months is None else str(case.offer_months),
    }


PLACEHOLDERS = tuple(placeholder_values(NegotiationRequest(reference="")).keys())


def unknown_placeholders(text: str) -> list[str]:
    return sorted({name for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS})


def fill(template: ReplyTemplate, case: NegotiationRequest) -> str:
    """The template's text in the request's language with its placeholders filled."""
    values = placeholder_values(case)
    return PLACEHOLDER.sub(
        lambda found: values.get(found[1], found[0]), template.body_in(case.language)
    )


def _log(template: ReplyTemplate, action: str, actor: AbstractBaseUser) -> None:
    ReplyTemplateChange.objects.create(
        template=template,
        action=action,
        actor=actor,
        **{name: getattr(template, name) for name in TEXT_FIELDS},
    )


def create_template(*, actor: AbstractBaseUser, **texts: str) -> ReplyTemplate:
    with transaction.atomic():
        template = ReplyTemplate.objects.create(**texts)
        _log(template, ReplyTemplateChange.Action.CREATED, actor)
    return template


def _locked(template: ReplyTemplate, expected_version: int) -> ReplyTemplate:
    locked = ReplyTemplate.objects.select_for_update().get(pk=template.pk)
    if locked.version != expected_version:
        raise StaleTemplate
    return locked


def edit_template(
    *, template: ReplyTemplate, actor: AbstractBaseUser, expected_version: int, **texts: str
) -> ReplyTemplate:
    with transaction.atomic():
        locked = _locked(template, expected_version)
        for name, value in texts.items():
            setattr(locked, name, value)
        locked.version += 1
        locked.save()
        _log(locked, ReplyTemplateChange.Action.EDITED, actor)
    return locked


def retire_template(
    *, template: ReplyTemplate, actor: AbstractBaseUser, expected_version: int
) -> ReplyTemplate:
    with transaction.atomic():
        locked = _locked(template, expected_version)
        if locked.retired_at is None:
            locked.retired_at = timezone.now()
            locked.version += 1
            locked.save()
            _log(locked, ReplyTemplateChange.Action.RETIRED, actor)
    return locked
