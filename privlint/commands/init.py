"""`privlint init [DIR]`: a commented starter declaration, a .privlint.yaml, and the snippets
that run privlint in pre-commit and GitHub Actions.

On a terminal it asks a few questions (organisation, e-mail, country, language); otherwise
(CI, a pipe) it uses defaults that are plainly placeholders.  `--from statement.txt` or
`--from-tilt tilt.json` imports an existing statement instead of the starter.  The texts are
templates in privlint/templates/init/; files are written with `write_output`, never over an
existing file unless --force.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from string import Template

from privlint import __version__
from privlint.config import today_from_env
from privlint.errors import UsageError
from privlint.output import write_output

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "init"
DECLARATION = "privacy.yaml"
CONFIG = ".privlint.yaml"
SCHEMA_PATH = ".privlint/declaration.schema.json"
AUTHORITIES = {"NL": "Autoriteit Persoonsgegevens"}


@dataclass
class Answers:
    name: str = "Your Organisation B.V."
    email: str = "privacy@example.com"
    country: str = "NL"
    language: str = "nl"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "init",
        help="start a declaration and a configuration",
        description=f"Write a commented starter {DECLARATION} and a {CONFIG} into DIR, and "
        "print the pre-commit and GitHub Actions snippets. Asks a few questions on a "
        "terminal; uses placeholder defaults otherwise.",
    )
    p.add_argument("directory", nargs="?", type=Path, default=Path(), help="where (default: .)")
    source = p.add_mutually_exclusive_group()
    source.add_argument(
        "--from",
        dest="statement",
        type=Path,
        metavar="STATEMENT",
        help="import this privacy statement (text of the Dutch template) instead of the starter",
    )
    source.add_argument(
        "--from-tilt", type=Path, metavar="TILT_JSON", help="import this TILT document instead"
    )
    p.add_argument("--force", action="store_true", help="overwrite files that exist")


def render(template: str, **values: str) -> str:
    return Template((TEMPLATES / template).read_text(encoding="utf-8")).substitute(values)


def ask(answers: Answers, prompt: Callable[[str], str] = input) -> Answers:
    """Ask on the terminal; an empty answer keeps the default shown in brackets."""

    def one(question: str, default: str) -> str:
        reply = prompt(f"{question} [{default}]: ").strip()
        return reply or default

    return Answers(
        name=one("Organisation (the controller)", answers.name),
        email=one("E-mail address for privacy questions", answers.email),
        country=one("Country (ISO code)", answers.country).upper(),
        language=one("Language of the statement", answers.language).lower(),
    )


def starter(answers: Answers, today: date) -> str:
    def q(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)  # a YAML double-quoted scalar

    return render(
        "privacy.yaml",
        schema_path=SCHEMA_PATH,
        name=q(answers.name),
        title=q(f"Privacy statement of {answers.name}"),
        language=q(answers.language),
        today=q(today.isoformat()),
        email=q(answers.email),
        country=q(answers.country),
        authority=q(AUTHORITIES.get(answers.country, "The data protection authority")),
    )


def imported(args: argparse.Namespace) -> str:
    from privlint.commands.import_ import read_input
    from privlint.importers import get_importer

    path: Path = args.statement or args.from_tilt
    result = get_importer("statement-nl" if args.statement else "tilt")(read_input(path), str(path))
    for note in result.notes:
        sys.stderr.write(f"privlint: {path}: not mapped: {note}\n")
    return result.to_yaml()


def run(args: argparse.Namespace) -> int:
    directory: Path = args.directory
    if not directory.is_dir():
        raise UsageError(f"{directory} is not a directory")
    targets = [directory / DECLARATION, directory / CONFIG]
    existing = [str(t) for t in targets if t.exists() or t.is_symlink()]
    if existing and not args.force:
        raise UsageError(f"{', '.join(existing)} exist(s); use --force to overwrite")
    if args.statement or args.from_tilt:
        declaration = imported(args)
    else:
        answers = ask(Answers()) if sys.stdin.isatty() else Answers()
        # the date `check` takes for today (PRIVLINT_TODAY pins it), so the starter is never
        # "dated in the future" for the check that follows
        declaration = starter(answers, today_from_env(os.environ) or date.today())
    config = render("privlint-config.yaml", nl_pack="true")
    write_output(targets[0], declaration, force=args.force)
    write_output(targets[1], config, force=args.force)
    out = sys.stdout
    out.write(f"Wrote {targets[0]} and {targets[1]}.\n\n")
    out.write(f"Next: privlint check {targets[0]}   (privlint check --fix repairs the easy ones)\n")
    out.write(f"Editor completion: privlint schema -o {SCHEMA_PATH}\n\n")
    out.write("pre-commit:\n\n" + render("pre-commit.yaml", version=__version__) + "\n")
    out.write("GitHub Actions:\n\n" + render("github-actions.yaml", version=__version__))
    return 0
