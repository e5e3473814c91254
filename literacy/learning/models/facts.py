"""The register of facts in the database, and the checks that keep translations in step.

``Fact`` mirrors one entry of ``lessons/facts.yaml`` (see
``literacy.learning.content.fact_register``); ``lessons`` are the lessons whose
current revision cites it (directly or through a fact derived from it).
``TranslationCheck`` records an educator's explicit "this translation is in step".
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from literacy.learning.content.fact_register import UNITS, FactEntry, plain_number
from literacy.learning.models.content import Lesson, Revision


class Fact(models.Model):
    key = models.CharField(max_length=40, unique=True)
    label_en = models.CharField(_("Name in English"), max_length=200)
    label_zh = models.CharField(_("Name in Chinese"), max_length=200)
    value = models.CharField(_("Value"), max_length=100, blank=True)
    unit = models.CharField(_("Unit"), max_length=10, choices=[(u, u) for u in UNITS])
    base = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="derived"
    )
    times = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True)
    as_of = models.DateField(_("In force from"), null=True, blank=True)
    source = models.CharField(_("Source"), max_length=300)
    url = models.URLField(_("Source address"), max_length=500)
    checked_on = models.DateField(_("Checked on"))
    # When the value last changed (not merely re-checked): lessons last revised
    # before it may say something the register no longer does.
    value_changed_at = models.DateTimeField(null=True, blank=True)
    lessons = models.ManyToManyField(Lesson, blank=True, related_name="facts")

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key

    def label(self, language: str) -> str:
        return self.label_zh if language.startswith("zh") else self.label_en

    def entry(self, base_key: str = "") -> FactEntry:
        return FactEntry(
            key=self.key,
            label_en=self.label_en,
            label_zh=self.label_zh,
            unit=self.unit,
            source=self.source,
            url=self.url,
            checked=self.checked_on,
            value=self.value,
            as_of=self.as_of,
            of=base_key,
            times=plain_number(self.times) if self.times is not None else None,
        )


class TranslationCheck(models.Model):
    """An educator's word that ``lesson`` is in step with its translations again."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="translation_checks")
    against = models.ForeignKey(
        Revision, on_delete=models.SET_NULL, null=True, related_name="+",
        help_text=_("The other language's revision it was compared with."),
    )  # fmt: skip
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    checked_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=300)

    class Meta:
        ordering = ["-checked_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.lesson} in step ({self.checked_at:%Y-%m-%d})"
