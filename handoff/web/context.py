"""The services the views use, stored on the aiohttp application under a typed key."""

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from handoff.services.conversation import Conversations
from handoff.services.unit_of_work import UnitOfWork
from handoff.web.webchat_delivery import WebChatDelivery


@dataclass(frozen=True)
class WebServices:
    """What the views need."""

    uow: UnitOfWork
    conversations: Conversations
    webchat: WebChatDelivery
    spawn: Callable[[Coroutine[Any, Any, None]], None]  # runs work after the response
    local_mode: bool


SERVICES = web.AppKey("services", WebServices)
