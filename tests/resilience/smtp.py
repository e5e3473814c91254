"""A real SMTP server (aiosmtpd) for the tests that run `manage.py db_worker` processes.

Shared by ``test_mail_worker.py`` (one app server) and ``test_multinode.py`` (two app
servers behind nginx, two workers).
"""

import asyncio
import email
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from aiosmtpd.controller import Controller

# Longest a held message waits for its sender to die before the server gives up on it.
HOLD_SECONDS = 30


class Mailbox:
    """An SMTP server that accepts a message only if it can still say so (250 reaches
    the client): a client that vanished mid-DATA has not handed the message over.

    ``hold`` (a recipient address) keeps that recipient's first DATA waiting, without
    an answer, until its sender goes away: a test can then kill the very worker that is
    in the middle of sending it (``holding`` is set while it waits)."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.received: list[email.message.Message] = []
        self.refused: list[list[str]] = []  # recipients of the messages never handed over
        self.receiving = threading.Event()
        self.hold: str | None = None
        self.holding = threading.Event()

    async def handle_DATA(self, server, session, envelope) -> str:
        self.receiving.set()
        try:
            if self.hold in envelope.rcpt_tos:
                self.hold = None
                self.holding.set()
                deadline = time.monotonic() + HOLD_SECONDS
                while not self._gone(server) and time.monotonic() < deadline:
                    await asyncio.sleep(0.05)
            else:
                await asyncio.sleep(self.delay)
        except asyncio.CancelledError:  # aiosmtpd's way of saying the client vanished
            self.refused.append(list(envelope.rcpt_tos))
            raise
        finally:
            self.receiving.clear()
            self.holding.clear()
        if self._gone(server):
            self.refused.append(list(envelope.rcpt_tos))
            return "451 client went away"
        self.received.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    @staticmethod
    def _gone(server) -> bool:
        return server.transport is None or server.transport.is_closing()

    def message_ids(self) -> list[str]:
        return [message["Message-ID"] for message in self.received]

    def recipients(self) -> list[str]:
        return [message["To"] for message in self.received]


@contextmanager
def smtp_server(port: int, mailbox: Mailbox) -> Iterator[Mailbox]:
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield mailbox
    finally:
        controller.stop()


def wait_until(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"not within {seconds} s: {what}")
