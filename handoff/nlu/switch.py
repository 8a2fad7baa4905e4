"""Going live with a model without dropping or stalling a tenant's message.

Two Rasa servers share one tracker store: the live one answers tenants while the standby one
loads the new model. Once the standby answers with that model, new messages go to it (those
in flight finish where they are), and the servers change roles: the old model stays loaded on
the new standby, so rolling back is just as quick. With one server the model is loaded in
place, which makes tenants wait while it loads.
"""

import asyncio
import logging
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from handoff import texts
from handoff.nlu.client import RasaClient, RasaUnavailable
from handoff.nlu.model import publish_live
from handoff.signals import wait_any
from handoff.storage.tables import NluModel, utcnow
from handoff.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


class ActivationRefused(Exception):
    """The model may not go live (refused by the gate, failed, or unknown)."""


@dataclass(frozen=True)
class Activation:
    """How a model went live."""

    model_id: int
    seconds: float  # from the request to the switch
    zero_downtime: bool  # False: one Rasa server, tenants waited while it loaded


async def request_activation(uow: UnitOfWork, model_id: int, employee_id: int | None) -> None:
    """Asks the running app, which holds the switch, to activate a model (the command line)."""
    async with uow() as session:
        row = await session.get(NluModel, model_id)
        if row is None or row.status not in {"candidate", "retired"}:
            raise ActivationRefused(texts.MODEL_CANNOT_GO_LIVE)
        row.activation_requested_at, row.activated_by = utcnow(), employee_id


class ModelSwitch:
    """Knows which Rasa server is live and moves tenants to a newly loaded model."""

    def __init__(
        self, uow: UnitOfWork, client: RasaClient, standby_url: str | None, models_dir: Path
    ) -> None:
        self.uow = uow
        self.client = client
        self.standby_url = standby_url.rstrip("/") if standby_url else None
        self.models_dir = models_dir
        self._lock = asyncio.Lock()  # one activation at a time

    async def activate(
        self, model_id: int, employee_id: int | None, *, rollback: bool = False
    ) -> Activation:
        """Puts a model live: a candidate that passed the gate, or (rolling back) any earlier
        model; records who did it and when."""
        async with self._lock:
            async with self.uow.read() as session:
                row = await session.get(NluModel, model_id)
            allowed = {"candidate", "retired"} if rollback else {"candidate"}
            if row is None or row.status not in allowed or not row.file_name:
                raise ActivationRefused(texts.MODEL_CANNOT_GO_LIVE)
            model_file = self.models_dir / row.file_name
            if not model_file.exists():
                raise ActivationRefused(texts.MODEL_FILE_GONE.format(file=row.file_name))
            started = time.monotonic()
            await self._load(model_file)
            seconds = time.monotonic() - started
            async with self.uow() as session:
                for active in await session.scalars(
                    select(NluModel).where(NluModel.status == "active")
                ):
                    active.status = "retired"
                row = await session.get(NluModel, model_id)
                assert row is not None, "read above under the lock; models are never deleted"
                row.status, row.activated_at, row.activated_by = "active", utcnow(), employee_id
            publish_live(model_file)
            log.info("model %s is live after %.1f s", model_id, seconds)
            return Activation(model_id, seconds, self.standby_url is not None)

    async def watch(self, stop: asyncio.Event, interval: float = 2.0) -> None:
        """Carries out activations asked for on the command line, until `stop` is set."""
        while not stop.is_set():
            async with self.uow.read() as session:
                asked = await session.scalar(
                    select(NluModel).where(NluModel.activation_requested_at.is_not(None))
                )
            if asked is not None:
                try:
                    await self.activate(
                        asked.id, asked.activated_by, rollback=asked.status == "retired"
                    )
                except (ActivationRefused, RasaUnavailable) as error:
                    log.warning("model %s was not activated: %s", asked.id, error)
                async with self.uow() as session:
                    row = await session.get(NluModel, asked.id)
                    assert row is not None, "read above; models are never deleted"
                    row.activation_requested_at = None
                continue
            await wait_any(stop, timeout=interval)

    async def _load(self, model_file: Path) -> None:
        if self.standby_url is None:
            await self.client.load_model(self.client.url, str(model_file))
            return
        standby = self.standby_url
        status = await self.client.status(standby)
        if Path(str(status.get("model_file", ""))).name != model_file.name:
            await self.client.load_model(standby, str(model_file))
            status = await self.client.status(standby)
        if Path(str(status.get("model_file", ""))).name != model_file.name:
            raise RasaUnavailable("the standby server did not take the new model")
        live = self.client.url
        self.client.use(standby)
        self.standby_url = live
