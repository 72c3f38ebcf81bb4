"""The YAML scalar schema every nitet reader and writer shares.

Two parsers read record files — the fast path (:mod:`nitet.storage.yamlfast`, libyaml) and the
round trip (:mod:`nitet.storage.yamlrt`, ruamel) — and :mod:`nitet.storage.fastdump` writes
them. All three resolve plain scalars by :data:`SCALAR_RULES`, so a file means the same thing
to each — and to every YAML 1.2 reader (VS Code's YAML extension, check-jsonschema): this is
YAML 1.2's core schema. ``true``/``false`` are booleans; numbers are numbers, also with leading
zeros (``010101`` is the number 10101: a code that begins with 0 must be quoted), ``0o17``,
``0x1F``, ``.inf`` and ``.nan``; ``~``/``null``/empty are null; everything else — dates,
``yes``/``no``, ``1_000`` — is text. Dates are validated by the models, so ``2026-13-01`` is
reported with its position instead of crashing a constructor. Object-constructing tags are
refused, aliases are refused (no alias bombs).
"""

from __future__ import annotations

import re

MAX_FILE_BYTES = 1024 * 1024

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:[0-9]+\.[0-9]*(?:[eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+|\.[0-9]+(?:[eE][-+]?[0-9]+)?)"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")

#: (tag, regexp, first characters) — the plain-scalar schema shared by both parsers (YAML 1.2 core).
SCALAR_RULES: list[tuple[str, re.Pattern[str], list[str]]] = [
    ("tag:yaml.org,2002:bool", _BOOL, list("tTfF")),
    ("tag:yaml.org,2002:int", _INT, list("-+0123456789")),
    ("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789.")),
    ("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""]),
]

#: What other YAML readers (1.1 and 1.2) would not read as text. When writing, a string that
#: matches one of these is quoted, so the file means the same thing to every tool.
EMIT_EXTRA: list[tuple[str, re.Pattern[str], list[str]]] = [
    (
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$"),
        list("yYnNoO"),
    ),
    (
        "tag:yaml.org,2002:int",
        re.compile(r"^[-+]?(?:0b[0-1_]+|0o?[0-7_]+|[0-9][0-9_]*|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)$"),
        list("-+0123456789"),
    ),
    (
        "tag:yaml.org,2002:float",
        re.compile(
            r"^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
            r"|[-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
            r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*)$"
        ),
        list("-+0123456789."),
    ),
    ("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"]),
    ("tag:yaml.org,2002:value", re.compile(r"^(?:=)$"), ["="]),
]

def yaml12_int(text: str) -> int:
    """The integer a YAML 1.2 plain scalar matching the int rule means (``010`` is 10, not 8)."""
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


class YamlProblem(Exception):
    """A file that cannot be read as a record. ``line``/``column`` are 1-based."""

    def __init__(self, check: str, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.check = check
        self.message = message
        self.line = line
        self.column = column

