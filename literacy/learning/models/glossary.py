"""The bilingual glossary: one term per language, paired by a shared slug."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override


class GlossaryTerm(models.Model):
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    slug = models.SlugField(
        max_length=80,
        help_text=_("The same in both languages: it pairs a term with its translation."),
    )
    term = models.CharField(_("term"), max_length=80)
    aliases = models.JSONField(
        _("other forms"), default=list, blank=True, help_text=_("Other spellings that link here.")
    )
    definition = models.TextField(_("definition"), max_length=2000)
    source = models.CharField(_("rule or source"), max_length=300, blank=True)
    source_date = models.DateField(_("date of the rule or source"), null=True, blank=True)
    calculators = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["language", "term"]
        constraints = [
            models.UniqueConstraint(fields=["language", "slug"], name="glossary_unique_slug")
        ]

    def __str__(self) -> str:
        return f"{self.term} ({self.language})"

    def get_absolute_url(self) -> str:
        with override(self.language):
            return reverse("glossary:term", kwargs={"slug": self.slug})

    @property
    def forms(self) -> list[str]:
        """Every text that links to this term: the term and its other forms."""
        return [self.term, *self.aliases]


class GlossaryChange(models.Model):
    """Who changed a term, when, and the fields as they were before."""

    term = models.ForeignKey(GlossaryTerm, on_delete=models.CASCADE, related_name="changes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=200, blank=True)
    before = models.JSONField(default=dict)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.term} @ {self.changed_at:%Y-%m-%d %H:%M}"
