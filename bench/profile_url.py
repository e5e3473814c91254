"""Where one URL's time goes: pyinstrument over repeated requests, in-process.

Used by `bench/run.py --profile NAME` (same seeded database and production
settings as the benchmark). Needs `pip install pyinstrument`.
Run directly: python bench/profile_url.py PATH [SESSION_KEY] [--repeat 30]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "literacy.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from pyinstrument import Profiler  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("session", nargs="?")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--htmx", action="store_true", help="send HX-Request as htmx does")
    args = parser.parse_args()
    settings.ALLOWED_HOSTS.append("testserver")
    htmx = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "calc-results"} if args.htmx else {}
    client = Client(HTTP_HOST="127.0.0.1", **htmx)
    if args.session:
        client.cookies[settings.SESSION_COOKIE_NAME] = args.session
    for n in range(3):
        assert client.get(args.path.format(n=n)).status_code == 200
    profiler = Profiler(interval=0.0005)
    with profiler:
        for n in range(3, 3 + args.repeat):
            client.get(args.path.format(n=n))  # "{n}" in the path varies it per request
    print(
        profiler.output_text(unicode=True, color=False, flat=os.environ.get("PROFILE_FLAT") == "1")
    )


if __name__ == "__main__":
    main()
