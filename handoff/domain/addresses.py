"""A Dutch address in the parts the BAG and VERA use: postcode, huisnummer, huisletter and
huisnummertoevoeging ("1234 AB", "10A-2" → 1234AB, 10, A, 2).

The assistant asks the postcode and the house number as the tenant writes them; these rules
split them, so a back office finds the home and the register can check that it exists.
"""

import re
from dataclasses import dataclass

_POSTCODE = re.compile(r"\s*([1-9]\d{3})\s?([A-Za-z]{2})\s*")
# "10", "10A", "10 a", "10-2", "10A-2", "10 bis", "10hs", "10-III"; the BAG allows a single
# letter and an addition of up to four letters or digits.
_HOUSE_NUMBER = re.compile(
    r"\s*(\d{1,5})\s?(?:([A-Za-z])(?![A-Za-z]))?\s?(?:-?\s?([A-Za-z0-9]{1,4}))?\s*"
)

# The keys under which a case keeps the parts (cases.details), as the BAG names them.
POSTCODE, NUMBER, LETTER, ADDITION = "postcode", "huisnummer", "huisletter", "huisnummertoevoeging"
AS_WRITTEN = "house_number"  # the house number as the tenant wrote it ("10A-2")


@dataclass(frozen=True)
class Address:
    """A home's address as the register knows it; the letter and addition may be absent."""

    postcode: str  # "1234AB": four digits and two capitals, no space
    huisnummer: int
    huisletter: str | None = None  # one capital
    huisnummertoevoeging: str | None = None  # at most four letters or digits, as written

    def house_number(self) -> str:
        """The house number as one writes it: "10", "10A", "10-2", "10A-2"."""
        letter = self.huisletter or ""
        addition = f"-{self.huisnummertoevoeging}" if self.huisnummertoevoeging else ""
        return f"{self.huisnummer}{letter}{addition}"

    def parts(self) -> dict[str, str]:
        """The parts that are there, under the keys a case keeps them (all strings)."""
        parts = {POSTCODE: self.postcode, NUMBER: str(self.huisnummer)}
        if self.huisletter:
            parts[LETTER] = self.huisletter
        if self.huisnummertoevoeging:
            parts[ADDITION] = self.huisnummertoevoeging
        return parts

    @classmethod
    def from_parts(cls, parts: dict[str, str]) -> "Address | None":
        """The address a case keeps (`parts`: its details), or None when it has none. Cases
        from before the parts were kept have the house number as written ("house_number")."""
        code = normal_postcode(parts.get(POSTCODE) or "")
        if code is None:
            return None
        if not (parts.get(NUMBER) or "").isdigit():
            return parse(code, parts.get(AS_WRITTEN))
        return cls(
            code, int(parts[NUMBER]), parts.get(LETTER) or None, parts.get(ADDITION) or None
        )


def normal_postcode(text: str) -> str | None:
    """ "1234 ab" → "1234AB"; None when it is not a Dutch postcode."""
    match = _POSTCODE.fullmatch(text)
    return f"{match[1]}{match[2].upper()}" if match else None


def parse(postcode: str | None, house_number: str | None) -> Address | None:
    """Splits a postcode and a house number as a tenant wrote them; None when either is not
    one (an answer like "liever niet" leaves the address unknown, which is fine)."""
    if not postcode or not house_number:
        return None
    code = normal_postcode(postcode)
    match = _HOUSE_NUMBER.fullmatch(house_number)
    if code is None or match is None:
        return None
    number, letter, addition = match.groups()
    if int(number) == 0:
        return None
    return Address(
        code,
        int(number),
        letter.upper() if letter else None,
        addition or None,
    )
