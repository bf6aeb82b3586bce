"""Print constraints.txt: every runtime dependency of the installed privlint, pinned exactly.

Run in a fresh virtual environment where `pip install .` was just done, once per release.
"""

from __future__ import annotations

import re
import sys
from importlib.metadata import distribution

from packaging.requirements import Requirement

HEADER = """\
# The exact versions the GitHub Action (action.yml) installs privlint's dependencies at, so that
# a release tag always installs the same thing; it also keys the action's pip cache.
# Regenerate for each release from a fresh virtual environment with privlint installed:
#     python scripts/pin_constraints.py > constraints.txt
# tests/integrations/test_action.py checks it pins every runtime dependency.
"""


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_closure(root: str = "privlint") -> dict[str, str]:
    """name -> installed version, for every distribution privlint needs at run time."""
    seen: dict[str, str] = {}
    todo = [root]
    while todo:
        dist = distribution(todo.pop())
        key = normalise(dist.metadata["Name"])
        if key in seen:
            continue
        seen[key] = dist.version
        for line in dist.requires or []:
            req = Requirement(line)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    seen.pop(normalise(root))
    return seen


if __name__ == "__main__":
    sys.stdout.write(HEADER + "".join(f"{k}=={v}\n" for k, v in sorted(runtime_closure().items())))
