from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from literacy.learning.models import Lesson, Question


class AnswerForm(forms.Form):
    """One attempt at one of a published lesson's knowledge checks.

    An unknown question or a choice that is not on the question is a forged
    request (``is_forged``); an empty choice is a learner who pressed the button
    too early and gets a friendly message.
    """

    question = forms.CharField(max_length=20)
    choice = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        error_messages={"invalid_choice": _("Choose one of the listed answers.")},
    )

    def __init__(self, *args, lesson: Lesson, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lesson = lesson
        key = self.data.get("question", "")
        self.found: Question | None = (
            Question.objects.current().filter(lesson=lesson, key=key).first()
        )
        count = len(self.found.choices) if self.found else 0
        self.fields["choice"].choices = [(str(n), str(n)) for n in range(1, count + 1)]

    def clean_question(self) -> Question:
        if self.found is None:
            raise ValidationError(_("This question is not part of the lesson."), code="unknown")
        return self.found

    def clean(self) -> dict:
        cleaned = super().clean()
        chosen = cleaned.get("choice") or []
        if self.found and not self.found.multiple and len(chosen) > 1:
            self.add_error(
                "choice", ValidationError(_("Choose one answer."), code="invalid_choice")
            )
        return cleaned

    @property
    def is_forged(self) -> bool:
        return self.has_error("question") or self.has_error("choice", code="invalid_choice")
