"""A YAML 1.2 reader as an editor reads a record: the core schema, written out here from the spec
(https://yaml.org/spec/1.2.2/#1032-tag-resolution), not taken from nitet.

yaml-language-server (VS Code's YAML extension) parses with the ``yaml`` package in YAML 1.2
mode and validates the JSON value of the document: keys become text, ``010101`` is the number
10101, ``yes`` and ``2025-11-25`` are text. The schema tests feed that value to a draft-07
validator, the way the editor does.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_CORE = [
    ("tag:yaml.org,2002:null", r"^(?:null|Null|NULL|~|)$", list("nN~") + [""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     list("-+0123456789.")),
]


class _Resolver(yaml.resolver.BaseResolver):
    yaml_implicit_resolvers: dict[Any, Any] = {}


for _tag, _rx, _first in _CORE:
    _Resolver.add_implicit_resolver(_tag, re.compile(_rx), _first)


class _Constructor(yaml.constructor.SafeConstructor):
    def int12(self, node: Any) -> int:
        text = self.construct_scalar(node)
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text, 10)

    def float12(self, node: Any) -> float:
        text = self.construct_scalar(node).lower()
        if text.lstrip("+-") == ".inf":
            return float("-inf") if text.startswith("-") else float("inf")
        if text == ".nan":
            return float("nan")
        return float(text)


_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.int12)
_Constructor.add_constructor("tag:yaml.org,2002:float", _Constructor.float12)


class Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer,
             _Constructor, _Resolver):
    def __init__(self, stream: Any) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Constructor.__init__(self)
        _Resolver.__init__(self)


def as_json(value: Any) -> Any:
    """The document as JSON holds it: mapping keys are text."""
    if isinstance(value, dict):
        return {("true" if k is True else "false" if k is False else "null" if k is None else str(k)): as_json(v)
                for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


def load(text: str) -> Any:
    return as_json(yaml.load(text, Loader=Loader))  # noqa: S506 - a safe constructor
