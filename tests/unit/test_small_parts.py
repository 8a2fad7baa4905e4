"""Small pure parts: the handoff contract, neutralising slashes, splitting texts, transcripts."""

import html
import re
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest

from bot.delivery import split_html, split_text
from handoff.domain.handoff_request import HandoffRequest, InvalidHandoff
from handoff.domain.text_rules import neutralise, storable
from handoff.domain.transcript import TranscriptLine, render
from handoff.texts import TRANSCRIPT_LABELS


def test_handoff_payload_is_read() -> None:
    request = HandoffRequest.from_payload(
        {
            "topic": "nuisance",
            "summary": "uw buren maken lawaai",
            "summary_confirmed": True,
            "flags": ["frustratie"],
            "postcode": " 1011 AB ",
            "house_number": "",
            "requested_employee": None,
        }
    )
    assert request.summary_confirmed
    assert request.flags == ("frustratie",)
    assert request.details() == {"postcode": "1011 AB"}


@pytest.mark.parametrize("payload", [{}, {"topic": "x"}, {"topic": "", "summary": "y"}, None])
def test_handoff_payload_without_topic_or_summary_is_refused(payload: object) -> None:
    with pytest.raises(InvalidHandoff):
        HandoffRequest.from_payload(payload)  # type: ignore[arg-type]  # wrong on purpose


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('/talk_to_human{"summary": "x"}', 'talk_to_human{"summary": "x"}'),
        ("  //affirm", "affirm"),
        ("mijn kraan/douche lekt", "mijn kraan/douche lekt"),
        ("/", ""),
        # Security review #6: a space, tab or no-break space between slashes, then Rasa strips.
        (
            '/ /ask_for_employee{"employee_name": "Anouk Smit"}',
            'ask_for_employee{"employee_name": "Anouk Smit"}',
        ),
        ("/ /restart", "restart"),
        ("/\t/restart", "restart"),
        ("/\xa0/restart", "restart"),
        (" \n/ / /restart ", "restart"),
    ],
)
def test_neutralise_removes_leading_slashes(text: str, expected: str) -> None:
    assert neutralise(text) == expected
    assert not neutralise(text).strip().startswith("/")  # what Rasa would unpack as an intent


def test_split_text_keeps_every_character_within_the_limit() -> None:
    text = "\n".join(f"regel {i} " + "x" * 50 for i in range(200))
    parts = split_text(text, limit=1000)
    assert all(len(part) <= 1000 for part in parts)
    assert "".join(parts).replace("\n", "") == text.replace("\n", "")
    assert split_text("kort") == ["kort"]
    assert split_text("a" * 2500, limit=1000) == ["a" * 1000, "a" * 1000, "a" * 500]


class _Balance(HTMLParser):
    """Reads one part as Telegram would: every tag closed, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open, f"</{tag}> closes nothing"
        assert self.open.pop() == tag, f"</{tag}> closes nothing"

    def handle_data(self, data: str) -> None:
        self.text += data


def read_html(part: str) -> str:
    assert not re.search(r"&(?!#?\w+;)", part), "an entity cut in two"
    parser = _Balance()
    parser.feed(part)
    parser.close()
    assert parser.open == [], "an element left open"
    return parser.text


@pytest.mark.parametrize(
    "text",
    [
        "&amp;" * 1000,  # the review's example: a tenant's message of 1000 '&'
        "<b>Zaak 12</b>\n<i>" + "lang verhaal &lt;met tekens&gt; " * 300 + "</i>",
        '<a href="https://example.org/?a=1&amp;b=2">' + "woord " * 900 + "</a> einde",
        "<pre>" + "x" * 9000 + "</pre>",
    ],
)
def test_split_html_gives_parts_that_are_each_valid_html(text: str) -> None:
    parts = split_html(text, limit=1000)
    assert len(parts) > 1
    assert all(len(part) <= 1000 for part in parts)
    read = [read_html(part) for part in parts]
    whole = html.unescape(re.sub(r"<[^>]+>", "", text))
    assert "".join(read).replace(" ", "").replace("\n", "") == (
        whole.replace(" ", "").replace("\n", "")
    )


def test_transcript_shows_time_sender_and_media() -> None:
    at = datetime(2026, 11, 27, 9, 5, tzinfo=UTC)
    text = render(
        [
            TranscriptLine(at, "tenant", "text", "mijn kraan lekt"),
            TranscriptLine(at, "tenant", "photo", "zo ziet het eruit"),
            TranscriptLine(at, "employee", "text", "ik kom langs", author="Fatima el Amrani"),
            TranscriptLine(at, "note", "text", "bel eerst", author="Kees Visser"),
        ],
        TRANSCRIPT_LABELS,
    )
    assert text.splitlines() == [
        "27-11 09:05 Huurder: mijn kraan lekt",
        "27-11 09:05 Huurder: [foto] zo ziet het eruit",
        "27-11 09:05 Fatima el Amrani: ik kom langs",
        "27-11 09:05 Notitie van Kees Visser: bel eerst",
    ]


def test_storable_keeps_what_every_database_can_hold() -> None:
    assert storable("hallo\x00wereld") == "hallowereld"  # PostgreSQL refuses NUL in text
    assert storable("\ud800 hallo") == "\ufffd hallo"  # a lone surrogate, from JSON
    assert storable("🇳🇱 cv-ketel") == "🇳🇱 cv-ketel"
