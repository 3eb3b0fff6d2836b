"""Load and validate protocol files, with errors that name file, line and field."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from leerrecht.core.protocols.schema import Protocol

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class ProtocolIssue:
    line: int | None
    field: str
    message: str


class ProtocolError(ValueError):
    """A protocol file is not valid. Lists every problem with file, line and field."""

    def __init__(self, path: str, issues: list[ProtocolIssue]) -> None:
        self.path = path
        self.issues = issues
        super().__init__(str(self))

    def __str__(self) -> str:
        lines = []
        for issue in self.issues:
            where = f"{self.path}, regel {issue.line}" if issue.line else self.path
            lines.append(f"{where}, veld {issue.field}: {issue.message}")
        return "\n".join(lines)


def _line_map(node: yaml.Node, path: Path_, out: dict[Path_, int]) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            out[(*path, key)] = key_node.start_mark.line + 1
            _line_map(value_node, (*path, key), out)
            out[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, (*path, index), out)


def _line_for(loc: Path_, lines: dict[Path_, int]) -> int | None:
    probe = tuple(loc)
    while probe:
        if probe in lines:
            return lines[probe]
        probe = probe[:-1]
    return lines.get(())


CONDITION_TAGS = ("metric", "wettelijk", "handmatig", "all", "any")


def _clean_loc(loc: tuple[Any, ...]) -> Path_:
    """Drop pydantic's union tags from an error location, keeping the real field names.

    A condition's tag follows ``when`` (or a list index inside ``all``/``any``) and is itself
    followed by the failing field: ``steps.0.when.metric.at_least`` -> ``steps.0.when.at_least``.
    """
    parts = [
        p for p in loc if isinstance(p, int) or (not str(p)[:1].isupper() and "[" not in str(p))
    ]
    cleaned: list[str | int] = []
    for i, part in enumerate(parts):
        after_condition_slot = i > 0 and (
            parts[i - 1] == "when"
            or (isinstance(parts[i - 1], int) and i > 1 and parts[i - 2] in ("all", "any"))
        )
        if part in CONDITION_TAGS and i + 1 < len(parts) and after_condition_slot:
            continue
        cleaned.append(part)
    return tuple(cleaned)


def _field_name(loc: Path_) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(bestand)"


def parse_protocol(text: str, path: str = "<protocol>") -> Protocol:
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        raise ProtocolError(
            path, [ProtocolIssue(line, "(yaml)", f"ongeldige YAML: {exc.problem}")]
        ) from None
    except yaml.YAMLError as exc:  # e.g. a control character: ReaderError has no mark
        line = text.count("\n", 0, getattr(exc, "position", 0)) + 1
        raise ProtocolError(
            path,
            [ProtocolIssue(line, "(yaml)", f"ongeldige YAML: {exc}".splitlines()[0])],
        ) from None
    except RecursionError:
        raise ProtocolError(
            path,
            [ProtocolIssue(None, "(yaml)", "ongeldige YAML: lijsten of mappings te diep genest")],
        ) from None
    except ValueError as exc:  # a number of thousands of digits (int max str digits)
        raise ProtocolError(
            path, [ProtocolIssue(None, "(yaml)", f"ongeldige waarde in de YAML: {exc}")]
        ) from None
    if not isinstance(data, dict) or node is None:
        raise ProtocolError(
            path,
            [
                ProtocolIssue(
                    1, "(bestand)", "een protocol is een YAML-mapping met id, name, steps, ..."
                )
            ],
        )
    lines: dict[Path_, int] = {}
    _line_map(node, (), lines)
    try:
        return Protocol.model_validate(data)
    except ValidationError as exc:
        issues: list[ProtocolIssue] = []
        seen: set[tuple[Path_, str]] = set()
        for error in exc.errors():
            loc = _clean_loc(error["loc"])
            message = _dutch(error)
            key = (loc, message)
            if key in seen:
                continue
            seen.add(key)
            issues.append(ProtocolIssue(_line_for(loc, lines), _field_name(loc), message))
        raise ProtocolError(path, _prefer_specific(issues)) from None


def _dutch(error: Any) -> str:
    """The validation message in Dutch, for the regional coordinator who wrote the file."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "extra_forbidden":
        return "onbekend veld (tikfout?)"
    if kind == "missing":
        return "verplicht veld ontbreekt"
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", "")).replace(" or ", " of ")
        return f"{value!r} is niet toegestaan; kies uit {expected}"
    if kind == "string_too_short":
        return f"te kort: ten minste {ctx.get('min_length')} tekens"
    if kind == "too_short":
        return f"te weinig: ten minste {ctx.get('min_length')}"
    if kind in ("string_type", "str_type"):
        return "moet een tekst zijn"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{value!r} is geen geheel getal"
    if kind in ("float_parsing", "float_type"):
        return f"{value!r} is geen getal"
    if kind in ("bool_parsing", "bool_type"):
        return f"{value!r} is geen true/false"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le"))
        return f"{value!r} ligt buiten de grens ({'ten minste' if 'ge' in ctx else 'ten hoogste'} {bound})"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "hier wordt een mapping (sleutel: waarde) verwacht"
    if kind in ("tuple_type", "list_type"):
        return "hier wordt een lijst verwacht"
    return str(error["msg"]).removeprefix("Value error, ")


def _prefer_specific(issues: list[ProtocolIssue]) -> list[ProtocolIssue]:
    """Union conditions produce one error per alternative; keep the most specific ones."""
    if len(issues) <= 1:
        return issues
    by_line: dict[int | None, list[ProtocolIssue]] = {}
    for issue in issues:
        by_line.setdefault(issue.line, []).append(issue)
    kept: list[ProtocolIssue] = []
    for group in by_line.values():
        specific = [i for i in group if i.message != "onbekend veld (tikfout?)" or len(group) == 1]
        kept.extend(specific or group)
    # a list that is empty only because its items failed is no separate problem
    return [
        issue
        for issue in kept
        if not (
            issue.message.startswith("te weinig")
            and any(o.field.startswith(issue.field + "[") for o in kept if o is not issue)
        )
    ]


def load_protocol_file(path: Path) -> Protocol:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProtocolError(
            str(path), [ProtocolIssue(None, "(bestand)", "bestand bestaat niet")]
        ) from None
    except UnicodeDecodeError as exc:
        raise ProtocolError(
            path.name,
            [
                ProtocolIssue(
                    None,
                    "(bestand)",
                    f"geen UTF-8 (byte {exc.start}); sla het bestand op als UTF-8",
                )
            ],
        ) from None
    protocol = parse_protocol(text, path.name)
    if path.stem != protocol.id:
        raise ProtocolError(
            path.name,
            [
                ProtocolIssue(
                    _line_for(("id",), _lines_of(text)),
                    "id",
                    f"id {protocol.id!r} moet gelijk zijn aan de bestandsnaam ({path.stem})",
                )
            ],
        )
    return protocol


def _lines_of(text: str) -> dict[Path_, int]:
    lines: dict[Path_, int] = {}
    node = yaml.compose(text)
    if node is not None:
        _line_map(node, (), lines)
    return lines


def shipped_protocol_files() -> dict[str, Path]:
    folder = resources.files("leerrecht.core.protocols").joinpath("data")
    return {Path(str(p)).stem: Path(str(p)) for p in folder.iterdir() if str(p).endswith(".yaml")}


def load_protocol(ref: str) -> Protocol:
    """Load a shipped protocol by id, or a protocol file by path."""
    shipped = shipped_protocol_files()
    if ref in shipped:
        return load_protocol_file(shipped[ref])
    path = Path(ref)
    if path.suffix in (".yaml", ".yml") and path.exists():
        return load_protocol_file(path)
    known = ", ".join(sorted(shipped)) or "(geen)"
    raise KeyError(
        f"onbekend protocol {ref!r}; beschikbaar: {known} (of geef het pad van een .yaml-bestand)"
    )
