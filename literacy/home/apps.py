from django.apps import AppConfig
from django.utils.translation import gettext_noop

# Django adds a form label's suffix with gettext(":") and skips it after a label
# ending in one of gettext(":?.!"); its own Chinese catalogue keeps the ASCII
# marks. Naming the strings here keeps them in this app's catalogue (consulted
# before Django's), where they are translated to the full-width marks.
LABEL_PUNCTUATION = (gettext_noop(":"), gettext_noop(":?.!"))


class HomeConfig(AppConfig):
    name = "literacy.home"

    def ready(self) -> None:
        from django.db import transaction

        from literacy.home.search import site_index
        from literacy.learning.content import page_cache

        def sync_after_commit(**kwargs) -> None:
            transaction.on_commit(site_index.sync)

        page_cache.changed.connect(sync_after_commit, weak=False, dispatch_uid="search-index")
