"""Two declarations -> typed changes, compared by meaning rather than by line.

Lists of things with an id (activities, recipients, transfers, services) are matched by id;
an item whose id changed while nothing else did is a rename, and references to a renamed
recipient or transfer follow it.  Cookies are matched by name and provider, rights by name.
Retention is compared as a duration (functions.dates.duration_days); data categories are
flagged from the taxonomy, third countries from the EEA list (privlint/data).
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from privlint.diff.model import Change, Interest
from privlint.findings import Pointer, truncate
from privlint.functions.dates import duration_days
from privlint.functions.reference import ReferenceData, reference_data
from privlint.loader import Document

# taxonomy tag -> (flag, articles that flag adds)
FLAGS: dict[str, tuple[str, tuple[str, ...]]] = {
    "special": ("special-category", ("GDPR Art. 9(1)",)),
    "criminal": ("criminal", ("GDPR Art. 10",)),
    "national-id": ("national-id", ("UAVG art. 46", "GDPR Art. 87")),
}
# activity field -> kind of change when it changes (fields handled elsewhere are left out)
ACTIVITY_FIELDS = {
    "role": "role-changed",
    "legal_basis": "legal-basis-changed",
    "legitimate_interest": "legitimate-interest-changed",
    "legal_obligation": "legal-obligation-changed",
    "special_category_condition": "special-category-condition-changed",
    "criminal_data_authority": "criminal-data-authority-changed",
    "national_id_law": "national-id-law-changed",
    "automated_decision_making": "automated-decision-changed",
}
_HANDLED = {"id", "data_categories", "data_subjects", "purposes", "retention", "recipients"}
_HANDLED |= {"transfers", *ACTIVITY_FIELDS}
SECTIONS = {  # top-level mapping -> kind of change for any field in it
    "controller": "controller-changed",
    "privacy_contact": "privacy-contact-changed",
    "dpo": "dpo-changed",
    "eu_representative": "representative-changed",
    "supervisory_authority": "authority-changed",
}
_CONSENT_FREE = "strictly-necessary"


@dataclass(frozen=True, slots=True)
class KindInfo:
    interest: Interest
    articles: tuple[str, ...]


@cache
def kinds() -> dict[str, KindInfo]:
    from privlint.diff.data import read_yaml

    raw = read_yaml("kinds.yaml")
    return {k: KindInfo(Interest(v["interest"]), tuple(v["articles"])) for k, v in raw.items()}


def show(value: Any) -> str:
    """A value as a short line of text, for messages."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return truncate(", ".join(f"{k}: {show(v)}" for k, v in value.items()), 80)
    if isinstance(value, list):
        return truncate(", ".join(show(v) for v in value), 80)
    return truncate(" ".join(str(value).split()), 80)


def show_retention(value: Any) -> str:
    if not isinstance(value, dict):
        return show(value)
    if value.get("set_by_controller") is True:
        return "set by the controller"
    if period := value.get("period"):
        return str(period)
    if until := value.get("until"):
        return f"{until} + {value['after']}" if value.get("after") else str(until)
    if value.get("criteria"):
        return "criteria: " + show(value["criteria"])
    return show(value)


def _retention_key(value: Any) -> tuple[str | None, float | None] | None:
    """(event or None, days) when the retention is a measurable duration, else None."""
    if not isinstance(value, dict) or value.get("set_by_controller") is True:
        return None
    if isinstance(value.get("period"), str):
        days = duration_days(value["period"])
        return None if days is None else (None, days)
    until = value.get("until")
    if isinstance(until, str):
        after = value.get("after")
        days = duration_days(after) if isinstance(after, str) else 0.0
        return None if days is None else (until, days)
    return None


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _section(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


@dataclass(slots=True)
class Match:
    pairs: list[tuple[int, int]]  # (base index, head index), same id or renamed
    added: list[int]
    removed: list[int]
    renamed: dict[str, str]  # base id -> head id
    renamed_at: dict[str, int]  # head id of a renamed item -> its head index


def match(base: list[Any], head: list[Any], key: Callable[[dict[str, Any]], Any]) -> Match:
    """Pair items by key; an unpaired item equal to an unpaired one but for its key is renamed."""

    def index(items: list[Any]) -> dict[Any, int]:
        out: dict[Any, int] = {}
        for i, item in enumerate(items):
            if isinstance(item, dict) and key(item) is not None:
                out.setdefault(key(item), i)  # a duplicate id is a finding; the first one counts
        return out

    old, new = index(base), index(head)
    pairs = [(old[k], new[k]) for k in old if k in new]
    removed = [i for k, i in old.items() if k not in new]
    added = [i for k, i in new.items() if k not in old]
    # Renames by the content without the id, hashed: linear however long the lists are
    # (first come, first paired: a deque per content, sets for what was paired).
    unclaimed: dict[str, deque[int]] = {}
    for j in added:
        unclaimed.setdefault(_content(head[j]), deque()).append(j)
    renamed: dict[str, str] = {}
    renamed_at: dict[str, int] = {}
    paired_base: set[int] = set()
    paired_head: set[int] = set()
    for i in removed:
        candidates = unclaimed.get(_content(base[i]))
        if candidates and "id" in base[i] and "id" in head[candidates[0]]:
            j = candidates.popleft()
            pairs.append((i, j))
            renamed[str(base[i]["id"])] = str(head[j]["id"])
            renamed_at[str(head[j]["id"])] = j
            paired_base.add(i)
            paired_head.add(j)
    removed = [i for i in removed if i not in paired_base]
    added = [j for j in added if j not in paired_head]
    return Match(sorted(pairs, key=lambda p: p[1]), added, removed, renamed, renamed_at)


def _content(item: dict[str, Any]) -> str:
    return json.dumps({k: v for k, v in item.items() if k != "id"}, sort_keys=True, default=str)


def _by_id(item: dict[str, Any]) -> Any:
    value = item.get("id")
    return value if isinstance(value, str | int) and not isinstance(value, bool) else None


def _cookie_key(item: dict[str, Any]) -> Any:
    name = item.get("name")
    return (name, show(item.get("provider"))) if isinstance(name, str) else None


class Comparer:
    """Collects the changes between `base` and `head`, located in the head file."""

    def __init__(
        self,
        base: dict[str, Any],
        head: dict[str, Any],
        reference: ReferenceData | None = None,
    ) -> None:
        self.base, self.head = base, head
        self.ref = reference or reference_data()
        self.changes: list[Change] = []
        self.renamed: dict[str, dict[str, str]] = {}

    # -- emitting ----------------------------------------------------------------------------

    def emit(
        self,
        kind: str,
        pointer: Pointer,
        /,
        *,
        review: bool | None = None,
        flags: tuple[str, ...] = (),
        articles: tuple[str, ...] = (),
        **params: Any,
    ) -> None:
        info = kinds()[kind]
        interest = info.interest
        if review is not None:
            interest = Interest.REVIEW if review else Interest.INFO
        self.changes.append(
            Change(kind, interest, (*info.articles, *articles), params, pointer, None, flags)
        )

    def third_country(self, country: Any) -> bool:
        """Outside the EEA (an unknown or missing country counts as outside: it is unproven)."""
        return not (isinstance(country, str) and country in self.ref.eea)

    def flags(self, category: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
        tags = self.ref.tags(category)
        found = [FLAGS[t] for t in FLAGS if t in tags]
        return tuple(f for f, _ in found), tuple(a for _, arts in found for a in arts)

    # -- the declaration ---------------------------------------------------------------------

    def run(self, *, new_file: bool = False) -> list[Change]:
        """All changes; for a new file only what it does (activities, recipients, transfers,
        cookies), not every contact detail as "added"."""
        if not new_file:
            self.statement()
            for section, kind in SECTIONS.items():
                old, new = _section(self.base.get(section)), _section(self.head.get(section))
                self.fields(kind, (section,), old, new, review=_dpo_review(section))
            self.listed("services", "service")
        # Recipients and transfers first: activities follow their renames.
        self.recipients()
        self.transfers()
        self.activities()
        self.cookies()
        if not new_file:
            self.rights()
        return self.changes

    def statement(self) -> None:
        old, new = _section(self.base.get("statement")), _section(self.head.get("statement"))
        if old.get("last_updated") != new.get("last_updated"):
            self.emit(
                "statement-date-changed",
                ("statement", "last_updated") if "last_updated" in new else ("statement",),
                before=show(old.get("last_updated")),
                after=show(new.get("last_updated")),
            )
        rest = {k: v for k, v in old.items() if k != "last_updated"}
        self.fields(
            "statement-changed",
            ("statement",),
            rest,
            {k: v for k, v in new.items() if k != "last_updated"},
        )

    def fields(
        self,
        kind: str,
        where: Pointer,
        old: dict[str, Any],
        new: dict[str, Any],
        *,
        review: Callable[[str, Any, Any], bool | None] = lambda f, o, n: None,
        **params: Any,
    ) -> None:
        """One change per field whose value differs (added, removed or changed)."""
        for name in [*new, *(k for k in old if k not in new)]:
            if str(name).startswith("x-") or old.get(name) == new.get(name):
                continue
            self.emit(
                kind,
                (*where, name) if name in new else where,
                review=review(name, old.get(name), new.get(name)),
                field=name,
                before=show(old.get(name)),
                after=show(new.get(name)),
                **params,
            )

    def listed(self, key: str, noun: str) -> None:
        old, new = _items(self.base.get(key)), _items(self.head.get(key))
        m = match(old, new, _by_id)
        for j in m.added:
            self.emit(f"{noun}-added", (key, j), id=show(new[j].get("id")))
        for i in m.removed:
            self.emit(f"{noun}-removed", (key,) if key in self.head else (), id=show(old[i]["id"]))

    # -- recipients and transfers ------------------------------------------------------------

    def _renames(self, key: str, noun: str, m: Match, new: list[Any]) -> None:
        self.renamed[key] = m.renamed
        for old_id, new_id in m.renamed.items():
            j = m.renamed_at[new_id]
            self.emit(f"{noun}-renamed", (key, j, "id"), before=old_id, after=new_id)

    def recipients(self) -> None:
        old, new = _items(self.base.get("recipients")), _items(self.head.get("recipients"))
        m = match(old, new, _by_id)
        self._renames("recipients", "recipient", m, new)
        for j in m.added:
            r = new[j]
            outside = self.third_country(r.get("country"))
            self.emit(
                "recipient-added",
                ("recipients", j),
                review=outside,
                flags=("third-country",) if outside else (),
                id=show(r.get("id")),
                name=show(r.get("name")),
                kind=show(r.get("kind")),
                country=show(r.get("country")),
            )
        for i in m.removed:
            self.emit("recipient-removed", self._list_at("recipients"), id=show(old[i]["id"]))
        for i, j in m.pairs:

            def risky(name: str, before: Any, after: Any) -> bool | None:
                if name == "country":
                    return self.third_country(after)
                return (name == "dpf_certified" and before is True) or None

            self.fields(
                "recipient-changed",
                ("recipients", j),
                {k: v for k, v in old[i].items() if k != "id"},
                {k: v for k, v in new[j].items() if k != "id"},
                review=risky,
                id=show(new[j].get("id")),
            )

    def _list_at(self, key: str) -> Pointer:
        return (key,) if key in self.head else ()

    def _destination(self, transfer: dict[str, Any], document: dict[str, Any]) -> Any:
        if isinstance(transfer.get("international_organisation"), str):
            return transfer["international_organisation"]
        if transfer.get("country"):
            return transfer["country"]
        for r in _items(document.get("recipients")):
            if isinstance(r, dict) and r.get("id") == transfer.get("recipient"):
                return r.get("country")
        return None

    def transfers(self) -> None:
        old, new = _items(self.base.get("transfers")), _items(self.head.get("transfers"))
        m = match(old, new, _by_id)
        self._renames("transfers", "transfer", m, new)
        for j in m.added:
            t = new[j]
            country = self._destination(t, self.head)
            org = isinstance(t.get("international_organisation"), str)
            outside = org or self.third_country(country)
            self.emit(
                "transfer-added",
                ("transfers", j),
                review=outside,
                flags=("third-country",) if outside else (),
                id=show(t.get("id")),
                recipient=show(t.get("recipient")),
                country=show(country),
                mechanism=show(t.get("mechanism")),
            )
        for i in m.removed:
            t = old[i]
            self.emit(
                "transfer-removed",
                self._list_at("transfers"),
                id=show(t["id"]),
                country=show(self._destination(t, self.base)),
            )
        for i, j in m.pairs:
            self.transfer_pair(old[i], new[j], ("transfers", j))

    def transfer_pair(self, old: dict[str, Any], new: dict[str, Any], where: Pointer) -> None:
        tid = show(new.get("id"))
        before, after = self._destination(old, self.base), self._destination(new, self.head)
        if before != after:
            at = (*where, "country") if "country" in new else where
            outside = self.third_country(after)
            self.emit(
                "transfer-country-changed",
                at,
                review=outside,
                flags=("third-country",) if outside else (),
                id=tid,
                before=show(before),
                after=show(after),
            )
        if old.get("mechanism") != new.get("mechanism"):
            at = (*where, "mechanism") if "mechanism" in new else where
            self.emit(
                "transfer-mechanism-changed",
                at,
                id=tid,
                before=show(old.get("mechanism")),
                after=show(new.get("mechanism")),
            )
        skip = {"id", "country", "mechanism", "international_organisation"}
        self.fields(
            "transfer-changed",
            where,
            {k: v for k, v in old.items() if k not in skip},
            {k: v for k, v in new.items() if k not in skip},
            id=tid,
        )

    # -- activities --------------------------------------------------------------------------

    def activities(self) -> None:
        old, new = _items(self.base.get("activities")), _items(self.head.get("activities"))
        m = match(old, new, _by_id)
        for old_id, new_id in m.renamed.items():
            j = m.renamed_at[new_id]
            self.emit("activity-renamed", ("activities", j, "id"), before=old_id, after=new_id)
        for j in m.added:
            a = new[j]
            self.emit(
                "activity-added",
                ("activities", j),
                activity=show(a.get("id")),
                basis=show(a.get("legal_basis")),
                retention=show_retention(a.get("retention")),
            )
            self.activity({}, new[j], ("activities", j))
        for i in m.removed:
            self.emit("activity-removed", self._list_at("activities"), activity=show(old[i]["id"]))
        for i, j in m.pairs:
            self.activity(old[i], new[j], ("activities", j))

    def activity(self, old: dict[str, Any], new: dict[str, Any], where: Pointer) -> None:
        aid = show(new.get("id"))
        for j, category in self.strings(old, new, "data_categories", where):
            if j is None:
                self.emit(
                    "category-removed",
                    self._in(new, where, "data_categories"),
                    activity=aid,
                    category=show(category),
                    label=self.label(category),
                )
                continue
            flags, articles = self.flags(category)
            self.emit(
                "category-added",
                (*where, "data_categories", j),
                review=bool(flags) or None,
                flags=flags,
                articles=articles,
                activity=aid,
                category=show(category),
                label=self.label(category),
            )
        if not old:  # a new activity: its purposes, subjects and basis are part of "added"
            self.references(old, new, where, "recipients", "activity-recipient")
            self.references(old, new, where, "transfers", "activity-transfer")
            return
        for key, noun in (("data_subjects", "subject"), ("purposes", "purpose")):
            for j, value in self.strings(old, new, key, where):
                kind = f"{noun}-{'removed' if j is None else 'added'}"
                at = self._in(new, where, key) if j is None else (*where, key, j)
                self.emit(kind, at, activity=aid, value=show(value))
        self.references(old, new, where, "recipients", "activity-recipient")
        self.references(old, new, where, "transfers", "activity-transfer")
        self.retention(old.get("retention"), new.get("retention"), new, where, aid)
        for name, kind in ACTIVITY_FIELDS.items():
            if old.get(name) != new.get(name):
                self.emit(
                    kind,
                    (*where, name) if name in new else where,
                    review=self._field_review(name, old.get(name), new.get(name)),
                    activity=aid,
                    before=show(old.get(name)),
                    after=show(new.get(name)),
                )
        self.fields(
            "activity-changed",
            where,
            {k: v for k, v in old.items() if k not in _HANDLED},
            {k: v for k, v in new.items() if k not in _HANDLED},
            activity=aid,
        )

    @staticmethod
    def _field_review(name: str, before: Any, after: Any) -> bool | None:
        if name == "automated_decision_making":
            used = isinstance(after, dict) and after.get("used") is True
            was = isinstance(before, dict) and before.get("used") is True
            return used and (not was or after != before)
        if name in ("legitimate_interest", "legal_obligation"):
            return None
        if name in ("special_category_condition", "criminal_data_authority", "national_id_law"):
            return after is None or before is not None  # removed or replaced: review; added: info
        return None

    def label(self, category: Any) -> str:
        found = self.ref.categories.get(category) if isinstance(category, str) else None
        return found.label if found else "not in the taxonomy"

    @staticmethod
    def _in(new: dict[str, Any], where: Pointer, key: str) -> Pointer:
        return (*where, key) if key in new else where

    def strings(
        self, old: dict[str, Any], new: dict[str, Any], key: str, where: Pointer
    ) -> Iterator[tuple[int | None, Any]]:
        """Added values with their head index, then removed ones (index None)."""
        before, after = _items(old.get(key)), _items(new.get(key))
        seen = {_hashable(v) for v in before}
        now = {_hashable(v) for v in after}
        for j, value in enumerate(after):
            if _hashable(value) not in seen:
                yield j, value
        for value in before:
            if _hashable(value) not in now:
                yield None, value

    def references(
        self, old: dict[str, Any], new: dict[str, Any], where: Pointer, key: str, kind: str
    ) -> None:
        renamed = self.renamed.get(key, {})
        before = [renamed.get(v, v) if isinstance(v, str) else v for v in _items(old.get(key))]
        after = _items(new.get(key))
        aid = show(new.get("id"))
        was, now = {_hashable(v) for v in before}, {_hashable(v) for v in after}
        for j, value in enumerate(after):
            if _hashable(value) not in was:
                self.emit(f"{kind}-added", (*where, key, j), activity=aid, id=show(value))
        for value in before:
            if _hashable(value) not in now:
                at = self._in(new, where, key)
                self.emit(f"{kind}-removed", at, activity=aid, id=show(value))

    def retention(
        self, old: Any, new: Any, activity: dict[str, Any], where: Pointer, aid: str
    ) -> None:
        if old == new:
            return
        at = (*where, "retention") if "retention" in activity else where
        params: dict[str, Any] = {
            "activity": aid,
            "before": show_retention(old),
            "after": show_retention(new),
        }
        if old is None:
            self.emit("retention-added", at, **params)
            return
        if new is None:
            self.emit("retention-removed", at, **params)
            return
        a, b = _retention_key(old), _retention_key(new)
        if a is not None and b is not None and a[0] == b[0]:
            assert a[1] is not None and b[1] is not None
            if b[1] > a[1]:
                self.emit("retention-longer", at, **params)
            elif b[1] < a[1]:
                self.emit("retention-shorter", at, **params)
            else:  # the same length in other words (P3M, P90D) or other 'stated' text
                self.emit("retention-changed", at, review=False, **params)
            return
        self.emit("retention-changed", at, **params)

    # -- cookies and rights ------------------------------------------------------------------

    def cookies(self) -> None:
        old, new = _items(self.base.get("cookies")), _items(self.head.get("cookies"))
        m = match(old, new, _cookie_key)
        for j in m.added:
            c = new[j]
            needs_consent = c.get("category") != _CONSENT_FREE or c.get("consent_required") is True
            self.emit(
                "cookie-added",
                ("cookies", j),
                review=needs_consent,
                cookie=show(c.get("name")),
                category=show(c.get("category")),
                basis=show(c.get("legal_basis")),
                retention=show(c.get("retention")),
            )
        for i in m.removed:
            self.emit("cookie-removed", self._list_at("cookies"), cookie=show(old[i].get("name")))
        for i, j in m.pairs:

            def risky(name: str, before: Any, after: Any) -> bool | None:
                if name in ("legal_basis", "consent_required"):
                    return True
                if name == "category":
                    return bool(after != _CONSENT_FREE)
                return None

            self.fields(
                "cookie-changed",
                ("cookies", j),
                old[i],
                new[j],
                review=risky,
                cookie=show(new[j].get("name")),
            )

    def rights(self) -> None:
        old, new = _section(self.base.get("rights")), _section(self.head.get("rights"))
        for name in new:
            if name not in old:
                self.emit("right-added", ("rights", name), right=name)
            elif old[name] != new[name]:
                self.fields(
                    "right-changed",
                    ("rights", name),
                    _section(old[name]),
                    _section(new[name]),
                    right=name,
                )
        for name in old:
            if name not in new:
                self.emit("right-removed", self._list_at("rights"), right=name)


def _dpo_review(section: str) -> Callable[[str, Any, Any], bool | None]:
    def review(name: str, before: Any, after: Any) -> bool | None:
        # a data protection officer no longer appointed, or no longer reachable
        removed = section == "dpo" and name in ("appointed", "email") and bool(before)
        return True if removed and not after else None

    return review


def _hashable(value: Any) -> Any:
    """A set member for any value (lists of ids may hold mappings in a broken file)."""
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, default=str)
    return value


def compare(
    base: dict[str, Any] | None,
    head: dict[str, Any] | None,
    head_document: Document | None,
    reference: ReferenceData | None = None,
) -> list[Change]:
    """The changes from `base` to `head` (None: the declaration did not exist on that side),
    placed in `head_document` (the head's data and text) when there is one."""
    changes = Comparer(base or {}, head or {}, reference).run(new_file=base is None)
    if head_document is not None and changes:
        # one pass over the head's events for the spans of exactly these pointers
        index = head_document.positions_for([c.pointer for c in changes])
        changes = [replace(c, span=index.locate(c.pointer, on_key=False)) for c in changes]
    # In the order of the head file, as a reviewer reads it beside the YAML.
    return sorted(
        changes, key=lambda c: (c.span is None, (c.span.line, c.span.column) if c.span else (0, 0))
    )
