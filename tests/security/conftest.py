"""A small but complete site for the attack suite, and every route the resolver knows."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from literacy.accounts.roles import EDUCATORS, REVIEWERS
from literacy.learning.content.lesson_files import load_read_folder, read_facts, read_folder
from literacy.learning.models import GlossaryTerm, Lesson
from literacy.learning.progress.reminders import unsubscribe_token
from tests.conftest import role_group
from tests.factories import (
    learner_submits,
    make_contact,
    make_debt,
    make_template,
    write_facts,
    write_folder,
)

PASSWORD = "a-long-test-password-1"


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    kwarg_names: tuple[str, ...]

    def url(self, values: dict[str, object], language: str = "en") -> str:
        """This route's URL with ``values``; "1" (valid for every converter) elsewhere."""
        kwargs = {k: values.get(f"{self.name}.{k}", values.get(k, "1")) for k in self.kwarg_names}
        with translation.override(language):
            return reverse(self.name, kwargs=kwargs)


def _walk(patterns, namespace: str = "", kwargs: tuple[str, ...] = ()):
    for entry in patterns:
        found = tuple(entry.pattern.converters) if hasattr(entry.pattern, "converters") else ()
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner, kwargs + found)
        elif isinstance(entry, URLPattern) and entry.name:
            yield Route(f"{namespace}{entry.name}", kwargs + found)


def site_routes() -> list[Route]:
    """Every named route of the site (Django's admin and auth views excepted)."""
    return [r for r in _walk(get_resolver().url_patterns) if not r.name.startswith("admin:")]


@dataclass
class Site:
    learner: User
    outsider: User
    educator: User
    reviewer: User
    kwargs: dict[str, object]  # a real value for every URL keyword
    lesson: Lesson

    def url(self, route: Route, language: str = "en") -> str:
        return route.url(self.kwargs, language)


@pytest.fixture(scope="session")
def site_lessons(tmp_path_factory) -> dict:
    """The site's lesson folder with a register of facts (so the studio's fact pages
    exist), read and rendered once for the whole attack suite."""
    root = write_folder(tmp_path_factory.mktemp("site") / "lessons")
    write_facts(root)
    facts, fact_errors = read_facts(root)
    courses, errors = read_folder(root, facts)
    return {"courses": courses, "errors": fact_errors + errors, "facts": facts, "root": root}


@pytest.fixture
def site(db, site_lessons) -> Site:
    def user(name: str, *roles: str) -> User:
        account = User.objects.create_user(username=name, password=PASSWORD)
        for role in roles:
            account.groups.add(role_group(role))
        return account

    report = load_read_folder(
        site_lessons["courses"],
        site_lessons["errors"],
        facts=site_lessons["facts"],
        root=site_lessons["root"],
    )
    assert report.errors == []
    GlossaryTerm.objects.create(
        language="en", slug="late-fee", term="late fee", definition="A fee."
    )
    lesson = Lesson.objects.filter(language="en").select_related("course").first()
    learner = user("owner")
    request, token = learner_submits(user=learner)
    template = make_template()
    debt = make_debt(user=learner, lender="王小明")  # the debt toolkit's own records
    contact = make_contact(user=learner, caller="王小明")
    return Site(
        learner=learner,
        outsider=user("outsider"),
        educator=user("teacher", EDUCATORS),
        reviewer=user("staff", REVIEWERS),
        lesson=lesson,
        kwargs={
            "course": lesson.course.slug,
            "slug": "late-fee",
            "lesson": lesson.slug,
            "language": lesson.language,
            "revision": lesson.revisions.order_by("pk").first().pk,
            "token": token,
            "reference": request.reference,
            "progress:done.lesson": lesson.pk,
            "review:template_edit.pk": template.pk,
            "review:template_retire.pk": template.pk,
            "fact": "lpr_1y",
            "progress:unsubscribe.token": unsubscribe_token(learner.pk),
            "help:debt_edit.pk": debt.pk,
            "help:debt_delete.pk": debt.pk,
            "help:log_edit.pk": contact.pk,
            "help:log_delete.pk": contact.pk,
            "help:toolkit_letter.slug": "repayment-arrangement",
        },
    )
