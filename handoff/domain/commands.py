"""The slash grammar both chat channels share: "/name[@bot] arguments".

The Telegram side adds its own (which bot a command is for, the menus, the button data) in
bot/; here is only what a typed command means.
"""

import re
from dataclasses import dataclass

_NUMBER = re.compile(r"^(\d+)(?:\s+(.*))?$", re.DOTALL)
_COMMAND = re.compile(r"^/([a-z_]+!?)(?:@(\w+))?(?:\s+(.*))?$", re.DOTALL | re.IGNORECASE)

# The employees' commands. A tenant who types one hears, kindly, that they are for employees.
EMPLOYEE_COMMANDS = frozenset(
    {"zaken", "afsluiten", "doorzetten", "doorzetten!", "afwezig", "beschikbaar", "koppel"}
)

# A tenant's rights under the AVG: everything Aandacht keeps about them, and being forgotten.
EXPORT_COMMAND = "mijngegevens"
FORGET_COMMAND = "vergeetmij"
HELP_COMMAND = "help"
LINK_COMMAND = "koppel"  # an employee links their Telegram account with a code
START_COMMAND = "start"

# The menus Telegram shows (setMyCommands), in their order: tenants see theirs everywhere,
# a linked employee theirs in their own chat. texts.COMMAND_DESCRIPTIONS describes each.
TENANT_MENU = (START_COMMAND, HELP_COMMAND, "status", EXPORT_COMMAND, FORGET_COMMAND)
EMPLOYEE_MENU = ("zaken", "afsluiten", "doorzetten", "afwezig", "beschikbaar", HELP_COMMAND)

# Deep links from the corporation's website (https://t.me/<bot>?start=reparatie) arrive as
# "/start reparatie". Only these payloads mean something; the payload itself never goes on.
START_TOPICS = {"reparatie": "report_repair", "huur": "rent_question", "overlast": "nuisance"}


def start_topic(command: "Command") -> str | None:
    """The topic a "/start <payload>" deep link names, if its payload is one of ours."""
    if command.name != START_COMMAND:
        return None
    return START_TOPICS.get(command.arguments.strip().casefold())


@dataclass(frozen=True)
class Command:
    """A typed command: its name in lower case (with a trailing "!" if given) and the rest."""

    name: str
    arguments: str = ""

    def number_and_rest(self) -> tuple[int | None, str]:
        """Splits "12 the rest" into 12 and "the rest"; no leading number gives None."""
        match = _NUMBER.match(self.arguments)
        if match is None:
            return None, self.arguments
        return int(match.group(1)), (match.group(2) or "").strip()


def parse_command(text: str | None, bot_username: str | None = None) -> Command | None:
    """Reads a command from a message; None for plain text or a command for another bot."""
    match = _COMMAND.match((text or "").strip())
    if match is None:
        return None
    name, addressed_to, arguments = match.groups()
    if addressed_to and bot_username and addressed_to.casefold() != bot_username.casefold():
        return None
    return Command(name.casefold(), (arguments or "").strip())
