"""Dates and durations: the age of a date, a duration against a maximum."""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from privlint.functions import Context, Hit, Hits
from privlint.functions.registry import Field, Options, field_validator, register

# The declaration schema's duration shape (ISO 8601, no fractions, ASCII digits only: `\d`
# would accept Arabic-Indic and other digits); time parts count as days.
_DURATION = re.compile(
    r"P(?:(?P<w>[0-9]+)W|(?:(?P<y>[0-9]+)Y)?(?:(?P<m>[0-9]+)M)?(?:(?P<d>[0-9]+)D)?"
    r"(?:T(?:(?P<h>[0-9]+)H)?(?:(?P<mi>[0-9]+)M)?(?:(?P<s>[0-9]+)S)?)?)\Z"
)


def duration_days(text: str) -> float | None:
    """An ISO 8601 duration in days, counting a year as 365 days and a month as 30.

    A fixed count keeps comparisons independent of the calendar: P3M equals P90D, P1Y is
    longer than P12M by five days.  None when the text is not a duration.
    """
    m = _DURATION.match(text) if isinstance(text, str) else None
    if m is None or text in ("P", "PT"):
        return None
    try:
        n = {k: int(v) if v else 0 for k, v in m.groupdict().items()}
    except ValueError:  # more digits than int() converts: longer than any limit
        return math.inf
    seconds = n["h"] * 3600 + n["mi"] * 60 + n["s"]
    return n["w"] * 7 + n["y"] * 365 + n["m"] * 30 + n["d"] + seconds / 86400


def add_months(start: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (Jan 31 + 1)."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    if not date.min.year <= year <= date.max.year:  # past the calendar's ends: its last day
        return date.max if months > 0 else date.min
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month + 1, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def months_between(start: date, end: date) -> int:
    """Whole calendar months from start to end (negative when end is earlier)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return months


def as_date(value: Any) -> date | None:
    """A YYYY-MM-DD text as a date; None otherwise (the schema reports malformed dates)."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


class MaxAgeOptions(Options):
    months: int = Field(ge=1, le=1200)


@register("max-age", MaxAgeOptions)
def max_age(value: Any, options: MaxAgeOptions, ctx: Context) -> Hits:
    """A YYYY-MM-DD date plus `months` is not before today (params `age`, `months`, `today`).

    `age` is in whole months, so a date 24 months and a day old has age 24 and is stale
    under `months: 24`.
    """
    when = as_date(value)
    if when is None:
        return
    age = months_between(when, ctx.today)
    if add_months(when, options.months) < ctx.today:
        yield Hit(params={"age": age, "months": options.months, "today": ctx.today.isoformat()})


class MaxDurationOptions(Options):
    max: str

    @field_validator("max")
    @classmethod
    def _is_duration(cls, text: str) -> str:
        if duration_days(text) is None:
            raise ValueError(f"{text!r} is not an ISO 8601 duration such as P90D or P6M")
        return text


@register("max-duration", MaxDurationOptions)
def max_duration(value: Any, options: MaxDurationOptions, ctx: Context) -> Hits:
    """An ISO 8601 duration is no longer than `max` (a year counts 365 days, a month 30)."""
    days = duration_days(value)
    limit = duration_days(options.max)
    if days is not None and limit is not None and days > limit:
        yield Hit(params={"max": options.max})


class NotFutureOptions(Options):
    grace_days: int = Field(default=1, ge=0, le=366)


@register("not-future", NotFutureOptions)
def not_future(value: Any, options: NotFutureOptions, ctx: Context) -> Hits:
    """A YYYY-MM-DD date is not later than today plus `grace_days` (param `today`).

    A statement "updated" in the future is a typo, and it would also keep `max-age` quiet for
    years; the grace day covers time zones ahead of the checker's.
    """
    when = as_date(value)
    if when is None:
        return
    if (when - ctx.today).days > options.grace_days:
        yield Hit(params={"today": ctx.today.isoformat()})
