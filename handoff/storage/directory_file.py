"""Reads the directory file (YAML); errors name the field and the line."""

from pathlib import Path

import yaml
from pydantic import ValidationError

from handoff.domain.directory import Directory, FieldError


class DirectoryError(Exception):
    """The directory file is invalid; the message names the field and the line."""


def load_directory(path: Path) -> Directory:
    """Loads and checks the directory file; errors name the field and the line."""
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise DirectoryError(f"{path}: not valid YAML: {error}") from None
    try:
        return Directory.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        loc, reason = first["loc"], first["msg"]
        context = first.get("ctx", {}).get("error")
        if isinstance(context, FieldError):
            loc, reason = context.loc, context.reason
        line = _line_of(root, loc)
        field = ".".join(str(part) for part in loc) or "(top)"
        raise DirectoryError(f"{path}, line {line}: {field}: {reason}") from None


def _line_of(node: yaml.Node | None, loc: tuple[str | int, ...]) -> int:
    """Finds the 1-based line of the deepest node along `loc` that exists in the file."""
    if node is None:
        return 1
    line = node.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == part), None)
            if match is None:
                break
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
        else:
            break
        line = node.start_mark.line + 1
    return line
