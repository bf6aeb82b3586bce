"""`python -m privlint` and the `privlint` console script."""

from __future__ import annotations

import sys


def main() -> None:
    from privlint.app import main as app_main

    sys.exit(app_main())


if __name__ == "__main__":
    main()
