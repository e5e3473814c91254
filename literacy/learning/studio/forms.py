"""Forms of the educators' studio: they parse and validate; ``studio`` decides."""

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from literacy.learning.content.bounds import MAX_SOURCE_CHARS
from literacy.learning.content.front_matter import SLUG_RE, AuthoringError
from literacy.learning.models import Course, Lesson, Revision
from literacy.learning.studio import services as studio

# A slug becomes a URL segment and a file name on export: letters, digits and
# single hyphens only, so no "..", "/" or "\" can ever reach a path.
slug_validator = RegexValidator(
    SLUG_RE, _("Use lowercase letters, digits and single hyphens only, like 'true-cost'.")
)


def _source_field() -> forms.CharField:
    return forms.CharField(
        label=_("Lesson source"),
        strip=False,
        max_length=MAX_SOURCE_CHARS,
        help_text=_(
            "Front matter between '---' lines, then markdown. Tab moves to the next "
            "field; indent with spaces."
        ),
        widget=forms.Textarea(
            attrs={
                "rows": 28,
                "class": "source-editor",
                "spellcheck": "false",
                "autocapitalize": "off",
            }
        ),
    )


def _note_field() -> forms.CharField:
    return forms.CharField(
        label=_("Note for the history"),
        required=False,
        max_length=200,
        help_text=_("What changed and why, in a few words."),
    )


def _line_message(error: AuthoringError) -> str:
    return _("Line %(line)d: %(message)s") % {"line": error.line, "message": error.message}


class PreviewForm(forms.Form):
    """What the live preview posts: the source, and the lesson's language, given
    directly (editing) or through the chosen or new course (a new lesson)."""

    source = forms.CharField(strip=False, required=False, max_length=MAX_SOURCE_CHARS)
    language = forms.ChoiceField(choices=settings.LANGUAGES, required=False)
    course = forms.ModelChoiceField(queryset=Course.objects.all(), required=False)
    new_course_language = forms.ChoiceField(choices=settings.LANGUAGES, required=False)

    def language_code(self, default: str) -> str:
        data = self.cleaned_data
        if data.get("course"):
            return data["course"].language
        return data.get("language") or data.get("new_course_language") or default


class LessonSourceForm(forms.Form):
    source = _source_field()
    note = _note_field()
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    conflict: Lesson | None = None

    def save(self, *, lesson: Lesson, author) -> Revision | None:
        """Save the text as a new revision (None when unchanged). A stale save or
        authoring errors fill the form's errors instead; the educator's text stays."""
        data = self.cleaned_data
        try:
            return studio.save_source(
                lesson=lesson,
                source=data["source"],
                author=author,
                note=data["note"],
                version=data["version"],
            )
        except studio.StaleVersion as stale:
            self._rebase(stale.lesson)
            self.add_error(None, _("Your changes were not saved."))
        except studio.AuthoringProblems as problems:
            self.add_error(None, _("Not saved: fix the authoring errors first. Your text is kept."))
            for error in problems.errors:
                self.add_error("source", _line_message(error))
        return None

    def conflict_author(self) -> str:
        return studio.author_name(self.conflict.current_revision.author)

    def conflict_diff(self) -> list[studio.DiffLine]:
        """What the other educator saved, compared with this educator's text."""
        return studio.source_diff(
            self.conflict.current_revision.source, studio.normalise_source(self.data["source"])
        )

    def _rebase(self, lesson: Lesson) -> None:
        # Keep the educator's text but carry the lesson's new version, so that
        # saving again (replacing the other save, which stays in the history) is a
        # deliberate choice made after seeing the difference.
        self.conflict = lesson
        self.data = self.data.copy()
        self.data["version"] = lesson.version


class RestoreForm(forms.Form):
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    # A published lesson is restored only from the confirmation page.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class NewLessonForm(forms.Form):
    course = forms.ModelChoiceField(
        queryset=Course.objects.order_by("language", "order", "slug"),
        required=False,
        label=_("Course"),
        empty_label=_("A new course (fill in below)"),
    )
    new_course_language = forms.ChoiceField(
        label=_("New course: language"), choices=settings.LANGUAGES, required=False
    )
    new_course_slug = forms.CharField(
        label=_("New course: web address (slug)"),
        max_length=80,
        required=False,
        validators=[slug_validator],
    )
    new_course_title = forms.CharField(label=_("New course: title"), max_length=200, required=False)
    new_course_summary = forms.CharField(
        label=_("New course: summary"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    slug = forms.CharField(
        label=_("Lesson web address (slug)"),
        max_length=80,
        validators=[slug_validator],
        help_text=_(
            "The end of the lesson's address, and its file name without the number: "
            "'true-cost' for '02-true-cost.md'."
        ),
    )
    order = forms.IntegerField(
        label=_("Position in the course"), min_value=1, max_value=99, initial=1
    )
    source = _source_field()
    note = _note_field()

    def clean(self) -> dict:
        data = super().clean()
        if data.get("course") is None:
            for name in ("new_course_slug", "new_course_title", "new_course_summary"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Needed for a new course."))
            language, slug = data.get("new_course_language"), data.get("new_course_slug")
            if slug and Course.objects.filter(language=language, slug=slug).exists():
                self.add_error("new_course_slug", _("This course already exists: choose it above."))
        elif data.get("slug") and data["course"].lessons.filter(slug=data["slug"]).exists():
            self.add_error("slug", _("This course already has a lesson with this file name."))
        return data

    def language(self) -> str | None:
        """The new lesson's language, for the preview."""
        course = self.cleaned_data.get("course")
        return course.language if course else self.cleaned_data.get("new_course_language")

    def save(self, *, author) -> Lesson | None:
        """Create the course if asked, then the draft lesson; None, with the form's
        errors filled in, when the source has authoring errors."""
        data = self.cleaned_data
        try:
            with transaction.atomic():
                course = data["course"] or studio.create_course(
                    language=data["new_course_language"],
                    slug=data["new_course_slug"],
                    title=data["new_course_title"],
                    summary=data["new_course_summary"],
                )
                return studio.create_lesson(
                    course=course,
                    slug=data["slug"],
                    order=data["order"],
                    source=data["source"],
                    author=author,
                    note=data["note"],
                )
        except studio.AuthoringProblems as problems:
            for error in problems.errors:
                self.add_error("source", _line_message(error))
            return None
