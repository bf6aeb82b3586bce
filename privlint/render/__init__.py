"""`privlint render` and `privlint register`: the statement and the Art. 30 record, generated
from a checked declaration with Jinja2 templates (templates/) and message catalogues (locales/).

declaration (dict) -> model.build_statement -> Statement -> template -> HTML or Markdown
declarations -> register.build_register -> Register -> XLSX / CSV / Markdown / JSON
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from privlint.render import markdown
from privlint.render.catalogue import Catalogue, catalogue, languages
from privlint.render.model import Statement, build_statement

TEMPLATES = Path(__file__).resolve().parent / "templates"
FORMATS = {"html": "statement.html.j2", "markdown": "statement.md.j2"}


@cache
def _environment(autoescape: bool) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=autoescape,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.filters["md"] = markdown.escape
    env.filters["cell"] = markdown.cell
    env.filters["mdurl"] = markdown.url
    return env


def render_statement(statement: Statement, cat: Catalogue, fmt: str) -> str:
    """The statement as a page: 'html' (autoescaped) or 'markdown' (escaped by filters)."""
    env = _environment(fmt == "html")
    template = env.get_template(FORMATS[fmt])
    return template.render(s=statement, t=cat.t)


def render(data: Any, *, fmt: str = "html", language: str = "nl", draft: bool = False) -> str:
    cat = catalogue(language)
    return render_statement(build_statement(data, cat, draft=draft), cat, fmt)


__all__ = ["FORMATS", "build_statement", "catalogue", "languages", "render", "render_statement"]
