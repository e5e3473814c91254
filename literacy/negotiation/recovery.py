"""Finding a request again from its reference code and the contact given in it.

The answer never says whether a request exists: the view shows the same page
either way, and this module does the same work either way (one indexed look-up,
both comparisons, always in constant time). On a match, a request with an
e-mail address gets a fresh tracking link there (the old link stops working);
a phone-only request is marked for a reviewer to call back.
"""

from __future__ import annotations

import hmac
import re
import unicodedata

from literacy.negotiation import use_cases
from literacy.negotiation.models import REFERENCE_PREFIX, NegotiationRequest

_REFERENCE_CHARS = re.compile(r"[^0-9A-Z]")
_NOT_DIGIT = re.compile(r"\D")
MAX_CONTACT_LENGTH = 254


def normalise_reference(text: str) -> str:
    """ "xh 7k3m q9" or "XH7K3MQ9" -> "XH-7K3M-Q9"; anything else comes back as typed."""
    compact = _REFERENCE_CHARS.sub("", unicodedata.normalize("NFKC", text).upper())
    if len(compact) != 8 or not compact.startswith(REFERENCE_PREFIX):
        return compact[:12]
    return f"{compact[:2]}-{compact[2:6]}-{compact[6:]}"


def normalise_phone(text: str) -> str:
    """Digits only, without China's country code: "+86 138-0013-8000" -> "13800138000"."""
    digits = _NOT_DIGIT.sub("", unicodedata.normalize("NFKC", text))
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) - len(prefix) == 11:
            return digits[len(prefix) :]
    return digits


def normalise_email(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


def contact_matches(case: NegotiationRequest, contact: str) -> bool:
    """The typed contact is the request's e-mail (any case) or phone (digits only)."""
    email_given = normalise_email(contact)
    phone_given = normalise_phone(contact)
    email_ok = bool(case.email) and _same(normalise_email(case.email), email_given)
    phone_ok = (
        bool(case.phone)
        and len(phone_given) >= 5
        and _same(normalise_phone(case.phone), phone_given)
    )
    return email_ok or phone_ok


def find_and_follow_up(*, reference: str, contact: str) -> None:
    """On a match, send a new link (or ask for a call back). Returns nothing, on purpose."""
    found = (
        NegotiationRequest.objects.filter(
            reference=normalise_reference(reference), anonymised_at__isnull=True
        )
        .only("pk", "email", "phone", "language", "reference")
        .first()
    )
    decoy = NegotiationRequest(email="nobody@invalid", phone="0")
    matched = contact_matches(found or decoy, contact) and found is not None
    if not matched:
        return
    if found.email:
        use_cases.renew_tracking_link(case=found)
    else:
        use_cases.request_callback(case=found)
