"""privlint: policy-as-code compliance linter for machine-readable privacy declarations."""

# The one place the version is written (pyproject.toml reads it from here): a constant, so
# that `privlint --version` needs no importlib.metadata (~25 ms at every start).
__version__ = "0.1.0"

__all__ = ["__version__"]
