"""Finding 1's rule outside the calculators (their parser is the registry's): every text
input of every form, fed strings that make backtracking regular expressions and
quadratic parsers explode, is answered within a generous ceiling. The pytest
timeout is the assertion; validity is not (most of these are rightly refused)."""

import importlib
import inspect

import pytest
from django import forms

from tests.factories import make_lesson, make_request, valid_post

pytestmark = [pytest.mark.django_db, pytest.mark.timeout(60)]

FORM_MODULES = [
    "literacy.accounts.forms",
    "literacy.learning.lessons.forms",
    "literacy.learning.studio.forms",
    "literacy.negotiation.help.forms",
    "literacy.negotiation.review.forms",
]


def pathological(length: int) -> dict[str, str]:
    def run(unit: str) -> str:
        return (unit * (length // len(unit) + 1))[:length]

    return {
        "spaces": run(" "),
        "digits": run("9"),
        "separators": run(",.-_ "),
        "digit-separators": run("1,"),
        "brackets": run("["),
        "open-tags": run("<a "),
        "fences": run("```\n"),
        "setext": run("a\n=\n"),
        "almost-email": run("a@"),
        "almost-url": run("http://"),
        "almost-phone": run("+1 (") + "x",
        "line-breaks": run("\r\n"),
        "alias": run("*a "),
        "nested": run("[(") + run(")]"),
    }


def text_fields(form_class: type[forms.BaseForm]) -> list[tuple[str, int]]:
    return [
        (name, field.max_length or 20_000)
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.HiddenInput)
    ]


def every_form() -> list[type[forms.BaseForm]]:
    found = []
    for module_name in FORM_MODULES:
        module = importlib.import_module(module_name)
        for _name, value in inspect.getmembers(module, inspect.isclass):
            ours = issubclass(value, forms.BaseForm) and value.__module__ == module_name
            if ours and text_fields(value):
                found.append(value)
    return found


FORMS = every_form()


def test_the_suite_reaches_the_forms_people_type_into():
    names = {form.__name__ for form in FORMS}
    assert {"RequestForm", "SignupForm", "ReplyForm", "NewLessonForm"} <= names


def builder(form_class, learner, educator):
    """Makes the form as its view does (some take the object they are about)."""
    signature = inspect.signature(form_class.__init__).parameters
    if "item" in signature:
        item = make_request()
        return lambda data: form_class(item, data=data)
    kwargs = {}
    if "lesson" in signature:
        kwargs["lesson"] = make_lesson(educator)
    if "user" in signature:
        kwargs["user"] = learner
    if "reviewers" in signature:
        kwargs["reviewers"] = []
    return lambda data: form_class(data=data, **kwargs)


@pytest.mark.parametrize("form_class", FORMS, ids=lambda form: form.__name__)
def test_every_text_input_answers_pathological_strings_promptly(form_class, learner, educator):
    build = builder(form_class, learner, educator)
    for name, length in text_fields(form_class):
        for attack in pathological(min(length, 20_000)).values():
            form = build({**valid_post(), name: attack})
            form.is_valid()
            assert isinstance(form.errors, dict)
