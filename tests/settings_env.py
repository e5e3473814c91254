"""Load literacy.settings afresh under a given environment, for the settings tests."""

import importlib.util
import os
from unittest import mock

from django.conf import settings


def load_settings(**env: str):
    env = {"SITE_URL": "https://example.org", **env}  # required in production
    spec = importlib.util.spec_from_file_location(
        "settings_under_test", settings.BASE_DIR / "literacy" / "settings.py"
    )
    module = importlib.util.module_from_spec(spec)
    with mock.patch.dict(os.environ, env, clear=True):
        spec.loader.exec_module(module)
    return module
