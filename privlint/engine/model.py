"""The rule-file format, validated strictly: an unknown key is an error, never ignored.

Built-in packs (rules/*.yaml) and organisations' own rule files use exactly this format.
The classes are strict records (privlint.strict): plain frozen dataclasses at run time,
validated by pydantic only when a rule file is read from YAML.
"""

from __future__ import annotations

from typing import Any, Literal

from privlint.findings import Severity
from privlint.strict import Field, Record

CODE_PATTERN = r"^PL[0-9]{3,4}$"
NAME_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"


class Check(Record):
    """One assertion on a selected node (or on one of its fields).

    A schema check on an absent field is skipped (require the field on the node instead);
    a function receives the MISSING marker and decides for itself.
    """

    field: str | None = Field(
        default=None, description="Dotted path below the selected node; absent means the node"
    )
    schema_: dict[str, Any] | bool | None = Field(default=None, alias="schema")
    function: str | None = None
    options: dict[str, Any] = Field(default_factory=dict)
    message: str | None = Field(
        default=None, min_length=1, description="Message template for this check (else the rule's)"
    )
    at: str | None = Field(
        default=None,
        description="Key of the node to report at when a hit is on the node or an absent field",
    )


class Condition(Record):
    """When the rule applies to a selected node: it holds when the value passes the schema
    and the function reports nothing."""

    field: str | None = None
    schema_: dict[str, Any] | bool | None = Field(default=None, alias="schema")
    function: str | None = None
    options: dict[str, Any] = Field(default_factory=dict)


class Examples(Record):
    failing: str = Field(alias="fail")
    passing: str = Field(alias="pass")


class Rule(Record):
    code: str = Field(pattern=CODE_PATTERN)
    name: str = Field(pattern=NAME_PATTERN)
    severity: Severity
    articles: list[str] = Field(default_factory=list)
    summary: str = Field(min_length=1)
    rationale: str = Field(min_length=1)
    message: str = Field(min_length=1)
    fix: str = Field(min_length=1)
    given: list[str] | str | None = None
    when: Condition | None = None
    then: list[Check] | Check | None = None
    options: dict[str, Any] = Field(default_factory=dict)
    examples: Examples | None = None
    # Set by the loader, not by rule authors.
    pack: str = ""
    source: str = ""
    builtin_check: Literal["loader", "schema", "engine"] | None = Field(
        default=None, alias="provided-by"
    )

    @property
    def selectors(self) -> list[str]:
        if self.given is None:
            return []
        return [self.given] if isinstance(self.given, str) else list(self.given)

    @property
    def checks(self) -> list[Check]:
        if self.then is None:
            return []
        return [self.then] if isinstance(self.then, Check) else list(self.then)


class RulePack(Record):
    pack: str = Field(pattern=NAME_PATTERN)
    description: str = ""
    default: bool = True
    rules: list[Rule]
