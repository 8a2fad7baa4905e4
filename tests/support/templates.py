"""Reading the app's texts back: which handoff/texts.py template a message was made from, and
with what in its fields. Tests then assert on the constant, not on a copy of its words."""

import re
import string
from functools import cache

from tests.fakes.bot_api import FakeBotApi, SentMessage


@cache
def pattern(template: str) -> re.Pattern[str]:
    """Returns a regular expression finding a text made from the template, fields as groups."""
    pieces = list(string.Formatter().parse(template))
    parts, seen = [], set()
    for index, (literal, field, _spec, _conversion) in enumerate(pieces):
        parts.append(re.escape(literal))
        if field is None:
            continue
        # A field ending the template takes the rest; any other, as little as fits.
        last = index == len(pieces) - 1
        # A field that comes back (the employee's name, twice) must say the same again.
        parts.append(f"(?P={field})" if field in seen else f"(?P<{field}>.*{'' if last else '?'})")
        seen.add(field)
    return re.compile("".join(parts), re.DOTALL)


def fields(template: str, text: str | None, /) -> dict[str, str] | None:
    """Returns the fields of the template where a text contains it, else None."""
    found = pattern(template).search(text or "")
    return found.groupdict() if found else None


def said(template: str, text: str | None, /, **known: object) -> bool:
    """Tells whether a text contains the template with these fields (others may be anything)."""
    found = fields(template, text)
    return found is not None and all(found[k] == str(v) for k, v in known.items())


def fixed_part(template: str) -> str:
    """Returns the longest piece of the template without fields, to look for in a chat."""
    return max((literal for literal, *_ in string.Formatter().parse(template)), key=len)


async def wait_for_said(
    bot_api: FakeBotApi,
    chat_id: int,
    template: str,
    /,
    *,
    start: int = 0,
    timeout: float = 15.0,
    **known: object,
) -> SentMessage:
    """Waits for a message to the chat made from the template with these fields; returns it."""
    return await bot_api.wait_for(
        lambda m: m.chat_id == chat_id and said(template, m.text, **known), timeout, start
    )
