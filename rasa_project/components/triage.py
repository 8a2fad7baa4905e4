"""Safety first, also when the model is unsure: when to ask "Is er direct gevaar?".

When the model hesitates between a repair and an emergency, guessing either way is wrong: a
gas leak read as a repair waits for office hours, and a dripping tap read as an emergency
scares the tenant with 112. The bot asks instead. Plain Python without Rasa imports.
"""

from collections.abc import Sequence

REPAIR = "report_repair"
EMERGENCY = "report_emergency"
FALLBACK = "nlu_fallback"
MARGIN = 0.25  # repair and emergency closer than this, the two best: ask
EMERGENCY_FLOOR = 0.15  # a repair with at least this much emergency in it: ask


def unsure_of_danger(ranking: Sequence[tuple[str, float]]) -> bool:
    """Whether to ask about danger first, from the model's ranking (best first).

    Asks when repair and emergency are the two best and close, when the best is a repair but
    an emergency is quite likely too, or when the model fell back and its best guess was an
    emergency (a possible gas leak never gets "Sorry, dat begreep ik niet").
    """
    fell_back = bool(ranking) and ranking[0][0] == FALLBACK
    real = [(name, confidence) for name, confidence in ranking if name != FALLBACK]
    if not real:
        return False
    (top, best), second = real[0], real[1] if len(real) > 1 else ("", 0.0)
    if fell_back and top == EMERGENCY:
        return True
    if {top, second[0]} == {REPAIR, EMERGENCY} and best - second[1] < MARGIN:
        return True
    return top == REPAIR and dict(real).get(EMERGENCY, 0.0) >= EMERGENCY_FLOOR
