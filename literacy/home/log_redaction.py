"""Secrets out of every log line: the handler filter the site's LOGGING installs.

A tracking link's token is a password for the request it opens, and Django's
request logger prints the path of every 4xx answer. The filter rewrites each
record's message, and its formatted traceback, with the path segment after a
secret-bearing prefix replaced by ``[redacted]``. One left-to-right regular
expression with no nested repetition: linear in the line's length.
"""

import logging
import re

# /help/track/<token>/, Django's password reset /reset/<uidb64>/<token>/, and a
# token in a query string.
SECRET_AFTER = re.compile(
    r"(?P<prefix>/track/|/reset/|[?&](?:token|key)=)(?P<secret>[^/?&#\s\"']++)"
    r"(?:(?P<slash>/)(?P<second>(?!set-password)[^/?&#\s\"']{20,}+))?"
)
REDACTED = "[redacted]"
_traceback = logging.Formatter()


def redact(text: str) -> str:
    def replace(match: re.Match) -> str:
        second = f"/{REDACTED}" if match["second"] else (match["slash"] or "")
        return f"{match['prefix']}{REDACTED}{second}"

    return SECRET_AFTER.sub(replace, text)


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = _traceback.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
