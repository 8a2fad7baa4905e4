"""The services the views use, stored on the aiohttp application under a typed key."""

import asyncio
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from handoff.domain.directory import Directory
from handoff.metrics import Metrics
from handoff.nlu.retraining import Retraining
from handoff.nlu.switch import ModelSwitch
from handoff.services.conversation import Conversations
from handoff.services.privacy import Privacy
from handoff.signals import Changes
from handoff.storage.unit_of_work import UnitOfWork
from handoff.web.webchat_delivery import WebChatDelivery


@dataclass(frozen=True)
class WebServices:
    """What the views need."""

    uow: UnitOfWork
    conversations: Conversations
    directory: Directory
    webchat: WebChatDelivery
    desk_changes: Changes  # bumped after every commit; open desk pages refresh their lists
    stopping: asyncio.Event  # set when the app stops: long-lived responses end
    spawn: Callable[[Coroutine[Any, Any, None]], None]  # runs work after the response
    local_mode: bool
    retraining: Retraining
    models: ModelSwitch
    privacy: Privacy  # tenants' exports and erasures
    metrics: Metrics = field(default_factory=Metrics)  # the Runtime's own


SERVICES = web.AppKey("services", WebServices)
