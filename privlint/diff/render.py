"""A diff report in four formats: text (terminal), markdown (PR comment, job summary), json
(docs/diff.md, schemas/diff-report.schema.json) and github (annotations).

Words come from the message catalogue (catalogue/<language>.yaml) and the Markdown layout from
templates/; user-controlled text is escaped for each format at the last moment: Markdown by
the template's finalize (every value not marked safe), terminal text by reporters.text, and
workflow commands by reporters.github.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from functools import cache
from typing import Any

from privlint import __version__
from privlint.diff.data import HERE, read_yaml
from privlint.diff.model import Change, DiffReport, FileDiff, Interest, SideError
from privlint.reporters.summary import Links, md

SHAPE_VERSION = 1
FORMATS = ("text", "markdown", "json", "github")


def languages() -> list[str]:
    """The languages with a message catalogue."""
    return sorted(p.stem for p in (HERE / "catalogue").glob("*.yaml"))


@cache
def catalogue(language: str = "en") -> dict[str, Any]:
    return read_yaml(f"catalogue/{language}.yaml")


class _Params(dict[str, str]):
    def __missing__(self, key: str) -> str:  # a catalogue typo must not crash a report
        return "{" + key + "}"


def message(change: Change, escape: Callable[[str], str] = str, language: str = "en") -> str:
    template: str = catalogue(language)["messages"][change.kind]
    return template.format_map(_Params({k: escape(str(v)) for k, v in change.params.items()}))


def word(key: str, *, language: str = "en", **params: Any) -> str:
    text: str = catalogue(language)["words"][key]
    return text.format_map(_Params({k: str(v) for k, v in params.items()}))


def counted(n: int, key: str, language: str = "en") -> str:
    one, many = catalogue(language)["words"][key]
    return f"{n} {one if n == 1 else many}"


def flag_names(change: Change, language: str = "en") -> list[str]:
    names: dict[str, str] = catalogue(language)["flags"]
    return [names.get(f, f) for f in change.flags]


def headline(report: DiffReport, language: str = "en") -> str:
    review, info = report.count(Interest.REVIEW), report.count(Interest.INFO)
    if report.failed():
        return word(
            "headline-failed", language=language, review=counted(review, "change", language)
        )
    if not review and not info:
        return word("nothing", language=language)
    key = "headline" if review and info else "headline-review" if review else "headline-info"
    return word(
        key,
        language=language,
        review=counted(review, "change", language),
        info=counted(info, "change", language),
        files=counted(len([f for f in report.files if f.changes]), "declaration", language),
    )


def status_text(f: FileDiff, language: str = "en") -> str:
    if f.status.value == "renamed":
        return word("status-renamed", language=language, base_path=f.base_path or "")
    return word(f"status-{f.status.value}", language=language)


def side_text(side: Any, language: str = "en") -> str:
    label = word("working-tree", language=language) if side.label == "working tree" else side.label
    if side.commit and side.commit != side.label:
        return f"{label} ({side.commit[:12]})"
    return str(label)


# -- json -------------------------------------------------------------------------------------


def _change_dict(c: Change) -> dict[str, Any]:
    return {
        "kind": c.kind,
        "interest": c.interest.value,
        "articles": list(c.articles),
        "flags": list(c.flags),
        "message": message(c),
        "params": c.params,
        "json_pointer": c.json_pointer if c.span is not None else None,
        "line": c.span.line if c.span else None,
        "column": c.span.column if c.span else None,
    }


def _error_dict(e: SideError) -> dict[str, Any]:
    return {
        "side": e.side,
        "file": e.path,
        "message": e.message,
        "line": e.span.line if e.span else None,
        "column": e.span.column if e.span else None,
    }


def as_dict(report: DiffReport) -> dict[str, Any]:
    return {
        "version": SHAPE_VERSION,
        "tool": {"name": "privlint", "version": __version__},
        "base": {"label": report.base.label, "commit": report.base.commit},
        "head": {"label": report.head.label, "commit": report.head.commit},
        "summary": {
            "declarations": len(report.files),
            "changes": len(report.changes()),
            "review": report.count(Interest.REVIEW),
            "info": report.count(Interest.INFO),
            "errors": len(report.errors()),
            "fail_on": report.fail_on.value if report.fail_on else None,
            "failed": report.failed(),
        },
        "declarations": [
            {
                "path": f.path,
                "base_path": f.base_path,
                "status": f.status.value,
                "errors": [_error_dict(e) for e in f.errors],
                "changes": [_change_dict(c) for c in f.changes],
            }
            for f in report.files
        ],
    }


def render_json(report: DiffReport, links: Links | None = None) -> str:
    from privlint.reporters import escape_json

    # the check reporters' escapes: bidi overrides, C1 controls, lone surrogates (\udcxx)...
    return escape_json(json.dumps(as_dict(report), indent=2, ensure_ascii=False) + "\n")


# -- markdown ---------------------------------------------------------------------------------


@cache
def _environment() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined
    from markupsafe import Markup

    def finalize(value: Any) -> str:
        # Autoescape for Markdown: every value is inert text unless the code marked it safe.
        return str(value) if isinstance(value, Markup) else md(str(value))

    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=False,  # HTML escaping is the wrong escaping here; finalize does Markdown's
        finalize=finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["safe_md"] = Markup
    return env


MAX_ROWS = 150  # a pull request comment holds at most 65,536 characters


def _rows_shown(report: DiffReport) -> set[tuple[int, int]]:
    """(file, change) indexes in the Markdown: all, or the first MAX_ROWS, review first."""
    rows = [(i, j, c) for i, f in enumerate(report.files) for j, c in enumerate(f.changes)]
    rows.sort(key=lambda r: r[2].interest is not Interest.REVIEW)  # stable: file order kept
    return {(i, j) for i, j, _ in rows[:MAX_ROWS]}


def render_markdown(report: DiffReport, links: Links | None = None, language: str = "en") -> str:
    from markupsafe import Markup

    def line_link(f: FileDiff, c: Change) -> Markup | str:
        if c.span is None:
            return ""
        url = links.line(f.path, c.span.line) if links else None
        return Markup(f"[{c.span.line}]({url})") if url else str(c.span.line)

    shown = _rows_shown(report)
    files = [
        {
            "path": f.path,
            "status": status_text(f, language),
            "errors": [
                word("cannot-compare", language=language, message=e.message)
                + f" ({word(f'side-{e.side}', language=language)}"
                + (f", {e.path}:{e.span.line}:{e.span.column})" if e.span else ")")
                for e in f.errors
            ],
            "changes": [
                {
                    "interest": c.interest.value,
                    "interest_word": catalogue(language)["interest"][c.interest.value],
                    "message": Markup(message(c, md, language)),
                    "flags": flag_names(c, language),
                    "articles": "; ".join(c.articles),
                    "line": line_link(f, c),
                }
                for j, c in enumerate(f.changes)
                if (i, j) in shown
            ],
        }
        for i, f in enumerate(report.files)
        if f.changes or f.errors
    ]
    omitted = len(report.changes()) - len(shown)
    text: str = (
        _environment()
        .get_template("diff.md.j2")
        .render(
            w=catalogue(language)["words"],
            headline=headline(report, language),
            compared=word(
                "compared",
                language=language,
                base=side_text(report.base, language),
                head=side_text(report.head, language),
            ),
            errors=counted(len(report.errors()), "error", language) if report.errors() else "",
            files=files,
            omitted=word("more-rows", language=language, n=omitted) if omitted else "",
        )
    )
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


# -- text -------------------------------------------------------------------------------------

_STYLE = {Interest.REVIEW: "bold yellow", Interest.INFO: "cyan"}


def text_rows(report: DiffReport, language: str = "en") -> list[list[tuple[str, str]]]:
    from privlint.reporters.text import one_line

    interests: dict[str, str] = catalogue(language)["interest"]
    width = max(map(len, interests.values()))

    rows: list[list[tuple[str, str]]] = [
        [
            (
                one_line(
                    word(
                        "compared",
                        language=language,
                        base=side_text(report.base, language),
                        head=side_text(report.head, language),
                    )
                ),
                "bold",
            )
        ]
    ]
    for f in report.files:
        if not f.changes and not f.errors:
            continue
        rows.append(
            [(one_line(f.path), "bold"), (f" ({one_line(status_text(f, language))})", "dim")]
        )
        for e in f.errors:
            where = f":{e.span.line}:{e.span.column}" if e.span else ""
            rows.append(
                [
                    ("  error ", "bold red"),
                    (one_line(f"{e.side} {e.path}{where}: "), "bold"),
                    (one_line(word("cannot-compare", language=language, message=e.message)), ""),
                ]
            )
        for c in f.changes:
            where = f"{c.span.line}:{c.span.column}" if c.span else "-"
            row = [
                (f"  {where:>7} ", "dim"),
                (f"{interests[c.interest.value]:<{width}} ", _STYLE[c.interest]),
                (one_line(message(c, language=language)), ""),
            ]
            if c.flags:
                row.append((f" ({', '.join(flag_names(c, language))})", "bold red"))
            if c.articles:
                row.append((f" [{'; '.join(c.articles)}]", "dim"))
            rows.append(row)
    style = "bold red" if report.failed() or report.errors() else "bold"
    summary = headline(report, language)
    if report.errors():
        summary += "; " + word(
            "errors", language=language, errors=counted(len(report.errors()), "error", language)
        )
    rows.append([(summary, style)])
    return rows


def render_text(report: DiffReport, color: bool = False, language: str = "en") -> str:
    from privlint.reporters.text import styled

    return styled(text_rows(report, language), color=color)


# -- github -----------------------------------------------------------------------------------


def render_github(report: DiffReport, language: str = "en") -> str:
    from privlint.reporters.github import PER_STEP_LIMIT, escape_data, escape_property

    lines: list[str] = []
    for f in report.files:
        for e in f.errors:
            props = [("file", e.path)]
            if e.span:
                props += [("line", str(e.span.line)), ("col", str(e.span.column))]
            props.append(("title", "privlint diff: cannot compare"))
            head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
            lines.append(f"::error {head}::{escape_data(e.message)}")
        for c in f.changes:
            props = [("file", f.path)]
            if c.span is not None:
                props += [("line", str(c.span.line)), ("col", str(c.span.column))]
            label = catalogue(language)["interest"][c.interest.value]
            props.append(("title", f"privlint diff ({label}): {c.kind}"))
            text = message(c, language=language)
            if c.flags:
                text += f" ({', '.join(flag_names(c, language))})"
            if c.articles:
                text += f" [{'; '.join(c.articles)}]"
            level = "warning" if c.interest is Interest.REVIEW else "notice"
            head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
            lines.append(f"::{level} {head}::{escape_data(text)}")
    levels = Counter(line.split(" ", 1)[0] for line in lines)
    if any(n > PER_STEP_LIMIT for n in levels.values()):
        lines.append(word("annotation-limit", language=language, limit=PER_STEP_LIMIT))
    lines.append(escape_data("privlint diff: " + headline(report, language)))
    return "\n".join(lines) + "\n"
