"""Load data/*.yaml into typed records, turning every schema error into a located Problem."""

from __future__ import annotations

import difflib
import types
import typing
from pathlib import Path

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..errors import DataError, Problem
from ..yamlsource import Located, read_yaml
from . import fields
from .sections import BY_FILE, FILES

LANG_NAMES = {"zh": "Chinese (zh)", "en": "English (en)"}  # fields.DATA_LANGS, as messages name them


class Dataset:
    """Every data file, validated against its schema, with the source positions kept: one attribute
    per file of sections.FILES (ds.provinces, ds.competition, …), named there."""

    def __init__(self, values: dict[str, object], located: dict[str, Located]):
        self._values = values
        self.located = located  # file name → positions

    def __getattr__(self, name: str):
        try:
            return self.__dict__["_values"][name]
        except KeyError:
            raise AttributeError(f"no data file named {name!r} in clusteratlas/dataset/sections.py") from None

    def records(self, name: str) -> list:
        """The records of a list file (a section's, say), by its name in sections.FILES."""
        return self._values[name]


def load(data_dir: Path) -> Dataset:
    """Read and schema-check every file; raise DataError with all problems of all files."""
    problems: list[Problem] = []
    values: dict[str, object] = {}
    located: dict[str, Located] = {}
    for data_file in FILES:
        name, root_type = data_file.file, data_file.root_type
        path = data_dir / name
        display = f"{data_dir.name}/{name}"
        if not path.exists() and not path.is_symlink():
            problems.append(Problem(display, 0, "", "the file is missing", f"restore it: git checkout -- {display}"))
            continue
        loc, errs = read_yaml(path, display, inside=data_dir)
        problems += errs
        if loc is None:
            continue
        if errs:  # values the reader refused would only repeat as schema errors: fix these first
            located[name] = loc
            continue
        if loc.value is None:
            problems.append(
                Problem(
                    display,
                    0,
                    "",
                    "the file holds no data, only comments",
                    f"restore its content from git: git checkout -- {display}",
                )
            )
            continue
        located[name] = loc
        problems += _duplicate_ids(loc)  # checked on the raw values, so it shows even beside schema errors
        try:
            values[data_file.name] = TypeAdapter(root_type).validate_python(loc.value)
        except ValidationError as e:
            problems += [_explain(loc, root_type, err) for err in e.errors()]
    # Names are exact: 'Provinces.YAML' or 'sectors.yml' would be ignored on Linux and collide on
    # case-insensitive file systems, so any other YAML-looking file is an error, not a no-op.
    unexpected = sorted(
        p.name for p in data_dir.iterdir() if p.name.lower().endswith((".yaml", ".yml")) and p.name not in BY_FILE
    )
    for name in unexpected:
        close = [k for k in BY_FILE if k.lower() == name.lower().replace(".yml", ".yaml")]
        problems.append(
            Problem(
                f"{data_dir.name}/{name}",
                0,
                "",
                "unknown data file; nothing reads it",
                f"rename it to {close[0]} (names are exact, lowercase, .yaml)"
                if close
                else "known files: "
                + ", ".join(BY_FILE)
                + "; a new kind of data is declared in clusteratlas/dataset/sections.py (docs/dev/architecture.md)",
            )
        )
    if problems:
        raise DataError(problems)
    return Dataset(values, located)


def _duplicate_ids(loc: Located) -> list[Problem]:
    if not isinstance(loc.value, list):
        return []
    seen: dict[str, int] = {}
    out = []
    for i, item in enumerate(loc.value):
        ident = item.get("id") if isinstance(item, dict) else None
        if not isinstance(ident, str):
            continue
        if ident in seen:
            out.append(
                loc.problem(
                    (i, "id"),
                    f"duplicate id '{ident}' (first at line {loc.line((seen[ident], 'id'))})",
                    "ids must be unique within the file: they become page URLs",
                )
            )
        seen.setdefault(ident, i)
    return out


def _explain(loc: Located, root_type, err: dict) -> Problem:
    """Turn one pydantic error into words an analyst can act on."""
    parts = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    kind, last = err["type"], (parts[-1] if parts else "")
    got = err.get("input")
    if kind == "missing":
        if last in LANG_NAMES:
            return loc.problem(
                parts,
                f"the {LANG_NAMES[last]} text is missing",
                "every text needs both zh and en; a missing translation stops the build",
            )
        return loc.problem(parts, f"required field '{last}' is missing", f"add '{last}:' to this record")
    if kind == "extra_forbidden":
        known = _known_fields(root_type, parts[:-1])
        close = difflib.get_close_matches(str(last), known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else ("allowed here: " + ", ".join(known) if known else "")
        return loc.problem(parts, f"unknown field '{last}'", hint)
    if kind == "string_too_long" and err.get("ctx", {}).get("max_length") == fields.ID_MAX:
        return loc.problem(
            parts,
            f"the id is {len(got)} characters long, over the limit of {fields.ID_MAX}",
            "ids become file names and URLs: use a short slug such as 'jiangsu-2018-guidance'",
        )
    if kind == "string_too_short":
        what = f"the {LANG_NAMES[last]} text" if last in LANG_NAMES else f"'{last}'"
        return loc.problem(parts, f"{what} is empty", "write the text; an empty string is not a translation")
    if kind == "string_pattern_mismatch" and (last == "id" or str(err.get("ctx", {}).get("pattern")) == fields.ID_RE):
        return loc.problem(
            parts,
            f"{got!r} is not a valid id",
            "ids become URLs: lowercase ASCII letters, digits and single hyphens, e.g. 'inner-mongolia' → 'neimenggu'",
        )
    if kind in ("int_type", "int_parsing"):
        return loc.problem(parts, f"expected a whole number, got {got!r}", "write the number without quotes, e.g. 7")
    if kind in ("string_type",):
        return loc.problem(parts, f"expected text, got {type(got).__name__} {got!r}", "put the value in quotes")
    if kind in ("list_type",):
        return loc.problem(
            parts, f"expected a list, got {type(got).__name__}", "write a list: one '- item' per line, or [a, b]"
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return loc.problem(
            parts,
            f"expected a block of fields, got {type(got).__name__} {_short(got)}",
            "write 'key: value' lines under this field (zh: … and en: … for a text)",
        )
    if kind == "literal_error":
        return loc.problem(parts, f"{got!r} is not allowed; expected {err['ctx']['expected']}")
    if kind == "value_error":
        return loc.problem(parts, str(err["msg"]).removeprefix("Value error, "))
    return loc.problem(parts, f"{err['msg']} (got {_short(got)})")


def _short(v) -> str:
    s = repr(v)
    return s if len(s) <= 60 else s[:57] + "..."


def _known_fields(root_type, parts: tuple) -> list[str]:
    """The field names allowed at `parts`, found by walking the type annotations."""
    t = root_type
    for p in parts:
        t = _strip(t)
        if isinstance(p, int):
            args = typing.get_args(t)
            t = args[0] if args else None
        elif isinstance(t, type) and issubclass(t, BaseModel):
            f = t.model_fields.get(p)
            t = f.annotation if f else None
        elif typing.get_origin(t) is dict:
            t = typing.get_args(t)[1]
        else:
            return []
    t = _strip(t)
    return list(t.model_fields) if isinstance(t, type) and issubclass(t, BaseModel) else []


def _strip(t):
    # Unwrap Annotated[...] and Optional[...] to the type that carries the fields.
    while True:
        origin = typing.get_origin(t)
        if origin is typing.Annotated:
            t = typing.get_args(t)[0]
        elif origin in (typing.Union, types.UnionType):
            non_none = [a for a in typing.get_args(t) if a is not type(None)]
            t = non_none[0] if len(non_none) == 1 else t
            if len(non_none) != 1:
                return t
        else:
            return t
