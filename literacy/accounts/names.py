"""What a name may be, wherever a person types one that others will read.

A person's name (help request, certificates): letters, marks, digits, spaces and
the punctuation names use; no line breaks, no links or addresses; fields that
take one allow ``MAX_NAME_CHARS``. A username: one writing system (Latin may mix with the East
Asian scripts, as Chinese usernames often do), and nothing that reads as a staff
account, judged on its Unicode "skeleton" (look-alike letters folded to Latin,
separators dropped) so ``demo-reviewеr`` with a Cyrillic е, ``demo_rev1ewer``
and ``ＡＤＭＩＮ`` are caught alike. Each check reads the text once, left to right.
"""

import unicodedata

from confusable_homoglyphs import categories, confusables
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_NAME_CHARS = 60
NAME_PUNCTUATION = frozenset(" .'’-·・(),")
# Latin may appear beside these (Unicode's "highly restrictive" profile).
EAST_ASIAN = frozenset({"HAN", "HIRAGANA", "KATAKANA", "BOPOMOFO", "HANGUL"})
STAFF_WORDS = (
    "admin",
    "administrator",
    "reviewer",
    "staff",
    "support",
    "moderator",
    "official",
    "helpdesk",
    "客服",
    "审核",
    "管理员",
    "官方",
)
# After casefolding, letters and digits that read alike in most fonts (I/l/1, O/0).
LOOKALIKES = str.maketrans({"i": "l", "1": "l", "0": "o", "3": "e", "5": "s", "7": "t", "@": "a"})


def _looks_like_address(word: str) -> bool:
    """``evil.example``, ``www.x``, ``a@b``: a dot between letters ending in 2+ letters."""
    if "@" in word or "://" in word:
        return True
    head, dot, tail = word.rpartition(".")
    return bool(dot and head and len(tail) >= 2 and tail.isascii() and tail.isalpha())


def validate_person_name(value: str) -> None:
    """Characters and words; the length is the field's ``max_length`` (MAX_NAME_CHARS)."""
    for character in value:
        if character in NAME_PUNCTUATION:
            continue
        if unicodedata.category(character)[0] not in "LMN":
            raise ValidationError(
                _("A name has letters, spaces and . ' - only: no line breaks or symbols."),
                code="name_character",
            )
    if any(_looks_like_address(word) for word in value.split()):
        raise ValidationError(_("A name cannot contain a web or e-mail address."), code="name_url")


def scripts(value: str) -> set[str]:
    return {categories.alias(c) for c in value if c.isalpha()} - {"COMMON", "INHERITED"}


def skeleton(value: str) -> str:
    """Look-alikes folded to Latin, case and separators dropped."""
    folded = []
    for character in unicodedata.normalize("NFKC", value).casefold():
        if not character.isalnum() and character != "@":
            continue
        if character.isalpha() and categories.alias(character) != "LATIN":
            found = confusables.is_confusable(character, preferred_aliases=["latin"])
            if found:
                character = found[0]["homoglyphs"][0]["c"].casefold()
        folded.append(character)
    return "".join(folded).translate(LOOKALIKES)


STAFF_SKELETONS = tuple(skeleton(word) for word in STAFF_WORDS)


def validate_username(value: str, staff_usernames: set[str]) -> None:
    used = scripts(unicodedata.normalize("NFKC", value))
    if len(used) > 1 and not used - {"LATIN"} <= EAST_ASIAN:
        raise ValidationError(
            _("Please write your username in one alphabet (do not mix, e.g., Latin and Cyrillic)."),
            code="mixed_script",
        )
    shape = skeleton(value)
    if any(word in shape for word in STAFF_SKELETONS) or shape in {
        skeleton(name) for name in staff_usernames
    }:
        raise ValidationError(
            _("This username looks like one of our team's. Please choose another."),
            code="staff_confusable",
        )
