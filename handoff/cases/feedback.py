"""Two questions after a case closes: "Voelde u zich gehoord?" and "Moest u uw vraag vaker dan
één keer uitleggen?". The answers are buttons handled by the app, not by Rasa, and are stored
per case and owner for the team's figures."""

from typing import TypeGuard

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handoff import texts
from handoff.domain.handoff_request import DUTCH
from handoff.storage.tables import Case, Contact, Feedback, utcnow

PREFIX = "feedback:"
_HEARD, _REPEATED = "heard", "repeated"


def heard_buttons(case_id: int) -> list[list[dict[str, str]]]:
    """The buttons 1 to 5 that ask a tenant how well they were heard."""
    return [[{"title": str(n), "payload": f"{PREFIX}{_HEARD}:{case_id}:{n}"} for n in range(1, 6)]]


def repeated_buttons(case_id: int, language: str = DUTCH) -> list[list[dict[str, str]]]:
    """The yes and no buttons that ask a tenant whether they had to repeat themselves."""
    yes, no = (
        texts.to_tenant(language, key, dutch)
        for key, dutch in (("yes", texts.YES), ("no", texts.NO))
    )
    return [
        [
            {"title": yes, "payload": f"{PREFIX}{_REPEATED}:{case_id}:ja"},
            {"title": no, "payload": f"{PREFIX}{_REPEATED}:{case_id}:nee"},
        ]
    ]


def is_feedback(payload: str | None) -> TypeGuard[str]:
    """Whether a button's payload is an answer to the feedback questions."""
    return payload is not None and payload.startswith(PREFIX)


async def record(session: AsyncSession, contact: Contact, payload: str) -> tuple[str, list | None]:
    """Stores one answer; returns what to say next (the second question, or thanks)."""
    question, case_id, answer = payload.removeprefix(PREFIX).split(":")
    case = await session.get(Case, int(case_id))
    if case is None or case.contact_id != contact.id:
        return texts.NOT_UNDERSTOOD, None
    feedback = await session.scalar(select(Feedback).where(Feedback.case_id == case.id))
    if feedback is None:
        feedback = Feedback(case_id=case.id, owner_id=case.owner_id)
        session.add(feedback)
    feedback.answered_at = utcnow()
    if question == _HEARD:
        feedback.felt_heard = int(answer)
        question_text = texts.to_tenant(
            case.language, "feedback_repeated", texts.FEEDBACK_REPEATED
        )
        return question_text, repeated_buttons(case.id, case.language)
    feedback.explained_more_than_once = answer == "ja"
    return texts.to_tenant(case.language, "feedback_thanks", texts.FEEDBACK_THANKS), None
