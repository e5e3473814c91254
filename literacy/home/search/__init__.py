"""Site search: one index over lessons, glossary terms, calculators and help pages.

``analysis`` turns text into index terms (the same on every database),
``backends`` stores and matches them with the database's own full-text engine,
``site_index`` keeps the site's entries in step with the content, ``results``
ranks, groups and highlights, and ``views`` serves ``/<lang>/search/``.
"""
