"""The reviewers' side: the queue, counts per status, the CSV export and feedback per outcome.

Changes to a request go through the use cases in ``requests.py``; this module
only reads, and writes the export file (whose audit events ``record_export`` stores).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Avg, Count, F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from literacy.accounts.roles import REVIEWERS
from literacy.negotiation import use_cases
from literacy.negotiation.models import QUEUE_ROW_COLUMNS, ExportLog, NegotiationRequest, Status

# What a queue row shows; the 10,000-character story stays in the database. The
# queue's covering indexes INCLUDE the same ``QUEUE_ROW_COLUMNS``.
QUEUE_FIELDS = tuple(
    "assignee__username" if column == "assignee" else column for column in QUEUE_ROW_COLUMNS
)
# The default order: what is due first, then what owes nothing yet, oldest first
# (the negotiation_open_due index, whose ASC keeps NULLs last in PostgreSQL).
BY_DUE = (F("due_at").asc(nulls_last=True), "created_at", "id")
OLDEST_FIRST = ("created_at", "id")
# Cells a spreadsheet would run as a formula (OWASP "CSV injection"): an apostrophe
# before the trigger makes Excel, LibreOffice and Google Sheets show it as text. A
# trigger counts at the start of the cell and after anything a spreadsheet may split
# a cell on (its locale's separator , ; | or a tab or line break), spaces skipped.
FORMULA_TRIGGERS = frozenset("=+-@\t\r")
CELL_SPLITTERS = frozenset(",;|\t\r\n")
OUTCOMES = (Status.AGREED, Status.DECLINED, Status.CLOSED, Status.WITHDRAWN)
# Feedback groups smaller than this are not shown, so no rating can be tied to a learner.
MIN_FEEDBACK_GROUP = 5


def queue() -> QuerySet[NegotiationRequest]:
    """Every request, the first due first, with what a queue row needs in one query."""
    return (
        NegotiationRequest.objects.select_related("assignee").only(*QUEUE_FIELDS).order_by(*BY_DUE)
    )


def status_counts() -> list[tuple[str, str, int]]:
    """(status, label, count) for every status, in workflow order, from one query."""
    counted = dict(
        NegotiationRequest.objects.order_by()
        .values_list("status")
        .annotate(n=Count("*"))  # COUNT(*): an index-only scan; COUNT(id) reads the table
        .values_list("status", "n")
    )
    return [(status.value, status.label, counted.get(status.value, 0)) for status in Status]


def recent_exports(limit: int = 5) -> list[ExportLog]:
    """The latest exports, newest first, for the queue page (one query)."""
    return list(ExportLog.objects.latest_first()[:limit])


def reviewers() -> QuerySet:
    """Active members of the reviewers group, by name: who a request can be assigned to."""
    return (
        get_user_model()
        .objects.filter(groups__name=REVIEWERS, is_active=True)
        .order_by("username")
        .distinct()
    )


def neutralise(cell: object) -> str:
    """The cell as text a spreadsheet will not evaluate, however it splits it."""
    text = "" if cell is None else str(cell)
    out = []
    starts_cell = True
    for character in text:
        if starts_cell and character in FORMULA_TRIGGERS:
            out.append("'")
        out.append(character)
        if character in CELL_SPLITTERS:
            starts_cell = True
        elif character != " ":
            starts_cell = False
    return "".join(out)


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _export_row(item: NegotiationRequest) -> list[object]:
    return [
        item.reference,
        timezone.localtime(item.created_at).strftime("%Y-%m-%d %H:%M"),
        item.get_status_display(),
        item.get_language_display(),
        item.assignee.get_username() if item.assignee else "",
        item.name,
        item.email,
        item.phone,
        item.get_contact_time_display(),
        item.lender,
        item.get_product_display(),
        _money(item.balance),
        _money(item.monthly_payment),
        item.days_overdue,
        item.get_hardship_display(),
        "; ".join(str(label) for label in item.ask_labels),
        item.requested_months or "",
        _money(item.income),
        _money(item.essentials),
        _money(item.affordable_payment),
        _money(item.offer_payment),
        item.offer_months or "",
        item.story,
    ]


def _export_header() -> list[str]:
    return [
        _("Reference"),
        _("Received"),
        _("Status"),
        _("Language"),
        _("Assigned to"),
        _("Name"),
        _("Email"),
        _("Phone"),
        _("Preferred contact time"),
        _("Lender"),
        _("Product"),
        _("Outstanding balance"),
        _("Monthly payment"),
        _("Days overdue"),
        _("Hardship"),
        _("Asks"),
        _("Requested term (months)"),
        _("Monthly income"),
        _("Essential spending"),
        _("Affordable payment"),
        _("Offered payment"),
        _("Months at the offer"),
        _("Story"),
    ]


def export_csv(*, queryset: QuerySet[NegotiationRequest], actor, filters: str) -> tuple[bytes, int]:
    """The requests as CSV (UTF-8 with a BOM, so Excel reads Chinese), and how many.

    The export is logged (``ExportLog``: actor, time, ``filters``, row count, also
    when nothing matched) and every exported request gets an ``exported`` event.
    """
    # defer(None): the queue loads only a row's summary; the export needs every field.
    exported = list(queryset.defer(None).select_related("assignee").order_by("created_at", "id"))
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL)
    writer.writerow([neutralise(cell) for cell in _export_header()])
    for item in exported:
        writer.writerow([neutralise(cell) for cell in _export_row(item)])
    use_cases.record_export(requests=exported, actor=actor, filters=filters)
    return out.getvalue().encode("utf-8"), len(exported)


@dataclass(frozen=True)
class OutcomeFeedback:
    status: str
    label: str
    ratings: int
    average: Decimal | None  # None when there are too few ratings to show

    @property
    def hidden(self) -> bool:
        return self.ratings < MIN_FEEDBACK_GROUP


def feedback_by_outcome() -> list[OutcomeFeedback]:
    """Number of ratings and their average per final status, from one query.

    Groups with fewer than ``MIN_FEEDBACK_GROUP`` ratings keep their figures to
    themselves; no comment, name or reference leaves this function.
    """
    rows = {
        row["status"]: row
        for row in NegotiationRequest.objects.filter(
            status__in=OUTCOMES, feedback_rating__isnull=False
        )
        .order_by()
        .values("status")
        .annotate(ratings=Count("id"), average=Avg("feedback_rating"))
    }
    result = []
    for status in OUTCOMES:
        row = rows.get(status.value, {"ratings": 0, "average": None})
        shown = row["ratings"] >= MIN_FEEDBACK_GROUP
        average = Decimal(str(row["average"])).quantize(Decimal("0.1")) if shown else None
        result.append(OutcomeFeedback(status.value, status.label, row["ratings"], average))
    return result


__all__ = [
    "OutcomeFeedback",
    "export_csv",
    "feedback_by_outcome",
    "neutralise",
    "queue",
    "recent_exports",
    "reviewers",
    "status_counts",
]
