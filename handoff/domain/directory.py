"""The employee directory: teams, the topics they handle, and the people in them.

The file it is read from is storage/directory_file.py's business."""

import functools
import unicodedata
from dataclasses import dataclass

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from handoff.domain.presence import WorkingHours


def _readable_hours(value: str | None) -> str | None:
    if value is not None:
        WorkingHours.parse(value)  # raises ValueError with the reason
    return value


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

    _hours_are_readable = field_validator("working_hours")(_readable_hours)


class Directory(BaseModel):
    """The whole directory, checked for references that do not resolve."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    default_team: str
    working_hours: str = "ma-vr 08:30-17:00"
    capacity: int = Field(default=15, ge=1)
    teams: tuple[Team, ...] = Field(min_length=1)
    employees: tuple[Employee, ...] = Field(min_length=1)

    _hours_are_readable = field_validator("working_hours")(_readable_hours)

    @model_validator(mode="after")
    def _references_resolve(self) -> "Directory":
        keys = [team.key for team in self.teams]
        if len(set(keys)) != len(keys):
            raise FieldError(("teams",), "team keys must be unique")
        if self.default_team not in keys:
            raise FieldError(("default_team",), f"no team with key {self.default_team!r}")
        names = set()
        for index, employee in enumerate(self.employees):
            for team_key in employee.teams:
                if team_key not in keys:
                    raise FieldError(
                        ("employees", index, "teams"), f"no team with key {team_key!r}"
                    )
            if normalise_name(employee.name) in names:
                raise FieldError(("employees", index, "name"), "names must be unique")
            names.add(normalise_name(employee.name))
        for index, team in enumerate(self.teams):
            if team.lead is not None and normalise_name(team.lead) not in names:
                raise FieldError(("teams", index, "lead"), f"no employee named {team.lead!r}")
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
        """How many open cases the employee takes: their own capacity, or the directory's."""
        return employee.capacity or self.capacity

    def lead_of(self, team: Team) -> Employee | None:
        """The team's lead, when the directory names one."""
        return self.employee(team.lead) if team.lead else None

    def members(self, team_key: str) -> list[Employee]:
        """Returns the team's employees in directory order."""
        return [e for e in self.employees if team_key in e.teams]


# Routing asks for every candidate's hours; each distinct text is parsed once.
_parse_hours = functools.cache(WorkingHours.parse)


def normalise_name(name: str) -> str:
    """Folds case, accents and spacing so "José  de Vries" matches "jose de vries"."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


@dataclass
class FieldError(ValueError):
    """A semantic error at a path inside the file."""

    loc: tuple[str | int, ...]
    reason: str
