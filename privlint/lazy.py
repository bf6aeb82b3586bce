"""Name -> callable registries whose modules load only when used (start-up stays fast)."""

from __future__ import annotations

import importlib
from typing import Any


def load(spec: str) -> Any:
    """The object named by "package.module:attribute"."""
    module_name, _, attribute = spec.partition(":")
    return getattr(importlib.import_module(module_name), attribute)
