"""Strict records: declared once as plain classes, validated by pydantic only when input is
untrusted.

Rule files, function options and the config file are records with a strict shape (an unknown
key is an error).  Declaring them as pydantic models made every start import pydantic and
build a dozen model classes (~120 ms) just to read privlint's own, already-checked rules.
A `Record` is a plain frozen record at run time; `Record.model_validate(data)` builds the
equivalent pydantic model on first use (same fields, aliases, constraints and validators, so
the same errors and messages) and returns the plain record.  `build` makes a record from data
known to be valid (the built-in rule cache) without pydantic.

    class KeysOptions(Options):          # Options is a Record
        keys: list[str] = Field(min_length=1)

        @field_validator("keys")
        @classmethod
        def _no_blanks(cls, keys: list[str]) -> list[str]: ...
"""

from __future__ import annotations

import builtins
import re
import sys
import types
import typing
from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any, ClassVar, Self, TypeVar, dataclass_transform

_MISSING: Any = object()  # no default


class FieldSpec:
    """What `Field(...)` records: the default and pydantic's constraints, kept for later."""

    def __init__(
        self,
        default: Any = _MISSING,
        *,
        default_factory: Callable[[], Any] | None = None,
        **kw: Any,
    ) -> None:
        self.default = default
        self.default_factory = default_factory
        self.constraints = kw  # alias, description, min_length, ge, le, pattern...


def Field(  # reads like pydantic's Field, which it stands in for
    default: Any = _MISSING, *, default_factory: Callable[[], Any] | None = None, **kw: Any
) -> Any:
    return FieldSpec(default, default_factory=default_factory, **kw)


def field_validator(*names: str) -> Callable[[Any], Any]:
    """Mark a classmethod as an after-validator of the named fields (pydantic's semantics)."""

    def mark(method: Any) -> Any:
        method.__func__.__validates__ = names
        return method

    return mark


class ValidationError(ValueError):
    """pydantic's validation errors, without importing pydantic to catch them."""

    def __init__(self, message: str, errors: list[dict[str, Any]]) -> None:
        super().__init__(message)
        self._errors = errors

    def errors(self) -> list[dict[str, Any]]:
        return self._errors


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(Field,))
class Record:
    """Base of strict records: frozen, keyword-only, compared and hashed by their fields.

    Like a frozen dataclass, without generating code per class (a dataclass costs ~1 ms to
    create, and privlint has a dozen and a half records to create at every start)."""

    __record_fields__: ClassVar[dict[str, FieldSpec]] = {}
    __record_validators__: ClassVar[dict[str, tuple[str, ...]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields = dict(cls.__record_fields__)  # inherited first, in their order
        # The class's own annotations, as inspect.get_annotations(cls) gives them (strings,
        # from __future__); inspect itself costs start-up (ast, dis, tokenize) for nothing else.
        own = cls.__dict__.get("__annotations__", {})  # noqa: RUF063
        for name, annotation in own.items():
            if str(annotation).startswith(("ClassVar", "typing.ClassVar")):
                continue
            value = cls.__dict__.get(name, _MISSING)
            fields[name] = value if isinstance(value, FieldSpec) else FieldSpec(value)
            if name in cls.__dict__:
                delattr(cls, name)  # the instance holds the value
        cls.__record_fields__ = fields
        validators = dict(cls.__record_validators__)
        for attr, value in cls.__dict__.items():
            names = getattr(getattr(value, "__func__", None), "__validates__", None)
            if names:
                validators[attr] = names
        cls.__record_validators__ = validators

    def __init__(self, **values: Any) -> None:
        for name, spec in self.__record_fields__.items():
            if name in values:
                value = values.pop(name)
            elif spec.default is not _MISSING:
                value = spec.default
            elif spec.default_factory is not None:
                value = spec.default_factory()
            else:
                raise TypeError(f"{type(self).__name__}() needs the keyword argument {name!r}")
            object.__setattr__(self, name, value)
        if values:
            raise TypeError(f"{type(self).__name__}() got unknown field(s) {', '.join(values)}")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot assign {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot delete {name!r}")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__record_fields__)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__record_fields__)
        return f"{type(self).__name__}({inner})"

    @classmethod
    def model_validate(cls, data: Any) -> Self:
        """Validate untrusted data (pydantic, imported now) into a record of this class."""
        from pydantic import ValidationError as PydanticError

        try:
            model = _model(cls).model_validate(_dump(data, by_alias=True))
        except PydanticError as exc:
            errors: list[dict[str, Any]] = [dict(e) for e in exc.errors()]
            raise ValidationError(str(exc), errors) from None
        record: Self = _plain(model)
        return record

    @classmethod
    def aliases(cls) -> dict[str, str]:
        """Field name -> the key users write."""
        return {
            name: spec.constraints.get("alias", name)
            for name, spec in cls.__record_fields__.items()
        }

    def model_dump(self, *, by_alias: bool = False) -> dict[str, Any]:
        """A dict of the fields (keys as users write them with `by_alias`), nested records too."""
        names = self.aliases() if by_alias else {}
        return {
            names.get(name, name): _dump(getattr(self, name), by_alias)
            for name in self.__record_fields__
        }


def _dump(value: Any, by_alias: bool) -> Any:
    if isinstance(value, Record):
        return value.model_dump(by_alias=by_alias)
    if isinstance(value, list):
        return [_dump(v, by_alias) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v, by_alias) for k, v in value.items()}
    return value


# -- the pydantic side, built on first use ----------------------------------------------------


_HINTS: dict[type[Record], dict[str, Any]] = {}
_MODELS: dict[type[Record], Any] = {}


def _hints(cls: type[Record]) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _model(cls: type[Record]) -> Any:
    if cls not in _MODELS:
        _MODELS[cls] = _make_model(cls)
    return _MODELS[cls]


def _make_model(cls: type[Record]) -> Any:
    import inspect

    import pydantic

    fields: dict[str, Any] = {}
    hints = _hints(cls)
    for name, spec in cls.__record_fields__.items():
        kw = dict(spec.constraints)
        if spec.default is not _MISSING:
            kw["default"] = spec.default
        elif spec.default_factory is not None:
            kw["default_factory"] = spec.default_factory
        fields[name] = (_model_type(hints[name]), pydantic.Field(**kw))
    validators = {
        attr: pydantic.field_validator(*names)(inspect.getattr_static(cls, attr))
        for attr, names in cls.__record_validators__.items()
    }
    model = pydantic.create_model(
        cls.__name__,
        __config__=pydantic.ConfigDict(extra="forbid", frozen=True, populate_by_name=True),
        __validators__=validators,
        __module__=cls.__module__,
        **fields,
    )
    model.__record__ = cls
    return model


def _model_type(tp: Any) -> Any:
    """The annotation with every record class replaced by its pydantic model."""
    if isinstance(tp, type) and issubclass(tp, Record):
        return _model(tp)
    args = typing.get_args(tp)
    if not args:
        return tp
    origin = typing.get_origin(tp)
    converted = tuple(_model_type(a) for a in args)
    if origin is typing.Union or origin is types.UnionType:
        return typing.Union[converted]  # noqa: UP007 - built from a tuple
    if origin is typing.Literal or converted == args:
        return tp
    return origin[converted if len(converted) > 1 else converted[0]]


def _plain(value: Any) -> Any:
    record = getattr(type(value), "__record__", None)
    if record is not None:
        names = record.__record_fields__
        return record(**{name: _plain(getattr(value, name)) for name in names})
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


# -- trusted data ---------------------------------------------------------------------------------

R = TypeVar("R", bound=Record)


def replace(record: R, **changes: Any) -> R:
    """A copy of the record with some fields changed (dataclasses.replace for records)."""
    values = {name: getattr(record, name) for name in record.__record_fields__}
    return type(record)(**(values | changes))


def build(cls: type[R], data: dict[str, Any]) -> R:
    """A record from data already validated (by field name or alias), without pydantic."""
    by_key, converters = _fields(cls)
    values = {}
    for key, value in data.items():
        name = by_key.get(key, key)
        convert = converters[name]
        values[name] = value if convert is None else convert(value)
    return cls(**values)


Convert = Callable[[Any], Any] | None  # None: the value is used as it is
_FIELDS: dict[type[Record], tuple[dict[str, str], dict[str, Convert]]] = {}


def _fields(cls: type[Record]) -> tuple[dict[str, str], dict[str, Convert]]:
    """(key as written -> field name, field name -> converter), worked out once per class.

    typing.get_type_hints costs ~1 ms a class at every start, and most fields (str,
    list[str], dict[str, Any]) need no converter: those are recognised from the annotation's
    text, and only the annotations of the other fields (that may hold a record or an enum)
    are evaluated."""
    if cls not in _FIELDS:
        by_key = {alias: name for name, alias in cls.aliases().items()}
        plain = _plain_fields(cls)
        _FIELDS[cls] = (
            by_key,
            {
                name: None if name in plain else _converter(_hint(cls, name))
                for name in by_key.values()
            },
        )
    return _FIELDS[cls]


def _hint(cls: type[Record], name: str) -> Any:
    """typing.get_type_hints(cls)[name], evaluating only that field's annotation: the hints of
    a whole class compile every annotation it and its bases have, a tenth of `explain`'s run.
    The annotation is evaluated by get_type_hints itself, on a class holding it alone, in
    the namespaces get_type_hints gives the class that wrote it (its module's names first)."""
    for klass in cls.__mro__:
        annotations = klass.__dict__.get("__annotations__", {})  # noqa: RUF063
        if name in annotations:
            holder = type(klass.__name__, (), {"__annotations__": {name: annotations[name]}})
            module = vars(sys.modules[klass.__module__])
            return typing.get_type_hints(holder, globalns=dict(vars(klass)), localns=module)[name]
    raise KeyError(name)


_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")  # Literal's values
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FORMS = (None, Any, typing.Literal, typing.Union, typing.Optional)


def _plain_fields(cls: type[Record]) -> set[str]:
    """The fields whose annotation names nothing `build` converts: only classes other than
    records and enums, and None, Any, Literal, Union, Optional.  A name that resolves to
    anything else (an alias, a module, nothing) is not plain: the hints decide."""
    plain = set()
    for klass in reversed(cls.__mro__):
        module = sys.modules.get(klass.__module__)
        scopes = (vars(module) if module else {}, vars(klass), vars(builtins))
        for name, annotation in klass.__dict__.get("__annotations__", {}).items():  # noqa: RUF063
            plain.discard(name)  # a subclass may annotate a field again
            if name in cls.__record_fields__ and _plain_annotation(annotation, scopes):
                plain.add(name)
    return plain


def _plain_annotation(annotation: Any, scopes: tuple[Mapping[str, Any], ...]) -> bool:
    if not isinstance(annotation, str):
        return False
    for word in _NAME.findall(_QUOTED.sub("", annotation)):
        value = next((scope[word] for scope in scopes if word in scope), _MISSING)
        if isinstance(value, type):
            if issubclass(value, Record | Enum):
                return False
        elif not any(value is form for form in _FORMS):
            return False
    return True


def _converter(tp: Any) -> Convert:
    """How to turn plain data of type `tp` into records and enums; None if nothing to do."""
    if isinstance(tp, type):
        if issubclass(tp, Record):
            return lambda v: build(tp, v) if isinstance(v, dict) else v
        if issubclass(tp, Enum):
            return tp
        return None
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Union or origin is types.UnionType:
        members = [(_shape(a), c) for a in args if (c := _converter(a)) is not None]
        if not members:
            return None
        return lambda v: next((c(v) for shape, c in members if isinstance(v, shape)), v)
    if origin is list:
        item = _converter(args[0])
        return None if item is None else (lambda v: [item(x) for x in v])
    if origin is dict:
        entry = _converter(args[1])
        return None if entry is None else (lambda v: {k: entry(x) for k, x in v.items()})
    return None


def _shape(tp: Any) -> type:
    """The plain-data type a value of `tp` has: a record is a dict."""
    origin = typing.get_origin(tp) or tp
    if isinstance(origin, type):
        return dict if issubclass(origin, Record) else origin
    return object
