"""The debt toolkit's personal records: one budget, the debts, the collection-contact log.

Each row belongs to exactly one learner: an account (``user``) or an anonymous visitor
(``session_key`` holds the learner token that ``progress.learners.Learner`` keeps in
the session). ``owned_by`` is the only way views reach them, so nobody else's rows can
ever be found. Reviewers never see these tables: what reaches them is only what the
learner puts into a request (the form can be prefilled from the plan; the learner
reads it and ticks the consent box, whose time the request records).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(0)]}
MAX_DEBTS = 30
MAX_LOG_ENTRIES = 500

# Monthly budget lines, in the order the form and the statement show them.
SPENDING_LINES = (
    ("rent", _("Rent or mortgage")),
    ("utilities", _("Water, power and gas")),
    ("food", _("Food and household")),
    ("transport", _("Transport")),
    ("children", _("Children and schooling")),
    ("medical", _("Medical")),
    ("phone", _("Phone and internet")),
    ("insurance", _("Insurance")),
    ("parents", _("Support for parents")),
    ("other", _("Other essentials")),
)


class OwnedQuerySet(models.QuerySet):
    def owned_by(self, learner) -> OwnedQuerySet:
        """Rows of this learner (``progress.learners.Learner``); none for nobody."""
        if learner is None:
            return self.none()
        return self.filter(learner.as_filter())


class Owned(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # NULL, not "", for account holders: the one-owner constraint and Learner.as_filter rely on it
    session_key = models.CharField(  # noqa: DJ001
        max_length=64, null=True, blank=True, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        abstract = True


def _one_owner(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(user__isnull=True, session_key__isnull=False)
        | Q(user__isnull=False, session_key__isnull=True),
        name=f"{name}_one_owner",
    )


class Budget(Owned):
    """A learner's monthly budget; every figure is per month, converted on entry."""

    income = models.DecimalField(**MONEY)
    rent = models.DecimalField(default=Decimal(0), **MONEY)
    utilities = models.DecimalField(default=Decimal(0), **MONEY)
    food = models.DecimalField(default=Decimal(0), **MONEY)
    transport = models.DecimalField(default=Decimal(0), **MONEY)
    children = models.DecimalField(default=Decimal(0), **MONEY)
    medical = models.DecimalField(default=Decimal(0), **MONEY)
    phone = models.DecimalField(default=Decimal(0), **MONEY)
    insurance = models.DecimalField(default=Decimal(0), **MONEY)
    parents = models.DecimalField(default=Decimal(0), **MONEY)
    other = models.DecimalField(default=Decimal(0), **MONEY)

    class Meta:
        constraints = [
            _one_owner("budget"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(user__isnull=False), name="budget_one_per_user"
            ),
            models.UniqueConstraint(
                fields=["session_key"],
                condition=Q(session_key__isnull=False),
                name="budget_one_per_visitor",
            ),
        ]

    def __str__(self) -> str:
        return f"budget {self.pk}"

    def lines(self) -> list[tuple[str, str, Decimal]]:
        return [(name, label, getattr(self, name)) for name, label in SPENDING_LINES]

    @property
    def essentials(self) -> Decimal:
        return sum((getattr(self, name) for name, _label in SPENDING_LINES), Decimal("0.00"))

    @property
    def left_over(self) -> Decimal:
        return self.income - self.essentials


class DebtProduct(models.TextChoices):
    CREDIT_CARD = "credit_card", _("Credit card")
    CONSUMER_LOAN = "consumer_loan", _("Consumer-finance loan")
    ONLINE_LOAN = "online_loan", _("Online loan")
    BANK_LOAN = "bank_loan", _("Bank loan")
    MORTGAGE_CAR = "mortgage_car", _("Mortgage or car loan")
    PRIVATE_LOAN = "private_loan", _("Private loan")
    OTHER = "other", _("Other")


class Priority(models.TextChoices):
    """Debts paid before any other lender, and why (Standard Financial Statement order)."""

    NONE = "", _("No, an ordinary debt")
    HOME = "home", _("Rent or mortgage on my home")
    UTILITIES = "utilities", _("Water, power or gas arrears")
    COURT = "court", _("A court order or judgment")
    SECURED = "secured", _("Secured on my car or other property")


PRIORITY_WHY = {
    Priority.HOME: _("Falling behind can cost you your home."),
    Priority.UTILITIES: _("Falling behind can cut off water, power or gas."),
    Priority.COURT: _("A court can enforce its order against your income or property."),
    Priority.SECURED: _("The lender can take the property the loan is secured on."),
}


class Debt(Owned):
    lender = models.CharField(max_length=120)
    product = models.CharField(max_length=20, choices=DebtProduct.choices)
    balance = models.DecimalField(**MONEY)
    annual_rate = models.DecimalField(  # a percent, as printed on statements
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    monthly_payment = models.DecimalField(**MONEY)
    days_overdue = models.PositiveIntegerField(default=0)
    secured = models.BooleanField(default=False)
    priority = models.CharField(max_length=12, choices=Priority.choices, blank=True, default="")

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [_one_owner("debt")]

    def __str__(self) -> str:
        return self.lender

    @property
    def priority_reason(self) -> str:
        """Why this debt comes first, or "" for an ordinary debt."""
        if self.priority:
            return self.priority
        if self.secured:
            return Priority.SECURED
        return Priority.HOME if self.product == DebtProduct.MORTGAGE_CAR else ""

    @property
    def is_priority(self) -> bool:
        return bool(self.priority_reason)

    def why_priority(self) -> str:
        return str(PRIORITY_WHY.get(self.priority_reason, ""))


class ContactEntry(Owned):
    """One collection call or message, written down as evidence."""

    occurred_at = models.DateTimeField(default=timezone.now)
    number = models.CharField(max_length=40, blank=True)
    caller = models.CharField(max_length=120, blank=True)
    said = models.TextField(max_length=2000, blank=True)
    third_parties = models.BooleanField(default=False)
    threats = models.BooleanField(default=False)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        constraints = [_one_owner("contactentry")]

    def __str__(self) -> str:
        return f"contact {self.occurred_at:%Y-%m-%d %H:%M}"
