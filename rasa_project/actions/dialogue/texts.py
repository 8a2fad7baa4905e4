"""The action server's own words: what an employee reads in a handoff besides the tenant's
summary. Everything the model says to a tenant is in rasa_project/domain.yml; these are the
only Dutch sentences of the actions, and tests/unit/test_bot_texts.py checks them as B1 with
the app's (handoff/texts.py), and that no other sentence lives in the actions.

The flags are the handoff payload's words (docs/handoff-contract.md): the app shows them as
they are ("Let op: frustratie").
"""

WANTS_EMPLOYEE = "u wilt {employee} spreken"  # the summary when the tenant asked for someone
WANTS_SOMEONE = "u wilt een medewerker spreken"  # the summary when there was nothing to restate
NOT_CONFIRMED = "samenvatting niet bevestigd"  # the tenant said "Nee" to the summary twice
NOT_FOUND_FLAG = "adres niet gevonden"  # the register knew the address on neither answer
FRUSTRATED = "frustratie"  # the tenant is fed up (dialogue/frustration.py)
URGENT = "spoed"  # an emergency
