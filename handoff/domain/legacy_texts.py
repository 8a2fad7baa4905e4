"""The Dutch the domain said itself, kept until handoff/cases/ says it through handoff.texts."""

# being moved in the redesign branch: cases/lifecycle.py, cases/notices.py and cases/queries.py
# still use RoutingDecision.reason, presence.promise, transcript.KIND_LABELS and render()
# without labels, which say these words. Once they use texts.routing_reason, texts.promise,
# texts.KIND_LABELS and texts.TRANSCRIPT_LABELS, delete this module and those four.
# tests/unit/test_bot_texts.py checks that every word here is the one in handoff/texts.py.

ROUTING_REASONS = {
    "requested": "gevraagd",
    "successor": "neemt het werk van {former} over",
    "returning": "had uw vorige vraag",
    "team": "team {team}",
}
SENDER_LABELS = {
    "tenant": "Huurder",
    "bot": "Assistent",
    "employee": "Medewerker",
    "note": "Notitie",
}
KIND_LABELS = {
    "photo": "[foto]",
    "voice": "[spraakbericht]",
    "sticker": "[sticker]",
    "document": "[document]",
    "video": "[video]",
    "other": "[bericht zonder tekst]",
}
NOTE_BY = "Notitie van {author}"
PROMISES = {
    "today": "vandaag vóór {clock}",
    "tomorrow": "morgen vóór {clock}",
    "this_week": "{weekday} vóór {clock}",
    "later": "op {day} {month} vóór {clock}",
}
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")  # fmt: skip
