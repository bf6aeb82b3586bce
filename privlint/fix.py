"""Mechanical, safe fixes for findings: `privlint check --fix` / `--diff`, and editor code actions.

A fix answers a finding: it is applied only where `check` reports one of the rules it repairs
at the very node it rewrites, so `select`, `ignore`, per-file ignores and suppression comments
decide what is fixed exactly as they decide what is reported.

Edits are splices of single scalars located by the loader's position index (ruamel.yaml's event
stream), never a re-dump of the document: every comment, key order, quote style, blank line and
line ending outside the replaced scalar stays byte for byte, and each fix has the exact source
range an editor needs.  Each edit is checked before it is kept: the source slice must spell the
value the loader read, and the fixed text must parse to the original data with only the fixed
values changed.  A fix that fails either check is dropped, never half-applied.  Fixes are
idempotent: a fixed value no longer draws the finding, so a second run changes nothing.

Library API (stable; the language server offers these as code actions):

    fix_text(text, display, settings) -> FixResult        lint the text, then fix
    plan_fixes(text, findings, limits) -> FixResult       fix given findings (already linted)

`FixResult.fixes` lists each applied `Fix`: the rule code, the 1-based source range it replaced
(`privlint.findings.Span`, end column exclusive, in the *original* text), the new text and a
short title.  `FIXABLE` (rule name -> what can be fixed) feeds `privlint explain`.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from privlint.findings import Finding, Pointer, Span
from privlint.loader import Limits, PositionIndex, parse_text

if TYPE_CHECKING:
    from privlint.config import Settings


@dataclass(frozen=True, slots=True)
class Fix:
    """One applied edit: replace `span` of the original text with `new_text`."""

    code: str  # rule code of the finding it answers, e.g. PL104
    name: str  # rule name, e.g. legal-basis-invalid
    span: Span  # 1-based; end_line/end_column always set, end column exclusive
    new_text: str
    title: str  # e.g. "legal_basis: '6(1)(f)' -> gdpr-6-1-f"
    pointer: Pointer = ()


@dataclass(frozen=True, slots=True)
class FixResult:
    text: str  # the fixed text (the input itself when nothing was fixed)
    fixes: tuple[Fix, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.fixes)


# -- what can be fixed -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Proposal:
    pointer: Pointer
    value: Any  # the new value at pointer
    title: str
    sibling: str | None = None  # also set this key beside the value to the old value, verbatim


@dataclass(frozen=True, slots=True)
class _Fixer:
    rules: tuple[str, ...]  # rule names whose finding at the node the fix answers, preferred first
    description: str  # for `privlint explain`
    propose: Callable[[Any], Iterator[_Proposal]]


def _walk(node: Any, pointer: Pointer = ()) -> Iterator[tuple[Pointer, str, Any, Any]]:
    """(pointer, key, value, parent mapping) for every mapping entry in the document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str):
                yield (*pointer, key), key, value, node
            yield from _walk(value, (*pointer, key))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _walk(item, (*pointer, i))


# "6(1)(f)", "Art. 6 lid 1 sub f AVG", "article 6.1.f GDPR", "art. 9(2)(a)", "49(1)(b)"
_ARTICLE_REF = re.compile(
    r"""^(?:(?:gdpr|avg|ds-?gvo)\s*[-:]?\s*)?
        (?:art(?:ikel|icle)?\.?\s*)?
        (?P<art>6|9|49)\s*,?\s*
        (?:\(\s*(?P<par>\d)\s*\)|(?:lid|par\.?|paragraph)?\s*[.\-]?\s*(?P<par2>\d))\s*,?\s*
        (?:\(\s*(?P<sub>[a-j])\s*\)|(?:sub|onder|under|point|letter)?\s*[.\-]?\s*(?P<sub2>[a-j]))
        \s*(?:\(?\s*(?:gdpr|avg|ds-?gvo)\s*\)?)?\.?$""",
    re.IGNORECASE | re.VERBOSE,
)
_ARTICLE_FIELDS = {
    "legal_basis": "lawful-bases",
    "special_category_condition": "special-category-conditions",
    "derogation": "transfer-derogations",
}


def _article_id(text: str, allowed: dict[str, str]) -> str | None:
    m = _ARTICLE_REF.match(text.strip())
    if m is None:
        return None
    par = m["par"] or m["par2"]
    sub = (m["sub"] or m["sub2"]).lower()
    ident = f"gdpr-{m['art']}-{par}-{sub}"
    return ident if ident in allowed else None


def _legal_bases(data: Any) -> Iterator[_Proposal]:
    from privlint.functions.reference import reference_data

    lists = reference_data().lists
    for pointer, key, value, _ in _walk(data):
        if key in _ARTICLE_FIELDS and isinstance(value, str):
            allowed = lists.get(_ARTICLE_FIELDS[key], {})
            ident = _article_id(value, allowed)
            if ident is not None and ident != value:
                yield _Proposal(pointer, ident, f"{key}: {value!r} -> {ident}")


@cache
def _country_names() -> dict[str, str]:
    from privlint.engine.registry import read_yaml
    from privlint.resources import data_dir

    data, _ = read_yaml(data_dir() / "country_names.yaml", "country names")
    return dict(data["names"])


def _country_code(text: str) -> str | None:
    names = _country_names()
    codes = set(names.values()) | {"EL"}
    stripped = text.strip()
    if len(stripped) == 2 and stripped.upper() in codes:
        return stripped.upper()
    return names.get(stripped.casefold())


def _countries(data: Any) -> Iterator[_Proposal]:
    for pointer, key, value, _ in _walk(data):
        if key == "country" and isinstance(value, str):
            code = _country_code(value)
            if code is not None and code != value:
                yield _Proposal(pointer, code, f"country: {value!r} -> {code}")


_NUMBERS = {
    **dict.fromkeys(("one", "een", "één", "eén"), 1),
    **dict.fromkeys(("two", "twee"), 2),
    **dict.fromkeys(("three", "drie"), 3),
    **dict.fromkeys(("four", "vier"), 4),
    **dict.fromkeys(("five", "vijf"), 5),
    **dict.fromkeys(("six", "zes"), 6),
    **dict.fromkeys(("seven", "zeven"), 7),
    **dict.fromkeys(("eight", "acht"), 8),
    **dict.fromkeys(("nine", "negen"), 9),
    **dict.fromkeys(("ten", "tien"), 10),
    **dict.fromkeys(("eleven", "elf"), 11),
    **dict.fromkeys(("twelve", "twaalf"), 12),
}
_UNITS = {
    **dict.fromkeys(("year", "years", "yr", "yrs", "jaar", "jaren"), "Y"),
    **dict.fromkeys(("month", "months", "maand", "maanden"), "M"),
    **dict.fromkeys(("week", "weeks", "weken"), "W"),
    **dict.fromkeys(("day", "days", "dag", "dagen"), "D"),
}
# possessive: a run of letters is one word, never re-split (linear, tests/hostile/test_regex.py)
_DURATION_WORDS = re.compile(r"^(?P<n>\d{1,4}+|[^\W\d_]++)\s*+(?P<unit>[^\W\d_]++)\.?$")
_ISO_DURATION = re.compile(r"^P(?:\d+W|(?:\d+Y)?(?:\d+M)?(?:\d+D)?)$")


def duration(text: str) -> str | None:
    """'2 jaar', 'two years', '6 maanden', 'p2y' -> ISO 8601 (P2Y, P6M); None unless exactly so."""
    stripped = text.strip()
    if _ISO_DURATION.match(stripped.upper()) and stripped.upper() != "P":
        return stripped.upper()
    m = _DURATION_WORDS.match(stripped.casefold())
    if m is None or m["unit"] not in _UNITS:
        return None
    n = int(m["n"]) if m["n"].isdigit() else _NUMBERS.get(m["n"])
    if not n:
        return None
    return f"P{n}{_UNITS[m['unit']]}"


def _durations(data: Any) -> Iterator[_Proposal]:
    for pointer, key, value, parent in _walk(data):
        if key == "retention" and isinstance(value, str) and (iso := duration(value)):
            new = {"period": iso, "stated": value}
            yield _Proposal(pointer, new, f"retention: {value!r} -> {{period: {iso}, stated}}")
        elif (
            len(pointer) >= 2
            and pointer[-2] == "retention"
            and key in ("period", "after")
            and isinstance(value, str)
            and (iso := duration(value))
            and iso != value
        ):
            keep = "stated" if "stated" not in parent else None
            yield _Proposal(pointer, iso, f"{key}: {value!r} -> {iso}", sibling=keep)


_SCC_CURRENT = re.compile(r"2021\s*/\s*914")
_MODULE = re.compile(r"\b(?:module|modules)\s+(?:\d|one|two|three|four|c2c|c2p|p2p|p2c)\b", re.I)


def _scc(data: Any) -> Iterator[_Proposal]:
    """A repealed SCC decision cited where the transfer itself already names the 2021 clauses."""
    from privlint.functions.reference import reference_data

    ref = reference_data()
    transfers = data.get("transfers") if isinstance(data, dict) else None
    for i, t in enumerate(transfers if isinstance(transfers, list) else []):
        if not isinstance(t, dict) or t.get("mechanism") != "standard-contractual-clauses":
            continue
        reference, stated = t.get("reference"), t.get("stated")
        if not isinstance(reference, str) or not any(old in reference for old in ref.scc_repealed):
            continue
        if not any(isinstance(s, str) and _SCC_CURRENT.search(s) for s in (reference, stated)):
            continue
        module = _MODULE.search(reference)
        new = ref.scc_current + (f", {module[0]}" if module else "")
        yield _Proposal(("transfers", i, "reference"), new, f"reference -> {new}")


FIXERS: dict[str, _Fixer] = {
    "legal-basis-id": _Fixer(
        ("legal-basis-invalid", "special-category-condition-missing", "invalid-value"),
        "an article reference such as 6(1)(f) or 'Art. 6 lid 1 sub f' becomes its id "
        "(gdpr-6-1-f); likewise 9(2)(x) and 49(1)(x)",
        _legal_bases,
    ),
    "country-code": _Fixer(
        # a lowercase code is valid but not canonical since it means its country (PL125)
        ("invalid-value", "country-code-noncanonical"),
        "a country name (English or Dutch) or a lowercase code becomes its ISO 3166-1 code",
        _countries,
    ),
    "iso-duration": _Fixer(
        ("invalid-value", "wrong-type"),
        "a retention period in words ('2 jaar', 'two years') becomes an ISO 8601 duration (P2Y), "
        "the words kept in retention.stated",
        _durations,
    ),
    "scc-current": _Fixer(
        ("transfer-safeguard-missing",),
        "a repealed SCC decision in a transfer's reference becomes Decision (EU) 2021/914 when "
        "the transfer already says it uses the 2021 clauses",
        _scc,
    ),
}


def fixable() -> dict[str, list[str]]:
    """Rule name -> descriptions of the automatic fixes for (some of) its findings."""
    out: dict[str, list[str]] = {}
    for fixer in FIXERS.values():
        for rule in fixer.rules:
            out.setdefault(rule, []).append(fixer.description)
    return out


FIXABLE = fixable()


# -- locating and rendering --------------------------------------------------------------------

_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_PLAIN_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._/()-]*(?<! )$")


class _Source:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _BREAK.finditer(text)]
        self.newline = "\r\n" if "\r\n" in text else "\n"

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    def line_end(self, offset: int) -> int:
        m = _BREAK.search(self.text, offset)
        return m.start() if m else len(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        import bisect

        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def _spells(token: str, value: Any) -> bool:
    """Does the source token spell exactly this string value?"""
    if not isinstance(value, str) or not token:
        return False
    if token[0] == "'":
        return token.endswith("'") and token[1:-1].replace("''", "'") == value
    if token[0] == '"':
        try:
            return bool(json.loads(token) == value)
        except ValueError:
            return False
    return token == value


def _render(value: Any, like: str) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_render(v, like)}" for k, v in value.items()) + "}"
    text = str(value)
    if like[:1] == "'" and "\n" not in text:
        return "'" + text.replace("'", "''") + "'"
    if like[:1] == '"' or not _PLAIN_SAFE.match(text):
        return json.dumps(text, ensure_ascii=False)
    return text


def _get(data: Any, pointer: Pointer) -> Any:
    for part in pointer:
        data = data[part]
    return data


@dataclass(frozen=True, slots=True)
class _Edit:
    start: int
    end: int
    new_text: str
    fix_code: str
    fix_name: str
    title: str
    pointer: Pointer
    apply: Callable[[Any], None]  # the same change on the data, to verify the text


def _edit(
    src: _Source, positions: PositionIndex, data: Any, p: _Proposal, code: str, name: str
) -> _Edit | None:
    span = positions.values.get(p.pointer)
    if span is None or span.end_line is None or span.end_column is None:
        return None
    if span.end_line != span.line:
        return None  # multi-line scalars are not mechanical
    if span.end_line > len(src.starts):
        return None  # positions from a line count that is not ours: leave it alone
    start, end = src.offset(span.line, span.column), src.offset(span.end_line, span.end_column)
    token = src.text[start:end]
    old = _get(data, p.pointer)
    if not _spells(token, old):
        return None
    new_text = _render(p.value, token)
    if isinstance(p.value, dict):
        new_text = _render({k: v for k, v in p.value.items() if k != "stated"}, token)
        new_text = new_text[:-1] + f", stated: {token}}}"
    parent_ptr, key = p.pointer[:-1], p.pointer[-1]
    if p.sibling is not None:
        parent_span = positions.values.get(parent_ptr)
        if parent_span is None:
            return None
        if src.text[src.offset(parent_span.line, parent_span.column)] == "{":
            new_text += f", {p.sibling}: {token}"
        else:
            key_span = positions.keys.get(p.pointer)
            line_end = src.line_end(end)
            rest = src.text[end:line_end]
            if key_span is None or (rest.strip() and not rest.lstrip().startswith("#")):
                return None
            indent = " " * (key_span.column - 1)
            new_text += rest + src.newline + f"{indent}{p.sibling}: {token}"
            end = line_end

    def apply(doc: Any) -> None:
        parent = _get(doc, parent_ptr)
        parent[key] = copy.deepcopy(p.value)
        if p.sibling is not None:
            parent[p.sibling] = old

    return _Edit(start, end, new_text, code, name, p.title, p.pointer, apply)


def _splice(text: str, edits: Sequence[_Edit]) -> str:
    out, last = [], 0
    for e in sorted(edits, key=lambda e: e.start):
        out += [text[last : e.start], e.new_text]
        last = e.end
    out.append(text[last:])
    return "".join(out)


def _verified(text: str, data: Any, edits: Sequence[_Edit], limits: Limits) -> bool:
    expected = copy.deepcopy(data)
    for e in edits:
        e.apply(expected)
    fixed, _, _ = parse_text(_splice(text, edits), limits)
    return fixed is not None and fixed == expected


# -- the API -----------------------------------------------------------------------------------


def plan_fixes(text: str, findings: Sequence[Finding], limits: Limits | None = None) -> FixResult:
    """The fixes for these findings of this text, applied; the text unchanged if none apply."""
    limits = limits or Limits()
    data, positions, _ = parse_text(text, limits)
    if not isinstance(data, dict) or not findings:
        return FixResult(text)
    found: dict[Pointer, dict[str, str]] = {}
    for f in findings:
        found.setdefault(f.pointer, {}).setdefault(f.name, f.code)
    src = _Source(text)
    edits: list[_Edit] = []
    taken: set[Pointer] = set()
    for fixer in FIXERS.values():
        for proposal in fixer.propose(data):
            at = found.get(proposal.pointer, {})
            rule = next((r for r in fixer.rules if r in at), None)
            if rule is None or proposal.pointer in taken:
                continue
            edit = _edit(src, positions, data, proposal, at[rule], rule)
            if edit is not None and _verified(text, data, [edit], limits):
                edits.append(edit)
                taken.add(proposal.pointer)
    edits = _without_overlaps(edits)
    if not edits or not _verified(text, data, edits, limits):
        return FixResult(text)
    fixes = []
    for e in sorted(edits, key=lambda e: e.start):
        (line, col), (end_line, end_col) = src.position(e.start), src.position(e.end)
        span = Span(line, col, end_line, end_col)
        fixes.append(Fix(e.fix_code, e.fix_name, span, e.new_text, e.title, e.pointer))
    return FixResult(_splice(text, edits), tuple(fixes))


def _without_overlaps(edits: list[_Edit]) -> list[_Edit]:
    kept: list[_Edit] = []
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if not kept or e.start >= kept[-1].end:
            kept.append(e)
    return kept


def fix_text(text: str, display: str = "-", settings: Settings | None = None) -> FixResult:
    """Lint `text` (shown as `display`, which per-file ignores match) and apply the safe fixes."""
    from privlint.config import Settings
    from privlint.lint import lint_text

    settings = settings or Settings()
    findings = lint_text(text, display, settings.ruleset(), settings)
    return plan_fixes(text, findings, settings.limits)


def unified_diff(before: str, after: str, display: str) -> str:
    """`--diff`: what --fix would change, as a unified diff (a/ b/ prefixes, like git)."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        f"a/{display}",
        f"b/{display}",
    )
    missing = "\n\\ No newline at end of file\n"
    return "".join(line if line.endswith(("\n", "\r")) else line + missing for line in lines)
