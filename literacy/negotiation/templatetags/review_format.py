"""Template filters for the reviewers' figures."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from literacy.negotiation.review.metrics import MIN_GROUP

register = template.Library()


@register.filter
def or_withheld(value):
    """The figure, or "fewer than 5" where it is withheld (``None``); 0 stays 0."""
    if value is None:
        return format_html(
            '<span class="withheld">{}</span>', _("fewer than %(n)s") % {"n": MIN_GROUP}
        )
    return value
