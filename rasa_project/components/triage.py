"""Safety first, also when the model is unsure: when to ask "Is er direct gevaar?".

When the model hesitates between a repair and an emergency, guessing either way is wrong: a
gas leak read as a repair waits for office hours, and a dripping tap read as an emergency
scares the tenant with 112. The bot asks instead. Plain Python without Rasa imports.
"""

from collections.abc import Sequence

REPAIR = "report_repair"
EMERGENCY = "report_emergency"
FALLBACK = "nlu_fallback"
MARGIN = 0.25  # a repair with an emergency closer behind than this: ask
EMERGENCY_FLOOR = 0.15  # a repair with at least this much emergency in it: ask


def unsure_of_danger(ranking: Sequence[tuple[str, float]]) -> bool:
    """Whether to ask about danger first, from the model's ranking (best first).

    Asks when the best guess is a repair but an emergency is close behind or quite likely, and
    when the model fell back with an emergency among its two best guesses (a possible gas leak
    never gets "Sorry, dat begreep ik niet"). An emergency as the confident best guess gets the
    safety steps at once: asking first would only delay them.
    """
    fell_back = bool(ranking) and ranking[0][0] == FALLBACK
    real = [(name, confidence) for name, confidence in ranking if name != FALLBACK]
    if not real:
        return False
    top, best = real[0]
    emergency = dict(real).get(EMERGENCY, 0.0)
    if fell_back:
        return EMERGENCY in (name for name, _ in real[:2])
    if top != REPAIR:
        return False
    runner_up = real[1] if len(real) > 1 else ("", 0.0)
    close = runner_up[0] == EMERGENCY and best - runner_up[1] < MARGIN
    return close or emergency >= EMERGENCY_FLOOR
