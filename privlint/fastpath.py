"""The fast path: prove a file clean without building its position index.

Positions are needed only to place findings, and most files have none.  `is_clean` reads a
file with a lean builder over the same libyaml event stream the loader uses (no spans, no
pointers: about 4x cheaper), validates it and runs the rules.  Only when the answer is a clean
"no findings at all" is it final; anything else - a finding, a suppression comment, or any
YAML feature the lean builder leaves to the loader (anchors, aliases, tags, merge keys,
duplicate keys, several documents, limits, a parse error) - sends the file down the slow path
from scratch, so findings and their positions are always the slow path's own.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from privlint.loader import (
    _CONTROL_RE,
    Limits,
    _invisible,
    _key_text,
    decode,
    read_bytes,
    resolve_plain,
)
from privlint.validate import validate

if TYPE_CHECKING:
    from privlint.config import Settings
    from privlint.discovery import Target
    from privlint.engine.registry import RuleSet
    from privlint.engine.run import Runner

_NO_KEY: Any = object()


def _parser_class() -> Any:
    try:
        from _ruamel_yaml import CParser  # type: ignore[import-not-found]  # ruamel.yaml.clib
    except ImportError:  # pragma: no cover - no libyaml: the loader's pure parser only
        return None
    return CParser


def quick_load(path: Path, limits: Limits) -> tuple[dict[str, Any], str] | None:
    """(data, text) exactly as the loader would build them, or None: ask the loader."""
    parser_class = _parser_class()
    if parser_class is None:
        return None
    raw = read_bytes(path, limits.max_file_size)  # never blocks, size-capped, like the loader
    if not isinstance(raw, bytes):
        return None
    text, _ = decode(raw)
    del raw  # a large file's bytes need not outlive its text
    if text is None:
        return None
    try:
        data = _build(parser_class(text), limits)
    except Exception:  # a YAML error: the loader reports it with its position
        return None
    return None if data is None else (data, text)


def _build(parser: Any, limits: Limits) -> dict[str, Any] | None:
    from ruamel.yaml.events import (
        DocumentEndEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
        StreamStartEvent,
    )

    get = parser.get_event
    if get().__class__ is not StreamStartEvent or get().__class__ is not DocumentStartEvent:
        return None
    stack: list[Any] = []  # open containers
    keys: list[Any] = []  # per open mapping: the key whose value comes next
    nodes = 0
    # The loader's node limit, which --max-file-size 0 lifts along with the size limit.
    max_nodes = limits.max_nodes if limits.max_file_size else math.inf
    max_depth = limits.max_depth
    while True:
        ev = get()
        cls = ev.__class__
        value: Any
        if cls is ScalarEvent:
            if ev.anchor is not None or ev.tag is not None:
                return None
            value = ev.value if ev.style else resolve_plain(ev.value)
            # Control characters can only come from escapes, so only double-quoted text can hold
            # them (libyaml refuses them raw).
            if ev.style == '"' and _CONTROL_RE.search(value):
                return None  # the loader refuses control characters in text, with a position
            nodes += 1
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            if ev.anchor is not None or ev.tag is not None or len(stack) >= max_depth:
                return None
            nodes += 1
            stack.append({} if cls is MappingStartEvent else [])
            keys.append(_NO_KEY)
            continue
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            value = stack.pop()
            if keys.pop() is not _NO_KEY:  # pragma: no cover - libyaml pairs keys and values
                return None
        else:  # an alias, or anything unexpected
            return None
        if nodes > max_nodes:
            return None
        if not stack:
            break
        parent = stack[-1]
        if parent.__class__ is list:
            parent.append(value)
            continue
        key = keys[-1]
        if key is _NO_KEY:
            if isinstance(value, dict | list):
                return None
            key = _key_text(value)
            if key == "<<" or key in parent or _invisible(key) is not None:
                # merge key, duplicate or a key with control characters: the loader decides
                return None
            keys[-1] = key
        else:
            parent[key] = value
            keys[-1] = _NO_KEY
    if not isinstance(value, dict):
        return None
    if get().__class__ is not DocumentEndEvent or get().__class__ is not StreamEndEvent:
        return None  # a second document, or an error after the first: the loader decides
    return value


def is_clean(target: Target, ruleset: RuleSet, settings: Settings, runner: Runner) -> bool:
    """True only if the slow path would report nothing for this file."""
    from privlint import suppress

    loaded = quick_load(target.path, settings.limits)
    if loaded is None:
        return False
    data, text = loaded
    if validate(data) or runner.run(data):
        return False
    suppressions, problems = suppress.parse(text, ruleset)
    return not suppressions and not problems
