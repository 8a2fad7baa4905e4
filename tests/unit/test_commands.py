"""The slash grammar both chat channels share (handoff/domain/commands.py)."""

import pytest

from handoff.domain.commands import Command, parse_command, start_topic


@pytest.mark.parametrize(
    ("text", "bot", "command"),
    [
        ("/status", None, Command("status")),
        ("  /Zaken  ", "AandachtBot", Command("zaken")),
        ("/zaken@AandachtBot", "aandachtbot", Command("zaken")),  # to us, in any case
        ("/zaken@OtherBot", "AandachtBot", None),  # to another bot in the same group
        ("/zaken@OtherBot", None, Command("zaken")),  # no bot to tell apart (read back)
        ("/doorzetten! 12 Kees", None, Command("doorzetten!", "12 Kees")),
        ("/afsluiten 12\nopgelost", None, Command("afsluiten", "12\nopgelost")),
        ("status", None, None),  # plain text
        ("/", None, None),
        ("/3 dingen", None, None),  # not a command's name
        (None, None, None),
    ],
)
def test_a_command_is_read_with_its_arguments(
    text: str | None, bot: str | None, command: Command | None
) -> None:
    assert parse_command(text, bot) == command


def test_a_leading_number_is_split_from_the_rest() -> None:
    assert Command("afsluiten", "12 de kraan is gemaakt").number_and_rest() == (
        12,
        "de kraan is gemaakt",
    )
    assert Command("afsluiten", "de kraan").number_and_rest() == (None, "de kraan")


def test_only_our_deep_links_name_a_topic() -> None:
    assert start_topic(Command("start", "Reparatie")) == "report_repair"
    assert start_topic(Command("start", "iets anders")) is None
    assert start_topic(Command("help", "reparatie")) is None
