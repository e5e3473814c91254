"""Negotiation requests and their append-only history.

A request moves through a guarded state machine (``NegotiationRequest.transition_to``);
every change is a ``RequestEvent`` that is never edited or deleted (the retention
command only blanks event bodies, see ``RequestEventQuerySet.strip_bodies``).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from literacy.finance.hardship.plan import HardshipPlan, hardship_plan

LEARNER = "learner"
SYSTEM = "system"

# Unambiguous when read aloud or copied by hand: no 0/O, 1/I/L, 2/Z, 5/S, 8/B.
REFERENCE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
REFERENCE_PREFIX = "XH"  # 协商 (xiéshāng), "negotiation"
TOKEN_BYTES = 32  # 256 bits


class InvalidTransition(Exception):
    """A status change the state machine does not allow from the current status."""

    def __init__(self, from_status: str, to_status: str, reason: str = "") -> None:
        self.from_status = from_status
        self.to_status = to_status
        super().__init__(reason or f"cannot move a request from {from_status} to {to_status}")


class Product(models.TextChoices):
    CREDIT_CARD = "credit_card", _("Credit card")
    CONSUMER_FINANCE = "consumer_finance", _("Consumer-finance loan")
    INSTALMENT_PURCHASE = "instalment_purchase", _("Instalment purchase")
    ONLINE_LOAN = "online_loan", _("Online loan")
    OTHER = "other", _("Other")


class Hardship(models.TextChoices):
    JOB_LOSS = "job_loss", _("I lost my job")
    ILLNESS = "illness", _("Illness or injury")
    INCOME_DROP = "income_drop", _("My income dropped")
    FAMILY_EMERGENCY = "family_emergency", _("Family emergency")
    OTHER = "other", _("Something else")


class Ask(models.TextChoices):
    LONGER_TERM = "longer_term", _("A lower payment over a longer term")
    PAUSE = "pause", _("A pause of a few months")
    WAIVE_PENALTIES = "waive_penalties", _("Waive penalty interest and fees")
    CALMER_CONTACT = "calmer_contact", _("Calmer collection contact")
    COLLECTION_COMPLAINT = "collection_complaint", _("A complaint about collection practice")


class Urgency(models.TextChoices):
    """What makes a request urgent; each is a boolean column ``urgent_<value>`` (filterable)."""

    THREATS = "threats", _("Threats or harassment")
    HEALTH = "health", _("Health at risk")
    INCOME = "income", _("Loss of income")
    COURT = "court", _("Court action")


# Urgency.values rebuilds its list (and the lazy labels) on every access; the queue
# reads the flags of every row, so they are taken once here.
URGENCY_FLAGS = tuple(Urgency.values)
URGENCY_FIELDS = tuple(f"urgent_{flag}" for flag in URGENCY_FLAGS)


class ContactTime(models.TextChoices):
    ANY = "any", _("Any time")
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Evening")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    NEEDS_INFO = "needs_info", _("Needs information")
    PROPOSAL_SENT = "proposal_sent", _("Proposal sent")
    AGREED = "agreed", _("Agreed")
    DECLINED = "declined", _("Declined")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = frozenset(
    {Status.SUBMITTED, Status.IN_REVIEW, Status.NEEDS_INFO, Status.PROPOSAL_SENT}
)
# Statuses after which the learner may rate the outcome.
FINISHED_STATUSES = frozenset({Status.AGREED, Status.DECLINED, Status.CLOSED})
# The first of these a request reaches is its outcome (a closed, agreed request stays "agreed").
OUTCOME_STATUSES = frozenset({Status.AGREED, Status.DECLINED, Status.CLOSED, Status.WITHDRAWN})
# Requests in these statuses may be anonymised by the retention command.
RETIRED_STATUSES = frozenset({Status.CLOSED, Status.WITHDRAWN})

# What a queue row reads: the queue's covering indexes INCLUDE exactly these columns
# (minus their keys) and ``review.queue`` loads exactly these fields. One list, so the
# two cannot drift apart.
QUEUE_ROW_COLUMNS = (
    "reference",
    "version",
    "created_at",
    "due_at",
    "status",
    "language",
    "name",
    "lender",
    "product",
    "balance",
    "days_overdue",
    *URGENCY_FIELDS,
    "learner_replied_at",
    "callback_requested_at",
    "assignee",
)


def _covering(*keys: str) -> list[str]:
    return [column for column in QUEUE_ROW_COLUMNS if column not in keys]


# Reviewer moves. Withdrawal is the learner's own move, allowed from any open status.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.SUBMITTED: frozenset({Status.IN_REVIEW}),
    Status.IN_REVIEW: frozenset({Status.NEEDS_INFO, Status.PROPOSAL_SENT}),
    Status.NEEDS_INFO: frozenset({Status.IN_REVIEW}),
    Status.PROPOSAL_SENT: frozenset({Status.AGREED, Status.DECLINED}),
    Status.AGREED: frozenset({Status.CLOSED}),
    Status.DECLINED: frozenset({Status.CLOSED}),
    Status.CLOSED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}


def hash_token(token: str) -> str:
    """SHA-256 of a tracking token: only the hash is stored, so a leaked table leaks no links."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def new_reference() -> str:
    """A short code to quote on the phone, e.g. "XH-7K3M-Q9" (25^6 ≈ 2.4·10^8 codes)."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
    return f"{REFERENCE_PREFIX}-{chars[:4]}-{chars[4:]}"


class NegotiationRequestQuerySet(models.QuerySet):
    def for_user(self, user) -> NegotiationRequestQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user).order_by("-created_at")

    def retired_before(self, cutoff) -> NegotiationRequestQuerySet:
        """Closed or withdrawn, last changed before ``cutoff``, not yet anonymised."""
        return self.filter(
            status__in=RETIRED_STATUSES, updated_at__lt=cutoff, anonymised_at__isnull=True
        )

    def by_token(self, token: str) -> NegotiationRequest | None:
        """The request whose tracking token is ``token``, or None.

        The lookup is by hash (an index lookup reveals nothing about the secret);
        the stored hash is then compared in constant time.
        """
        digest = hash_token(token)
        found = self.filter(token_hash=digest).first()
        expected = found.token_hash if found else hash_token(new_token())
        if hmac.compare_digest(expected, digest) and found is not None:
            return found
        return None


class NegotiationRequest(models.Model):
    reference = models.CharField(_("reference"), max_length=12, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    submission_nonce = models.CharField(max_length=64, unique=True, editable=False)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="negotiation_requests",
    )

    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_time = models.CharField(
        _("preferred contact time"), max_length=12, choices=ContactTime, default=ContactTime.ANY
    )

    lender = models.CharField(_("lender"), max_length=120)
    product = models.CharField(_("product"), max_length=24, choices=Product)
    balance = models.DecimalField(_("outstanding balance"), max_digits=12, decimal_places=2)
    monthly_payment = models.DecimalField(_("monthly payment"), max_digits=12, decimal_places=2)
    annual_rate = models.DecimalField(
        _("annual rate (%)"), max_digits=7, decimal_places=4, null=True, blank=True
    )
    days_overdue = models.PositiveIntegerField(_("days overdue"), default=0)

    hardship = models.CharField(_("why you are struggling"), max_length=20, choices=Hardship)
    story = models.TextField(_("your story"), max_length=10_000, blank=True)
    asks = models.JSONField(_("what you ask for"), default=list)
    requested_months = models.PositiveSmallIntegerField(
        _("requested term (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )

    income = models.DecimalField(_("income"), max_digits=12, decimal_places=2, default=0)
    housing = models.DecimalField(_("housing"), max_digits=12, decimal_places=2, default=0)
    food = models.DecimalField(_("food"), max_digits=12, decimal_places=2, default=0)
    transport = models.DecimalField(_("transport"), max_digits=12, decimal_places=2, default=0)
    family = models.DecimalField(_("family"), max_digits=12, decimal_places=2, default=0)
    health = models.DecimalField(_("health"), max_digits=12, decimal_places=2, default=0)
    other_debts = models.DecimalField(_("other debts"), max_digits=12, decimal_places=2, default=0)
    affordable_payment = models.DecimalField(
        _("affordable payment"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    offer_payment = models.DecimalField(
        _("offered payment"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    offer_months = models.PositiveIntegerField(_("months at the offer"), null=True, blank=True)

    consent = models.BooleanField(_("consent"), default=False)
    consented_at = models.DateTimeField(null=True, blank=True)

    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.SUBMITTED)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_negotiation_requests",
    )
    version = models.PositiveIntegerField(default=1)

    urgent_threats = models.BooleanField(_("threats or harassment"), default=False)
    urgent_health = models.BooleanField(_("health at risk"), default=False)
    urgent_income = models.BooleanField(_("loss of income"), default=False)
    urgent_court = models.BooleanField(_("court action"), default=False)
    # The review clock: since when the learner has waited for the reviewers, and the
    # time a reviewer's answer is due (``literacy.negotiation.clocks``); both null while
    # nothing is owed to the learner.
    awaiting_since = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    first_response_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Status, blank=True)

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    # Set when the learner writes, cleared when a reviewer writes back: the queue's
    # "learner replied" mark and its "waiting for us" filter.
    learner_replied_at = models.DateTimeField(_("learner replied"), null=True, blank=True)
    # A phone-only learner asked (on the find page) to be called back; cleared by
    # the reviewer's next note or message.
    callback_requested_at = models.DateTimeField(_("call back requested"), null=True, blank=True)

    feedback_rating = models.PositiveSmallIntegerField(
        _("rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    feedback_comment = models.TextField(_("feedback"), max_length=2000, blank=True)
    feedback_at = models.DateTimeField(null=True, blank=True)

    objects = NegotiationRequestQuerySet.as_manager()

    # Blanked by the retention command; amounts, choices and status stay for statistics.
    PERSONAL_FIELDS = ("name", "email", "phone", "lender", "story", "feedback_comment")

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="negotiation_status_age"),
            models.Index(fields=["created_at"], name="negotiation_age"),
            models.Index(fields=["language", "created_at"], name="negotiation_language_age"),
            models.Index(fields=["product", "created_at"], name="negotiation_product_age"),
            models.Index(fields=["assignee", "created_at"], name="negotiation_assignee_age"),
            # The review queue's pages of open requests, by due time or age, covering a
            # queue row (why and what they measure: bench/bench_queue.py). SQLite ignores
            # INCLUDE (warning models.W040 under migrate).
            models.Index(
                fields=["created_at", "id"],
                include=_covering("created_at"),
                condition=models.Q(status__in=sorted(OPEN_STATUSES)),
                name="negotiation_open_age",
            ),
            # ASC puts NULLs last in PostgreSQL, as ``queue()`` orders: nothing owed, last.
            models.Index(
                fields=["due_at", "created_at", "id"],
                include=_covering("due_at", "created_at"),
                condition=models.Q(status__in=sorted(OPEN_STATUSES)),
                name="negotiation_open_due",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(feedback_rating__isnull=True)
                | models.Q(feedback_rating__gte=1, feedback_rating__lte=5),
                name="negotiation_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(requested_months__isnull=True)
                | models.Q(requested_months__gte=1, requested_months__lte=60),
                name="negotiation_requested_months_1_to_60",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES

    @property
    def can_leave_feedback(self) -> bool:
        return self.is_finished and self.feedback_rating is None

    @property
    def urgency(self) -> list[str]:
        """The urgency flags that are set, in ``Urgency`` order."""
        return [
            flag
            for flag, field in zip(URGENCY_FLAGS, URGENCY_FIELDS, strict=True)
            if getattr(self, field)
        ]

    @property
    def urgency_labels(self) -> list[str]:
        return [Urgency(flag).label for flag in self.urgency]

    @property
    def is_urgent(self) -> bool:
        return bool(self.urgency)

    def set_urgency(self, flags) -> None:
        for flag in Urgency.values:
            setattr(self, f"urgent_{flag}", flag in flags)

    def is_overdue(self, now=None) -> bool:
        return self.due_at is not None and self.due_at < (now or timezone.now())

    @property
    def ask_labels(self) -> list[str]:
        return [Ask(value).label for value in self.asks if value in Ask.values]

    @property
    def ask_choices(self) -> list[tuple[str, str]]:
        """(value, label) of each ask, in the order the form lists them."""
        return [(value, Ask(value).label) for value in Ask.values if value in self.asks]

    @property
    def essentials(self):
        return (
            self.housing + self.food + self.transport + self.family + self.health + self.other_debts
        )

    @cached_property
    def plan(self) -> HardshipPlan:
        """The one set of figures the letter, the learner's pages and the reviewer show."""
        return hardship_plan(
            balance=self.balance,
            current_payment=self.monthly_payment,
            income=self.income,
            essentials=self.essentials,
            offer=self.offer_payment,
            annual_rate_percent=self.annual_rate,
            asks=tuple(self.asks),
            requested_months=self.requested_months,
        )

    def allowed_transitions(self, *, by_learner: bool = False) -> frozenset[str]:
        if by_learner:
            return frozenset({Status.WITHDRAWN}) if self.is_open else frozenset()
        return TRANSITIONS[self.status]

    def transition_to(self, new_status: str, *, actor) -> str:
        """Move to ``new_status`` if the state machine allows it; returns the old status.

        ``actor`` is the reviewer (a user) or ``LEARNER``: reviewers move along
        ``TRANSITIONS``; only the learner withdraws, from any open status.
        Raises ``InvalidTransition`` otherwise. The caller saves and records the event.
        """
        old = self.status
        if new_status not in self.allowed_transitions(by_learner=actor == LEARNER):
            raise InvalidTransition(old, new_status)
        self.status = new_status
        if new_status in FINISHED_STATUSES | {Status.WITHDRAWN} and self.closed_at is None:
            self.closed_at = timezone.now()
        if new_status in OUTCOME_STATUSES and not self.outcome:
            self.outcome = new_status
        self.version += 1
        return old
