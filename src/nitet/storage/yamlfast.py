"""The fast read path: libyaml (PyYAML's C parser) with a small constructor.

Reads thousands of records quickly by :data:`~nitet.storage.yamlrules.SCALAR_RULES`; refuses
aliases, object-constructing tags, duplicate keys and git conflict markers with a
:class:`~nitet.storage.yamlrules.YamlProblem` that carries the line and column.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.cyaml import CParser  # type: ignore[attr-defined]

from nitet.storage.yamlrules import MAX_FILE_BYTES, SCALAR_RULES, YamlProblem, yaml12_int


class _FastConstructor(yaml.constructor.SafeConstructor):
    yaml_constructors = {}  # type: ignore[misc]

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(
                None, None, f"expected a mapping, found {node.id}", node.start_mark
            )
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "unhashable key", key_node.start_mark
                ) from None
            if key in mapping:
                raise _DuplicateKey(key, key_node.start_mark)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_yaml12_int(self, node: Any) -> int:
        """YAML 1.2: ``010`` is ten (PyYAML's 1.1 constructor would read octal 8)."""
        return yaml12_int(self.construct_scalar(node))

    def construct_undefined(self, node: Any) -> Any:
        raise _BadTag(str(node.tag), node.start_mark)


class _DuplicateKey(Exception):
    def __init__(self, key: Any, mark: Any):
        self.key, self.mark = key, mark


class _BadTag(Exception):
    def __init__(self, tag: str, mark: Any):
        self.tag, self.mark = tag, mark


_SC = yaml.constructor.SafeConstructor
for _tag, _fn in (
    ("tag:yaml.org,2002:null", _SC.construct_yaml_null),
    ("tag:yaml.org,2002:bool", _SC.construct_yaml_bool),
    ("tag:yaml.org,2002:int", _FastConstructor.construct_yaml12_int),
    ("tag:yaml.org,2002:float", _SC.construct_yaml_float),
    ("tag:yaml.org,2002:str", _SC.construct_yaml_str),
    ("tag:yaml.org,2002:seq", _SC.construct_yaml_seq),
    ("tag:yaml.org,2002:map", _SC.construct_yaml_map),
    (None, _FastConstructor.construct_undefined),
):
    _FastConstructor.add_constructor(_tag, _fn)  # type: ignore[type-var]


class _FastResolver(yaml.resolver.BaseResolver):
    yaml_implicit_resolvers: dict[Any, Any] = {}


for _tag, _rx, _first in SCALAR_RULES:
    _FastResolver.add_implicit_resolver(_tag, _rx, _first)


class FastLoader(CParser, _FastConstructor, _FastResolver):  # type: ignore[misc]
    def __init__(self, stream: Any):
        CParser.__init__(self, stream)
        _FastConstructor.__init__(self)
        _FastResolver.__init__(self)


def _mark_pos(mark: Any) -> tuple[int, int]:
    if mark is None:
        return 1, 1
    return mark.line + 1, mark.column + 1


def _refuse_aliases(text: str) -> None:
    """Records never need aliases; refusing them rules out alias bombs before composing."""
    loader = FastLoader(text)
    try:
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return
            if isinstance(event, yaml.AliasEvent):
                line, col = _mark_pos(event.start_mark)
                raise YamlProblem("alias", "aliases are not allowed in records", line, col)
    except yaml.YAMLError:
        return  # syntax errors are reported by the real parse
    finally:
        loader.dispose()


def _refuse_conflict_markers(text: str) -> None:
    """A file git left half-merged (``<<<<<<<`` … ``>>>>>>>``): point at the first marker."""
    for n, line in enumerate(text.split("\n"), start=1):
        if line.startswith("<<<<<<<"):
            raise YamlProblem("merge-conflict", "git merge conflict markers", n, 1)


def _char_at(text: str, line: int, col: int) -> str:
    lines = text.split("\n")
    if 0 < line <= len(lines) and 0 < col <= len(lines[line - 1]):
        return lines[line - 1][col - 1]
    return ""


def decode(data: bytes) -> str:
    """UTF-8 text of a record file (a BOM is tolerated) or a :class:`YamlProblem`."""
    if len(data) > MAX_FILE_BYTES:
        raise YamlProblem("too-large", f"file is larger than {MAX_FILE_BYTES // 1024} KiB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise YamlProblem("encoding", "not UTF-8", line, col) from None
    return text


def parse_fast(data: bytes) -> Any:
    """Parse one record file's bytes; raise :class:`YamlProblem` for anything unreadable."""
    text = decode(data)
    if "<<<<<<<" in text:
        _refuse_conflict_markers(text)
    if "*" in text:
        _refuse_aliases(text)
    loader = FastLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlProblem("empty", "file is empty")
        return loader.construct_document(node)
    except YamlProblem:
        raise
    except _DuplicateKey as e:
        line, col = _mark_pos(e.mark)
        raise YamlProblem("duplicate-key", str(e.key), line, col) from None
    except _BadTag as e:
        line, col = _mark_pos(e.mark)
        raise YamlProblem("tag", e.tag.replace("tag:yaml.org,2002:", "!!"), line, col) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = _mark_pos(mark)
        msg = " ".join(str(x) for x in (e.context, e.problem) if x)
        check = "tab" if _char_at(text, line, col) == "\t" else "syntax"
        raise YamlProblem(check, msg, line, col) from None
    except yaml.reader.ReaderError as e:  # a raw control character (ESC, NUL): libyaml gives its byte offset
        from nitet.core.controls import controls_in

        raw = text.encode("utf-8")
        at = min(max(e.position, 0), len(raw))
        start = raw.rfind(b"\n", 0, at) + 1
        col = len(raw[start:at].decode("utf-8", "ignore")) + 1
        named = controls_in(chr(e.character)) if isinstance(e.character, int) else []
        raise YamlProblem("control-character", ", ".join(named) or f"U+{e.character:04X}",
                          raw[:at].count(b"\n") + 1, col) from None
    except yaml.YAMLError as e:
        raise YamlProblem("syntax", str(e)) from None
    except RecursionError:
        raise YamlProblem("syntax", "nesting is too deep") from None
    except (ValueError, IndexError, TypeError, OverflowError) as e:  # e.g. `!!int` with no value
        raise YamlProblem("syntax", f"{type(e).__name__}: {e}") from None
    finally:
        loader.dispose()


