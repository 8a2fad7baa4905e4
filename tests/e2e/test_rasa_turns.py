"""Rasa takes each of the app's turns once: asked again for a turn it answered (the app crashed
before storing the answer), it gives the same answer back (reliability review, defect 6)."""

import asyncio

import aiohttp
import pytest

from tests.support.rasa_servers import RasaServers

pytestmark = pytest.mark.rasa


async def say(
    http: aiohttp.ClientSession,
    rasa: RasaServers,
    text: str,
    turn: str,
    sender: str = "turns-tenant",
) -> list:
    body = {"sender": sender, "message": text, "metadata": {"turn": turn}}
    async with http.post(f"{rasa.url}/webhooks/aandacht/webhook", json=body) as response:
        assert response.status == 200
        return (await response.json())["messages"]


async def user_texts(
    http: aiohttp.ClientSession, rasa: RasaServers, sender: str = "turns-tenant"
) -> list[str]:
    url = f"{rasa.url}/conversations/{sender}/tracker?token={rasa.token}"
    async with http.get(url) as response:
        events = (await response.json())["events"]
    return [e["text"] for e in events if e["event"] == "user"]


async def test_a_turn_asked_again_is_answered_again_not_taken_twice(rasa: RasaServers) -> None:
    async with aiohttp.ClientSession() as http:
        first = await say(http, rasa, "mijn kraan lekt", "telegram:41")
        assert first
        assert any("?" in (m.get("text") or "") for m in first)  # a question
        again = await say(http, rasa, "mijn kraan lekt", "telegram:41")
        assert again == first
        assert await user_texts(http, rasa) == ["mijn kraan lekt"]

        # A new turn with other words is a new message, and gets the next answer.
        next_answer = await say(http, rasa, "in de keuken", "telegram:42")
        assert next_answer != first
        assert await user_texts(http, rasa) == ["mijn kraan lekt", "in de keuken"]


async def test_two_tries_of_a_turn_at_once_take_it_once(rasa: RasaServers) -> None:
    """The check for an answered turn is made under the conversation's lock, with the tracker
    the turn then uses: a second try waits for the first and gets its answer."""
    async with aiohttp.ClientSession() as http:
        first, second = await asyncio.gather(
            say(http, rasa, "mijn kraan lekt", "telegram:51", sender="turns-at-once"),
            say(http, rasa, "mijn kraan lekt", "telegram:51", sender="turns-at-once"),
        )
        assert first
        assert second == first
        assert await user_texts(http, rasa, "turns-at-once") == ["mijn kraan lekt"]
