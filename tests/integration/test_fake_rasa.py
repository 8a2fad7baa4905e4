"""The fake Rasa speaks what the app's Rasa client reads, so tests on it mean something for the
real channel (rasa_project/connectors/aandacht_rest.py)."""

import asyncio
import re
from collections.abc import AsyncIterator

import aiohttp
import pytest

from handoff.app.runtime import FatalError, Runtime
from handoff.domain.handoff_request import HandoffRequest, InvalidHandoff
from handoff.nlu.client import BotReply, RasaClient, RasaUnavailable, Understanding
from tests.conftest import quick_settings
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.rasa import ASSISTANT_REPLY, MODEL_FILE, FakeRasa, Received, handoff_payload


@pytest.fixture
async def client(fake_rasa: FakeRasa) -> AsyncIterator[RasaClient]:
    """The app's own client, pointed at the fake."""
    async with aiohttp.ClientSession() as session:
        yield RasaClient(fake_rasa.url, fake_rasa.token, session, patience=0)


async def test_scripted_replies_reach_the_client_as_rasa_would_send_them(
    fake_rasa: FakeRasa, client: RasaClient
) -> None:
    payload = handoff_payload(
        "report_repair", "uw kraan lekt", summary_confirmed=True, postcode="1011 AB"
    )
    fake_rasa.reply_to(
        "Mijn kraan lekt",
        text="Dus als ik het goed begrijp: uw kraan lekt?",
        buttons=[("Ja", "/affirm"), ("Nee", "/deny")],
    )
    fake_rasa.reply_to("/affirm", handoff=payload, once=True)
    fake_rasa.reply_to(
        re.compile("weet ik niet"),
        text="Geen probleem.",
        intent="nlu_fallback",
        confidence=0.3,
        guess="inform",
        guess_confidence=0.2,
    )

    summary = await client.send("a", "mijn kraan LEKT ")
    assert summary.replies == [
        BotReply(
            "Dus als ik het goed begrijp: uw kraan lekt?",
            [{"title": "Ja", "payload": "/affirm"}, {"title": "Nee", "payload": "/deny"}],
        )
    ]
    assert summary.understood == Understanding("inform", 1.0, "inform", 1.0)
    handed = await client.send("a", "/affirm")
    assert handed.replies == [BotReply(custom={"handoff": payload})]
    assert HandoffRequest.from_payload(payload).postcode == "1011 AB"
    assert handed.understood is not None
    assert handed.understood.intent == "report_repair"
    unsure = await client.send("b", "dat weet ik niet precies")
    assert unsure.understood == Understanding("nlu_fallback", 0.3, "inform", 0.2)
    assert unsure.understood.fell_back
    # A `once` script answered once; then the default answers.
    assert (await client.send("a", "/affirm")).replies == [BotReply(ASSISTANT_REPLY)]
    fake_rasa.by_default(
        text="Sorry?", intent="nlu_fallback", confidence=0.9, guess="greet", guess_confidence=0.4
    )
    lost = await client.send("b", "huh")
    assert lost.replies == [BotReply("Sorry?")]
    assert lost.understood == Understanding("nlu_fallback", 0.9, "greet", 0.4)

    assert fake_rasa.senders() == ["a", "b"]
    assert fake_rasa.texts_from("a") == ["mijn kraan LEKT ", "/affirm", "/affirm"]
    assert fake_rasa.saw("huh")
    assert not fake_rasa.saw("HUH")
    assert fake_rasa.received[2] == Received("b", "dat weet ik niet precies", {"language": "nl"})


async def test_status_and_loading_a_model_need_the_token(
    fake_rasa: FakeRasa, client: RasaClient
) -> None:
    status = await client.status()
    assert status["model_file"] == MODEL_FILE
    assert status["model_id"]
    async with aiohttp.ClientSession() as session:
        stranger = RasaClient(fake_rasa.url, "wrong", session)
        with pytest.raises(RasaUnavailable, match="refused RASA_TOKEN"):
            await stranger.status()
        with pytest.raises(RasaUnavailable, match="HTTP 401"):
            await stranger.load_model(fake_rasa.url, "models/other.tar.gz")

    await client.load_model(fake_rasa.url, "models/next.tar.gz")
    assert fake_rasa.loaded == ["models/next.tar.gz"]
    assert (await client.status())["model_file"] == "models/next.tar.gz"


async def test_a_failing_rasa_is_unavailable_to_the_client(
    fake_rasa: FakeRasa, client: RasaClient
) -> None:
    fake_rasa.fail_next("webhook", 500)
    with pytest.raises(RasaUnavailable, match="HTTP 500"):
        await client.send("a", "hallo")
    assert fake_rasa.received == []
    assert (await client.send("a", "hallo")).replies == [BotReply(ASSISTANT_REPLY)]


def test_a_payload_against_the_contract_is_refused_where_it_is_built() -> None:
    with pytest.raises(InvalidHandoff):
        handoff_payload("report_repair", "")
    payload = handoff_payload("talk_to_human", "u wilt een medewerker spreken")
    assert payload == {
        "topic": "talk_to_human",
        "summary": "u wilt een medewerker spreken",
        "summary_confirmed": False,
        "flags": [],
        "requested_employee": None,
    }


async def test_the_app_stops_when_rasa_refuses_its_token(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    runtime = Runtime(quick_settings(database_url, bot_api, fake_rasa, rasa_token="wrong"))
    await runtime.start()
    try:
        failure = await asyncio.wait_for(runtime.wait_for_failure(), timeout=10)
    finally:
        await runtime.stop()
    assert isinstance(failure, FatalError)
    assert "RASA_TOKEN" in str(failure)
    assert not runtime.rasa_ready.is_set()


async def test_a_rasa_that_answered_before_and_now_refuses_is_an_outage_not_a_start(
    fake_rasa: FakeRasa,
) -> None:
    # Reliability review, defect 9: each try waited the whole start-up patience (30 s) while
    # Rasa was down, so the tenant heard nothing for minutes.
    async with aiohttp.ClientSession() as session:
        client = RasaClient(fake_rasa.url, fake_rasa.token, session, patience=60)
        assert (await client.send("s1", "hallo")).replies
        await fake_rasa.stop()  # Rasa goes down: connections are refused
        with pytest.raises(RasaUnavailable, match="not reachable"):
            await asyncio.wait_for(client.send("s1", "hallo"), timeout=20)
