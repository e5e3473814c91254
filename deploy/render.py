"""Fill a deploy template's ${NAME} placeholders from the environment.

    set -a; . /etc/literacy/nginx.env; set +a     # the "nginx" section of deploy/env.example
    python3 deploy/render.py deploy/nginx/literacy.conf.template \
        > /etc/nginx/sites-available/literacy.conf

Two rules, nothing else:

- ``${NAME}`` (capitals, digits, underscores) is replaced by the variable's value;
  nginx's own ``$variables`` are lower-case and stay as they are.
- ``${NAME[]}`` is a list: its line is written once per space-separated value, or
  not at all when the value is empty (``server ${APP_SERVERS[]} max_fails=2;`` → one
  line per node). A list's line holds no other placeholder.

A placeholder without a variable stops the rendering with its name: a half-filled
configuration must never reach nginx. Standard library only, so it runs with the
system's python3 on a proxy machine that has no virtualenv.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

PLACEHOLDER = re.compile(r"\$\{([A-Z][A-Z0-9_]*)(\[\])?\}")


def render(template: str, values: Mapping[str, str]) -> str:
    names = {name for name, _list in PLACEHOLDER.findall(template)}
    missing = sorted(name for name in names if name not in values)
    if missing:
        raise KeyError(f"no value for {', '.join(missing)}")
    lines = []
    for line in template.splitlines(keepends=True):
        found = PLACEHOLDER.findall(line)
        if any(is_list for _name, is_list in found):
            if len(found) != 1:
                raise ValueError(f"a list placeholder stands alone on its line: {line.strip()}")
            name = found[0][0]
            lines += [PLACEHOLDER.sub(lambda _m, v=item: v, line) for item in values[name].split()]
        else:
            lines.append(PLACEHOLDER.sub(lambda match: values[match.group(1)], line))
    return "".join(lines)


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: render.py TEMPLATE  (values from the environment, result on stdout)")
    try:
        sys.stdout.write(render(Path(sys.argv[1]).read_text(encoding="utf-8"), os.environ))
    except (KeyError, ValueError) as error:
        sys.exit(f"render.py: {error.args[0]}")


if __name__ == "__main__":
    main()
