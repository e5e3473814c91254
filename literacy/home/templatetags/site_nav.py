"""The site header's navigation links."""

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.inclusion_tag("home/_nav_link.html", takes_context=True)
def nav_link(context, url_name: str, label: str, css_class: str = "") -> dict:
    """One header link, marked ``aria-current`` on its own section's pages; left out
    where its URL does not resolve (a page served outside the language prefix)."""
    try:
        url = reverse(url_name)
    except NoReverseMatch:
        url = None
    request = context.get("request")
    current = url is not None and request is not None and url in request.path
    return {"url": url, "label": label, "css_class": css_class, "current": current}
