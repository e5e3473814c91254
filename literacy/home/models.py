"""The site search index (see ``literacy.home.search``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexedText(models.Model):
    """Index terms (``analysis.terms`` joined by spaces) in three weighted fields.

    The databases index these columns: SQLite in an FTS5 table ``<table>_fts`` kept
    by triggers, PostgreSQL in a ``vector`` tsvector column with a GIN index (see
    ``search.backends``). Both are created by ``backends.install`` in a migration;
    a later migration that makes SQLite rebuild the table must call it again.
    """

    title_terms = models.TextField(blank=True)
    heading_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)

    class Meta:
        abstract = True


class SearchEntry(IndexedText):
    """One thing the site search can find: a lesson, glossary term, calculator or help page."""

    class Kind(models.TextChoices):
        LESSON = "lesson", _("Lessons")
        GLOSSARY = "glossary", _("Glossary")
        CALCULATOR = "calculator", _("Calculators")
        HELP = "help", _("Help")

    kind = models.CharField(max_length=12, choices=Kind.choices)
    key = models.CharField(max_length=120, help_text=_("What the entry is within its kind."))
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    title = models.CharField(max_length=200)
    url = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    text = models.TextField(blank=True, help_text=_("Plain text the matching passage comes from."))
    stamp = models.CharField(max_length=64, help_text=_("Fingerprint of the indexed version."))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "language", "key"], name="search_entry_unique_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.language}:{self.key}"


class SearchTerm(models.Model):
    """An English index term, for "did you mean" when a typed word finds nothing."""

    term = models.CharField(max_length=40, unique=True)
    # How many entries were indexed with the term (counted up as entries are written):
    # when several known words are one edit away, the commonest is meant.
    frequency = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.term
