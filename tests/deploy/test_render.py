"""deploy/render.py: the step between deploy/'s templates and a running nginx."""

import re
import shlex
from pathlib import Path

import pytest

from deploy.render import render

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def env_example() -> dict[str, str]:
    """deploy/env.example read as a shell (and systemd) reads it."""
    values = {}
    for line in (DEPLOY / "env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, raw = line.partition("=")
            values[name] = " ".join(shlex.split(raw))
    return values


def test_a_placeholder_is_replaced_and_nginx_variables_stay():
    assert render("server_name ${SERVER_NAME} $host;\n", {"SERVER_NAME": "a.example"}) == (
        "server_name a.example $host;\n"
    )


def test_a_list_placeholder_writes_its_line_once_per_value():
    rendered = render("    server ${APP_SERVERS[]} max_fails=2;\n", {"APP_SERVERS": "a:1 b:2"})
    assert rendered == "    server a:1 max_fails=2;\n    server b:2 max_fails=2;\n"


def test_an_empty_list_removes_its_line():
    assert render("a;\nset_real_ip_from ${TRUSTED_PROXIES[]};\nb;\n", {"TRUSTED_PROXIES": ""}) == (
        "a;\nb;\n"
    )


def test_a_missing_value_stops_the_rendering_with_its_name():
    with pytest.raises(KeyError, match="LOG_DIR, STATIC_ROOT"):
        render("${STATIC_ROOT} ${LOG_DIR}", {})


def test_the_nginx_template_renders_completely_from_env_example():
    rendered = render((DEPLOY / "nginx" / "literacy.conf.template").read_text(), env_example())
    assert "${" not in rendered
    assert re.findall(r"server (\S+) max_fails", rendered) == ["10.0.0.11:8000", "10.0.0.12:8000"]
    assert "set_real_ip_from" not in rendered  # nginx is the edge: no header is believed


def test_env_example_names_every_variable_the_settings_read():
    settings = (DEPLOY.parent / "literacy" / "settings.py").read_text()
    read = set(re.findall(r'(?:environ\.get|env_\w+)\(\s*"([A-Z_]+)"', settings))
    assert read and read <= set(env_example())
