"""Working hours, and the honest promise a tenant hears about when a person will answer.

Working hours are written as the directory's admins say them: "ma-vr 08:30-17:00", or several
periods: "ma-do 09:00-17:00; vr 09:00-12:00". Times are Dutch local time.
"""

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Europe/Amsterdam")
DAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")  # as the directory writes working days
# A person answers within this much of their working time; a promise never says less.
ANSWER_WITHIN = timedelta(hours=3)

_PERIOD = re.compile(
    r"^\s*(?P<days>[a-z]{2}(?:\s*[-,]\s*[a-z]{2})*)\s+"
    r"(?P<start>\d{1,2}[:.]\d{2})\s*-\s*(?P<end>\d{1,2}[:.]\d{2})\s*$"
)


@dataclass(frozen=True)
class Period:
    """Working times on some days of the week, in Dutch time."""

    days: frozenset[int]  # 0 = Monday
    start: time
    end: time


@dataclass(frozen=True)
class WorkingHours:
    """An employee's working hours: the periods of a week they work."""

    periods: tuple[Period, ...]

    @classmethod
    def parse(cls, text: str) -> "WorkingHours":
        """Reads "ma-vr 08:30-17:00; za 10:00-12:00"; raises ValueError with a reason."""
        periods = []
        for part in text.lower().split(";"):
            match = _PERIOD.match(part)
            if not match:
                raise ValueError(f"{part.strip()!r} is not like 'ma-vr 08:30-17:00'")
            start, end = _clock(match["start"]), _clock(match["end"])
            if end <= start:
                raise ValueError(f"{part.strip()!r} ends before it starts")
            periods.append(Period(_days(match["days"]), start, end))
        return cls(tuple(periods))

    def is_working(self, at: datetime) -> bool:
        """Whether the moment falls in one of the periods."""
        local = at.astimezone(LOCAL)
        return any(
            local.weekday() in period.days and period.start <= local.time() < period.end
            for period in self.periods
        )

    def next_start(self, at: datetime) -> datetime:
        """The moment this person is next at work: `at` itself while they are working."""
        if self.is_working(at):
            return at
        local = at.astimezone(LOCAL)
        for offset in range(8):
            day = (local + timedelta(days=offset)).date()
            starts = sorted(
                datetime.combine(day, period.start, LOCAL)
                for period in self.periods
                if day.weekday() in period.days
            )
            for start in starts:
                if start > local:
                    return start
        raise ValueError("working hours without any working day")

    def working_time(self, start: datetime, end: datetime) -> timedelta:
        """How much of the time between `start` and `end` falls within these hours."""
        total = timedelta()
        first, last = start.astimezone(LOCAL).date(), end.astimezone(LOCAL).date()
        for offset in range((last - first).days + 1):
            day = first + timedelta(days=offset)
            for period in self.periods:
                if day.weekday() in period.days:
                    begin = max(start, datetime.combine(day, period.start, LOCAL))
                    finish = min(end, datetime.combine(day, period.end, LOCAL))
                    total += max(finish - begin, timedelta())
        return total

    def answer_by(self, at: datetime) -> datetime:
        """When a person with these hours will have answered a case that arrives at `at`."""
        start = self.next_start(at).astimezone(LOCAL)
        end = next(
            datetime.combine(start.date(), period.end, LOCAL)
            for period in self.periods
            if start.weekday() in period.days and period.start <= start.time() < period.end
        )
        if end - start < timedelta(hours=1):  # too little left of this period: the next one
            return self.answer_by(end + timedelta(seconds=1))
        return min(start + ANSWER_WITHIN, end)


class Day(Enum):
    """How a promise names its day: the nearer, the plainer."""

    TODAY = "today"
    TOMORROW = "tomorrow"
    THIS_WEEK = "this_week"  # by its weekday
    LATER = "later"  # by its date


@dataclass(frozen=True)
class Promise:
    """A deadline as the tenant hears it; handoff.texts.promise says it in words."""

    day: Day
    at: datetime  # the deadline in Dutch local time


def promised(deadline: datetime, now: datetime) -> Promise:
    """Tells how to name a deadline: "vandaag", "morgen", a weekday, or a date."""
    local, today = deadline.astimezone(LOCAL), now.astimezone(LOCAL).date()
    days = (local.date() - today).days
    if days == 0:
        return Promise(Day.TODAY, local)
    if days == 1:
        return Promise(Day.TOMORROW, local)
    if days < 7:
        return Promise(Day.THIS_WEEK, local)
    return Promise(Day.LATER, local)


def _clock(text: str) -> time:
    hours, minutes = (int(part) for part in re.split(r"[:.]", text))
    if hours == 24 and minutes == 0:
        return time(23, 59, 59)
    return time(hours, minutes)


def _days(text: str) -> frozenset[int]:
    days: set[int] = set()
    for part in re.split(r"\s*,\s*", text.strip()):
        first, _, last = (piece.strip() for piece in part.partition("-"))
        if first not in DAYS or (last and last not in DAYS):
            raise ValueError(f"{part!r}: days are ma, di, wo, do, vr, za, zo")
        a, b = DAYS.index(first), DAYS.index(last or first)
        days.update(range(a, b + 1) if a <= b else [*range(a, 7), *range(b + 1)])
    return frozenset(days)
