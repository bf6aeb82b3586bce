"""privlint: policy-as-code compliance linter for machine-readable privacy declarations."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("privlint")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
