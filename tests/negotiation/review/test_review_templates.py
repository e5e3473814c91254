"""Reply templates: filled in the request's language, managed with every change recorded."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from literacy.negotiation.models import AppendOnlyError, ReplyTemplate, ReplyTemplateChange
from literacy.negotiation.review.replies import fill
from tests.factories import make_request, make_template

pytestmark = pytest.mark.django_db

with translation.override("en"):
    LIST = reverse("review:templates")
    NEW = reverse("review:template_new")


def edit_url(template) -> str:
    with translation.override("en"):
        return reverse("review:template_edit", kwargs={"pk": template.pk})


def detail_url(case) -> str:
    with translation.override("en"):
        return reverse("review:detail", kwargs={"reference": case.reference})


def texts(**overrides) -> dict[str, str]:
    values = {
        "title_zh_hans": "需要收入证明",
        "title_en": "Proof of income",
        "body_zh_hans": "{name}你好，请提供收入证明（{reference}）。",
        "body_en": "Dear {name}, please send proof of income ({reference}).",
    }
    values.update(overrides)
    return values


def test_a_chinese_request_gets_the_chinese_text_filled():
    case = make_request(
        language="zh-hans", name="王小明", lender="招联金融", balance=Decimal("24000.00")
    )

    filled = fill(make_template(), case)

    assert filled == f"王小明你好：我们已收到你的申请 {case.reference}，欠招联金融¥24,000.00。"


def test_an_english_request_gets_the_english_text_filled():
    case = make_request(language="en", name="Jane Roe", lender="Card Co", balance=Decimal("1234.5"))

    filled = fill(make_template(), case)

    assert filled == f"Dear Jane Roe, we received {case.reference} about ¥1,234.50 owed to Card Co."


def test_amount_and_term_placeholders_are_filled():
    case = make_request(
        language="en",
        monthly_payment=Decimal("2100"),
        offer_payment=Decimal("1000.00"),
        offer_months=29,
    )
    template = make_template(body_en="{monthly_payment} now, {offer_payment} for {offer_months}")

    assert fill(template, case) == "¥2,100.00 now, ¥1,000.00 for 29"


def test_choosing_a_template_prefills_the_message_box(reviewer_client):
    case = make_request(language="en", name="Jane Roe")
    template = make_template()

    response = reviewer_client.get(detail_url(case), {"template": template.pk})

    assert response.context["message_form"].initial["body"].startswith("Dear Jane Roe,")
    assert "Dear Jane Roe, we received" in response.content.decode()


def test_a_retired_or_unknown_template_prefills_nothing(reviewer_client, reviewer):
    case = make_request(language="en")
    template = make_template()
    reviewer_client.post(
        reverse("review:template_retire", kwargs={"pk": template.pk}), {"version": 1}
    )

    for choice in (template.pk, "999", "x"):
        response = reviewer_client.get(detail_url(case), {"template": choice})
        assert response.status_code == 200
        assert not response.context["message_form"].initial


def test_a_reviewer_creates_a_template_and_the_creation_is_recorded(reviewer_client, reviewer):
    response = reviewer_client.post(NEW, texts())

    assert response.status_code == 302
    template = ReplyTemplate.objects.get()
    assert template.title_en == "Proof of income"
    change = template.changes.get()
    assert (change.action, change.actor, change.body_en) == (
        "created",
        reviewer,
        texts()["body_en"],
    )


def test_an_edit_is_recorded_with_the_new_text(reviewer_client, reviewer):
    template = make_template(actor=reviewer)

    reviewer_client.post(edit_url(template), {**texts(body_en="New {name}"), "version": 1})

    template.refresh_from_db()
    assert (template.body_en, template.version) == ("New {name}", 2)
    assert list(template.changes.values_list("action", "body_en")) == [
        ("edited", "New {name}"),
        ("created", "Dear {name}, we received {reference} about {balance} owed to {lender}."),
    ]


def test_an_edit_over_a_newer_version_is_refused(reviewer_client, reviewer):
    template = make_template(actor=reviewer)
    reviewer_client.post(edit_url(template), {**texts(body_en="First"), "version": 1})

    response = reviewer_client.post(edit_url(template), {**texts(body_en="Second"), "version": 1})

    template.refresh_from_db()
    assert template.body_en == "First"
    shown = [str(message) for message in response.wsgi_request._messages]
    assert any(text.startswith("Someone else changed this template") for text in shown)


def test_an_unknown_placeholder_is_refused_with_the_allowed_list(reviewer_client):
    response = reviewer_client.post(NEW, texts(body_zh_hans="{姓名} {nmae}"))

    assert response.status_code == 400
    assert not ReplyTemplate.objects.exists()
    errors = response.context["form"].errors["body_zh_hans"]
    assert errors[0].startswith("Unknown placeholder: {nmae}. Use only {reference}, {name},")


def test_retiring_hides_the_template_and_keeps_its_history(reviewer_client, reviewer):
    template = make_template(actor=reviewer)

    reviewer_client.post(
        reverse("review:template_retire", kwargs={"pk": template.pk}), {"version": 1}
    )

    template.refresh_from_db()
    assert template.retired_at is not None
    assert list(ReplyTemplate.objects.current()) == []
    assert list(template.changes.values_list("action", flat=True)) == ["retired", "created"]
    with pytest.raises(AppendOnlyError):
        template.changes.first().delete()


def test_a_template_change_record_is_never_edited(reviewer):
    change = make_template(actor=reviewer).changes.get()
    change.body_en = "rewritten"

    with pytest.raises(AppendOnlyError):
        change.save()
    assert ReplyTemplateChange.objects.get().body_en != "rewritten"


@pytest.mark.parametrize("size", [3, 60])
def test_the_templates_page_has_a_constant_query_count(
    reviewer_client, reviewer, size, django_assert_num_queries
):
    for n in range(size):
        make_template(actor=reviewer, title_en=f"T{n:03d}")
    # session, user, groups, templates in use, retired templates
    with django_assert_num_queries(5):
        response = reviewer_client.get(LIST)
    assert response.content.decode().count('class="template-preview" lang="en"') == size


@pytest.mark.parametrize("size", [3, 60])
def test_a_request_page_with_templates_has_a_constant_query_count(
    reviewer_client, reviewer, size, django_assert_num_queries
):
    case = make_request(language="en")
    templates = [make_template(actor=reviewer, title_en=f"T{n:03d}") for n in range(size)]
    # session, user, groups, request, chosen template, template choices, events,
    # reviewers (assign form)
    with django_assert_num_queries(8):
        response = reviewer_client.get(detail_url(case), {"template": templates[0].pk})
    assert response.content.decode().count("<option value=") >= size


@pytest.mark.parametrize("size", [1, 40])
def test_the_edit_page_shows_every_change_in_a_constant_query_count(
    reviewer_client, reviewer, size, django_assert_num_queries
):
    template = make_template(actor=reviewer)
    for n in range(size):
        reviewer_client.post(edit_url(template), {**texts(body_en=f"v{n}"), "version": n + 1})
    # session, user, groups, template, changes with their actors
    with django_assert_num_queries(5):
        response = reviewer_client.get(edit_url(template))
    assert response.content.decode().count('class="event"') == size + 1
