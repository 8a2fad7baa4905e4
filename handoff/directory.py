"""The employee directory: teams, the topics they handle, and the people in them (a YAML file)."""

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from handoff.domain.presence import WorkingHours


class DirectoryError(Exception):
    """The directory file is invalid; the message names the field and the line."""


class Team(BaseModel):
    """A team that handles some topics, optionally only for some postcode areas."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=r"^[a-z0-9_-]+$")
    name: str = Field(min_length=1)
    topics: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    lead: str | None = None  # takes a case nobody else in the team can take in time


class Employee(BaseModel):
    """A named person who can own cases."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=2)
    teams: tuple[str, ...] = Field(min_length=1)
    telegram_user_id: int | None = None
    areas: tuple[str, ...] = ()
    replaces: tuple[str, ...] = ()
    working_hours: str | None = None  # the directory's working_hours when not given
    capacity: int | None = Field(default=None, ge=1)  # most open cases at once
    admin: bool = False  # may review the bot's mistakes and retrain it

    _hours_are_readable = field_validator("working_hours")(lambda value: _readable_hours(value))


class Directory(BaseModel):
    """The whole directory, checked for references that do not resolve."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    default_team: str
    working_hours: str = "ma-vr 08:30-17:00"
    capacity: int = Field(default=15, ge=1)
    teams: tuple[Team, ...] = Field(min_length=1)
    employees: tuple[Employee, ...] = Field(min_length=1)

    _hours_are_readable = field_validator("working_hours")(lambda value: _readable_hours(value))

    @model_validator(mode="after")
    def _references_resolve(self) -> "Directory":
        keys = [team.key for team in self.teams]
        if len(set(keys)) != len(keys):
            raise _FieldError(("teams",), "team keys must be unique")
        if self.default_team not in keys:
            raise _FieldError(("default_team",), f"no team with key {self.default_team!r}")
        names = set()
        for index, employee in enumerate(self.employees):
            for team in employee.teams:
                if team not in keys:
                    raise _FieldError(("employees", index, "teams"), f"no team with key {team!r}")
            if normalise_name(employee.name) in names:
                raise _FieldError(("employees", index, "name"), "names must be unique")
            names.add(normalise_name(employee.name))
        for index, team in enumerate(self.teams):
            if team.lead is not None and normalise_name(team.lead) not in names:
                raise _FieldError(("teams", index, "lead"), f"no employee named {team.lead!r}")
        return self

    def team(self, key: str) -> Team:
        """Returns the team with this key."""
        return next(team for team in self.teams if team.key == key)

    def employee(self, name: str) -> Employee | None:
        """Finds an employee by name, ignoring case and accents."""
        wanted = normalise_name(name)
        return next((e for e in self.employees if normalise_name(e.name) == wanted), None)

    def hours_of(self, employee: Employee) -> WorkingHours:
        """The employee's working hours, or everyone's."""
        return _parse_hours(employee.working_hours or self.working_hours)

    def capacity_of(self, employee: Employee) -> int:
        return employee.capacity or self.capacity

    def lead_of(self, team: Team) -> Employee | None:
        """The team's lead, when the directory names one."""
        return self.employee(team.lead) if team.lead else None

    def members(self, team_key: str) -> list[Employee]:
        """Returns the team's employees in directory order."""
        return [e for e in self.employees if team_key in e.teams]


# Routing asks for every candidate's hours; each distinct text is parsed once.
_parse_hours = functools.cache(WorkingHours.parse)


def _readable_hours(value: str | None) -> str | None:
    if value is not None:
        WorkingHours.parse(value)  # raises ValueError with the reason
    return value


def normalise_name(name: str) -> str:
    """Folds case, accents and spacing so "José  de Vries" matches "jose de vries"."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


@dataclass
class _FieldError(ValueError):
    """A semantic error at a path inside the file."""

    loc: tuple[str | int, ...]
    reason: str


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
        if isinstance(context, _FieldError):
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
