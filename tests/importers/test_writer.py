"""The declaration writer: the text ruamel.yaml's round-trip dumper gives, at a cost linear in
the output, and values that read back as written."""

from __future__ import annotations

import io
import json
import time
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from privlint.importers.tilt import import_tilt
from privlint.importers.writer import block, dump, flow, put
from privlint.loader import Limits, parse_text


def _ruamel(data: CommentedMap) -> str:
    """What the importers wrote before: ruamel.yaml's round-trip dumper, the oracle here."""
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    buf = io.StringIO()
    yaml.dump(data, buf)
    return buf.getvalue()


# the pieces imported text is made of, and the characters that change a scalar's style;
# no U+2028/U+2029 (ruamel writes them raw inside single quotes, which YAML 1.2 reads back
# differently: the writer escapes them) and no line longer than ruamel's 4096-column wrap
PIECES = st.sampled_from([
    "a", "Z", "0", "1", "-", " ", ":", ": ", "#", " #", "'", '"', "\\", ",", "[", "]", "{", "}",
    "?", "!", "&", "*", "|", ">", "%", "@", "`", "\n", "\t", "\r", "é", "ß", "€", "😀", "\xa0",
    "---", "...", "true", "null", "~", "1.5", "0x1f", "2024-01-01", "<<", "=", "yes", ".inf",
    "privlint: ignore-file ALL -- x", "x" * 120 + " y",
])  # fmt: skip
texts = st.lists(PIECES, min_size=0, max_size=8).map("".join)
scalars = texts | st.integers(-(10**20), 10**20) | st.booleans()
keys = st.sampled_from(["id", "name", "description", "purposes", "x-1", "retention", "period"])


def _tree(draw: st.DrawFn, depth: int) -> CommentedMap:
    node = CommentedMap()
    for key in draw(st.lists(keys, unique=True, max_size=5)):
        kind = draw(
            st.sampled_from(["scalar", "flow", "block", "map"] if depth < 3 else ["scalar"])
        )
        comment = draw(st.none() | texts)
        if kind == "scalar":
            value: Any = draw(scalars)
        elif kind == "flow":
            value = flow(draw(st.lists(texts, max_size=4)))
        elif kind == "block":
            items = st.one_of(scalars, st.builds(lambda: _tree(draw, depth + 1)))
            value = block(draw(st.lists(items, max_size=3)))
        else:
            value = _tree(draw, depth + 1)
        put(node, key, value, comment)
    return node


def _root(draw: st.DrawFn) -> CommentedMap:
    node = CommentedMap(privlint=1)
    node.update(_tree(draw, 0))
    return node


trees = st.composite(_root)()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=trees)
def test_the_writer_gives_ruamels_text_and_the_values_read_back(tree: CommentedMap) -> None:
    text = dump(tree, [])
    values = json.loads(json.dumps(tree))
    data, _, problems = parse_text(text, Limits(max_file_size=0))
    assert problems == [], text
    assert data == values
    theirs = _ruamel(tree)
    if parse_text(theirs, Limits(max_file_size=0))[0] == values:  # not where ruamel errs
        assert text == theirs


def test_line_separators_are_escaped_not_written_raw() -> None:
    node = CommentedMap()
    put(node, "a", "one\u2028two\u2029three")
    text = dump(node, [])
    assert text == 'a: "one\\Ltwo\\Pthree"\n'
    assert parse_text(text)[0] == {"a": "one\u2028two\u2029three"}


def test_import_of_equal_names_is_linear() -> None:
    """The cost per activity of a TILT import and its writing does not grow with the count
    (it did with unique_id, then with ruamel's dumper at ~0.7 ms per activity)."""
    entry = {"category": "E-Mail", "purposes": [{"purpose": "Newsletter"}]}

    def cost(n: int) -> float:
        raw = json.dumps({"meta": {"name": "x"}, "dataDisclosed": [entry] * n}).encode()
        start = time.process_time()
        text = import_tilt(raw, "in.json").to_yaml()
        spent = time.process_time() - start
        assert text.count("\n  - id: e-mail") == n
        return spent

    # Best of a few runs each: on a shared VM one run of the same work can take x1.8 the CPU
    # time of another, and the noise only ever adds time.
    small, large = min(cost(1_000) for _ in range(3)), min(cost(10_000) for _ in range(3))
    assert large < 12 * small + 0.5, (small, large)  # ten times the work, not a hundred
    assert large < 5, large  # ~1 s on a quiet machine; with ruamel's dumper ~7 s
