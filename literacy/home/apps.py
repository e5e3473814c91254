from django.apps import AppConfig
from django.utils.translation import gettext_noop

# Django adds a form label's suffix with gettext(":") and skips it after a label
# ending in one of gettext(":?.!"); its own Chinese catalogue keeps the ASCII
# marks. Naming the strings here keeps them in this app's catalogue (consulted
# before Django's), where they are translated to the full-width marks.
LABEL_PUNCTUATION = (gettext_noop(":"), gettext_noop(":?.!"))


class HomeConfig(AppConfig):
    name = "literacy.home"
