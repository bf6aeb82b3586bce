"""Message catalogues: one YAML file per language in privlint/render/locales/.

Every fixed word of a statement or register comes from here; adding a language is adding a
file with the same keys.  Durations and dates are written out with the catalogue's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from privlint.errors import UsageError

LOCALES = Path(__file__).resolve().parent / "locales"
_DURATION = re.compile(
    r"P(?:(?P<Y>\d+)Y)?(?:(?P<M>\d+)M)?(?:(?P<W>\d+)W)?(?:(?P<D>\d+)D)?"
    r"(?:T(?:(?P<H>\d+)H)?(?:(?P<MIN>\d+)M)?(?:(?P<S>\d+)S)?)?"
)
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def languages() -> list[str]:
    return sorted(p.stem for p in LOCALES.glob("*.yaml"))


def read_yaml(path: Path) -> dict[str, Any]:
    """A shipped YAML file, read by privlint's own loader (no object tags, YAML 1.2)."""
    from privlint.loader import parse_text

    data, _, problems = parse_text(path.read_text(encoding="utf-8"))
    if problems or not isinstance(data, dict):  # pragma: no cover - a packaging bug
        raise RuntimeError(f"{path} is broken: {problems[:1]}")
    return data


@dataclass(frozen=True)
class Catalogue:
    language: str
    messages: dict[str, Any]

    def t(self, key: str, **values: Any) -> str:
        """The message at a dotted key, with {fields} filled in."""
        node: Any = self.messages
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise KeyError(f"locales/{self.language}.yaml has no message {key!r}")
            node = node[part]
        if not isinstance(node, str):
            raise KeyError(f"locales/{self.language}.yaml: {key!r} is not a message")
        return node.format(**values) if values else node

    def has(self, key: str) -> bool:
        try:
            self.t(key)
        except KeyError:
            return False
        return True

    def label(self, group: str, value: Any) -> str:
        """The catalogue's word for an identifier, or the identifier itself when it has none."""
        key = f"{group}.{value}"
        return self.t(key) if isinstance(value, str) and self.has(key) else str(value)

    def duration(self, iso: Any) -> str:
        """'P6M' -> '6 maanden'; 'P1Y6M' -> '1 jaar en 6 maanden'; unknown text unchanged."""
        m = _DURATION.fullmatch(iso) if isinstance(iso, str) else None
        if m is None or not any(m.groupdict().values()):
            return str(iso)
        units = self.messages["units"]
        parts = []
        for unit, amount in m.groupdict().items():
            if amount is not None:
                n = int(amount)
                singular, plural = units[unit]
                parts.append(f"{n} {singular if n == 1 else plural}")
        if len(parts) == 1:
            return parts[0]
        return f"{', '.join(parts[:-1])} {self.t('and')} {parts[-1]}"

    def date(self, iso: Any) -> str:
        """'2026-09-01' -> '1 september 2026'."""
        m = _DATE.fullmatch(iso) if isinstance(iso, str) else None
        if m is None or not 1 <= int(m.group(2)) <= 12:
            return str(iso)
        month = self.messages["months"][int(m.group(2)) - 1]
        return self.t("date", day=int(m.group(3)), month=month, year=m.group(1))


@cache
def catalogue(language: str) -> Catalogue:
    if language not in languages():
        raise UsageError(
            f"no message catalogue for language {language!r} (have: {', '.join(languages())})"
        )
    return Catalogue(language, read_yaml(LOCALES / f"{language}.yaml"))
