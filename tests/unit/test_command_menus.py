"""The menus and deep links are complete and within Telegram's rules."""

import re

from handoff import texts
from handoff.domain.commands import (
    EMPLOYEE_COMMANDS,
    EMPLOYEE_MENU,
    START_TOPICS,
    TENANT_MENU,
    Command,
    start_topic,
)


def test_every_menu_command_is_described_within_telegrams_limits() -> None:
    for menu, descriptions in (
        (TENANT_MENU, texts.TENANT_COMMAND_DESCRIPTIONS),
        (EMPLOYEE_MENU, texts.EMPLOYEE_COMMAND_DESCRIPTIONS),
    ):
        assert set(menu) == set(descriptions)
        for name in menu:
            assert re.fullmatch(r"[a-z0-9_]{1,32}", name)  # setMyCommands' rule
            assert 1 <= len(descriptions[name]) <= 256
    assert set(EMPLOYEE_MENU) - {"help"} <= EMPLOYEE_COMMANDS


def test_deep_links_name_only_their_topics() -> None:
    assert set(START_TOPICS.values()) == set(texts.START_WELCOMES)
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{1,64}", p) for p in START_TOPICS)  # Telegram's rule
    assert start_topic(Command("start", "Reparatie")) == "report_repair"
    assert start_topic(Command("start", "reparatie extra")) is None
    assert start_topic(Command("help", "reparatie")) is None
    assert start_topic(Command("start", "")) is None
