"""The back office through VERA, against the fake VERA server that checks every request
against the contract: a confirmed repair becomes exactly one request in BEO, through outages
and lost answers; the tenant's /status says how it is doing; slots are offered and booked."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from handoff import texts
from handoff.app.config import Settings
from handoff.app.runtime import Runtime
from handoff.domain.backoffice import RETRY_WINDOW, JobKind, JobStatus
from handoff.domain.presence import LOCAL
from handoff.services import privacy
from handoff.services.backoffice import BackOfficeWork
from handoff.storage.tables import BackOfficeJob, Contact, Employee, utcnow
from handoff.views import desk
from handoff.views.operations import operations
from handoff.views.privacy import document
from tests.conftest import FATIMA, make_settings
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.fakes.rasa import FakeRasa, handoff_payload
from tests.fakes.vera import CLIENT_ID, CLIENT_SECRET, FakeUnit, FakeVera
from tests.support.tenants import TelegramTenant, Tenant, tenant_on
from tests.support.waiting import until_committed

LEAK = "mijn kraan in de keuken lekt al een week"
SUMMARY = "uw kraan in de keuken lekt al een week"
HOME = FakeUnit("E-10", "1234AB", "10", "A", tenant="R-77")
TENANT = FakeUser(5301, "Aysel", "Kaya")


@pytest.fixture
async def vera() -> AsyncIterator[FakeVera]:
    fake = FakeVera(units=[HOME])
    await fake.start()
    yield fake
    await fake.stop()
    assert fake.violations == []  # every request the app made kept to the contract


def confirmed_repair(fake_rasa: FakeRasa, house_number: str = "10A") -> None:
    fake_rasa.reply_to(
        LEAK,
        handoff=handoff_payload(
            "report_repair",
            SUMMARY,
            summary_confirmed=True,
            postcode="1234 AB",
            house_number=house_number,
        ),
    )


@asynccontextmanager
async def a_repair_chat(
    channel: str,
    database_url: str,
    bot_api: FakeBotApi,
    fake_rasa: FakeRasa,
    vera: FakeVera,
    house_number: str = "10A",
    **more: object,
) -> AsyncIterator[tuple[Tenant, Runtime]]:
    """The app talking to `vera`, and a tenant on `channel` whose repair Rasa confirms."""
    confirmed_repair(fake_rasa, house_number)
    settings = with_vera(database_url, fake_rasa, vera, **more)
    async with tenant_on(channel, settings, bot_api, TENANT) as chat:
        yield chat


def with_vera(database_url: str, fake_rasa: FakeRasa, vera: FakeVera, **more: object) -> Settings:
    return make_settings(
        database_url,
        **{
            "rasa_url": fake_rasa.url,
            "rasa_token": fake_rasa.token,
            "vera_base_url": vera.base_url,
            "vera_client_id": CLIENT_ID,
            "vera_client_secret": CLIENT_SECRET,
            **more,
        },
    )


async def settled(runtime: Runtime, kinds: tuple[JobKind, ...] = tuple(JobKind)) -> None:
    """Waits until no job of these kinds is pending: each was done, skipped or given up."""

    async def none_pending() -> bool:
        async with runtime.uow.read() as session:
            pending = await session.scalar(
                select(BackOfficeJob.id).where(
                    BackOfficeJob.status == JobStatus.PENDING, BackOfficeJob.kind.in_(kinds)
                )
            )
        return pending is None

    await until_committed(runtime.uow, none_pending, timeout=15)


async def jobs(runtime: Runtime, kind: JobKind) -> list[BackOfficeJob]:
    async with runtime.uow.read() as session:
        return list(
            await session.scalars(
                select(BackOfficeJob).where(BackOfficeJob.kind == kind).order_by(BackOfficeJob.id)
            )
        )


async def desk_lines(runtime: Runtime, case_id: int) -> list[str]:
    """What the case's desk page shows of the back office, as its owner sees it."""
    async with runtime.uow.read() as session:
        owner = await session.scalar(select(Employee).where(Employee.name == "Fatima el Amrani"))
    assert owner is not None
    page = await desk.case_page(runtime.uow, runtime.directory, owner.ref(), case_id)
    assert page is not None
    return page.back_office


def later(runtime: Runtime, hours: int = 1) -> BackOfficeWork:
    """A worker whose clock is ahead, to ask about requests as the app's own does every 15
    minutes."""
    assert runtime.vera is not None
    return BackOfficeWork(
        runtime.uow, runtime.vera, clock=lambda: utcnow() + timedelta(hours=hours)
    )


async def hand_over_a_repair(tenant: Tenant) -> None:
    await tenant.say(LEAK)
    await tenant.expect("Fatima el Amrani")  # who helps them, as always


async def the_request(tenant: Tenant, runtime: Runtime, vera: FakeVera) -> dict[str, Any]:
    """Hands a repair over, waits until the back office's calls are settled, and returns the
    one repair request the back office holds."""
    await hand_over_a_repair(tenant)
    await settled(runtime)
    [request] = vera.requests.values()
    return request


@pytest.mark.parametrize("channel", ["telegram", "web"])
async def test_a_confirmed_repair_becomes_one_request_ter_beoordeling(
    channel: str, database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa, vera: FakeVera
) -> None:
    async with a_repair_chat(channel, database_url, bot_api, fake_rasa, vera) as (tenant, runtime):
        request = await the_request(tenant, runtime, vera)
        assert request["status"]["code"] == "BEO"
        assert request["onderhoudSoort"] == {"code": "REP"}
        assert request["omschrijving"] == SUMMARY
        assert request["idExtern"].startswith("aandacht-")
        [defect] = request["defecten"]
        assert (defect["locatie"], defect["soort"]) == ({"code": "KEU"}, {"code": "LEK"})
        assert request["eenheid"] == {"id": "E-10"}
        [reporter] = request["relaties"]
        assert reporter["id"] == "R-77"
        assert reporter["rollen"] == [{"soort": {"code": "MEL"}}]
        [moment] = vera.contacts.values()
        assert moment["relaties"][0]["id"] == "R-77"
        assert (moment["kanaal"], moment["richting"]) == ({"code": "INT"}, {"code": "INK"})
        assert moment["onderwerp"] == texts.topic_label("report_repair")

        [job] = await jobs(runtime, JobKind.REPAIR)
        assert (job.status, job.external_id, job.external_status) == (
            JobStatus.DONE,
            request["id"],
            "BEO",
        )
        await tenant.say("/status")
        said = texts.repair_status(request["code"], "BEO")
        await tenant.expect(said)

        vera.set_status(request["id"], "INB")
        assert await later(runtime).check_requests() == 1
        await tenant.say("/status")
        await tenant.expect(texts.repair_status(request["code"], "INB"))


async def test_the_case_page_shows_the_request_and_a_call_that_failed(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa, vera: FakeVera
) -> None:
    async with a_repair_chat("telegram", database_url, bot_api, fake_rasa, vera) as (
        tenant,
        runtime,
    ):
        vera.fail(400)  # the back office refuses the first call (the contactmoment's lookup)
        await hand_over_a_repair(tenant)
        await bot_api.wait_for_text(FATIMA.id, "lukte niet")
        await settled(runtime)
        [job] = await jobs(runtime, JobKind.REPAIR)
        [failed] = await jobs(runtime, JobKind.CONTACT)
        assert failed.status == JobStatus.FAILED
        assert failed.attempts == 1
        lines = await desk_lines(runtime, job.case_id)
        label = texts.REPAIR_STATUS_LABEL.format(
            code=job.external_code, status=texts.REPAIR_STATUSES["BEO"]
        )
        assert label in lines
        assert any(line.startswith("Contactmoment: niet gelukt") for line in lines)
        figures = await operations(runtime.uow, runtime.directory)  # what /metrics says
        assert (figures.backoffice_failed, figures.backoffice_pending) == (1, 0)


async def test_an_outage_and_a_lost_answer_make_exactly_one_request(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa, vera: FakeVera
) -> None:
    vera.units.append(FakeUnit("E-11", "1234AB", "12", tenant="R-78"))
    async with a_repair_chat("web", database_url, bot_api, fake_rasa, vera) as (tenant, runtime):
        vera.fail(503, times=2)  # down for the first two calls
        # Then the request is made, but its answer never arrives.
        vera.lose_answers(1, "/onderhoudsverzoeken")
        request = await the_request(tenant, runtime, vera)
        assert vera.calls.count("POST /onderhoudsverzoeken") == 1
        posted = vera.calls.index("POST /onderhoudsverzoeken")
        assert "GET /onderhoudsverzoeken" in vera.calls[posted:]  # the retry asked, and found it
        async with runtime.uow.read() as session:
            done = await session.scalar(
                select(BackOfficeJob).where(
                    BackOfficeJob.kind == JobKind.REPAIR,
                    BackOfficeJob.status == JobStatus.DONE,
                )
            )
        assert done is not None
        assert done.external_id == request["id"]
        assert done.attempts >= 1
        assert len(vera.contacts) == 1


async def test_a_request_made_just_before_the_app_stopped_is_not_made_again(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa, vera: FakeVera
) -> None:
    async with a_repair_chat("web", database_url, bot_api, fake_rasa, vera) as (tenant, runtime):
        request = await the_request(tenant, runtime, vera)
        # As the app leaves it when it stops after VERA's answer and before storing it: the
        # request is in the back office, the job still pending, no try counted.
        async with runtime.uow() as session:
            [job] = await session.scalars(
                select(BackOfficeJob).where(BackOfficeJob.kind == JobKind.REPAIR)
            )
            job.status, job.attempts, job.external_id = JobStatus.PENDING, 0, None
        assert await later(runtime).work_due() == 1
        [done] = await jobs(runtime, JobKind.REPAIR)
        assert (done.status, done.external_id) == (JobStatus.DONE, request["id"])
        assert vera.calls.count("POST /onderhoudsverzoeken") == 1
        assert len(vera.requests) == 1


async def test_an_answer_that_is_no_json_leaves_the_worker_running(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa, vera: FakeVera
) -> None:
    async with a_repair_chat("web", database_url, bot_api, fake_rasa, vera) as (tenant, runtime):
        request = await the_request(tenant, runtime, vera)
        vera.set_status(request["id"], "TEC")
        vera.garble()  # a proxy's page where the status should be
        assert await later(runtime).check_requests() == 1  # asked; nothing escaped
        [job] = await jobs(runtime, JobKind.REPAIR)
        assert job.external_status == "BEO"  # not read, so not changed
        assert await later(runtime).check_requests() == 1
        [job] = await jobs(runtime, JobKind.REPAIR)
        assert job.external_status == "TEC"
        await tenant.say("/status")
        await tenant.expect(texts.repair_status(request["code"], "TEC"))


async def test_credentials_the_token_endpoint_refuses_fail_at_once_and_visibly(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa, vera: FakeVera
) -> None:
    async with a_repair_chat(
        "telegram", database_url, bot_api, fake_rasa, vera, vera_client_secret="verkeerd"
    ) as (tenant, runtime):
        await hand_over_a_repair(tenant)
        await settled(runtime)
        [job] = await jobs(runtime, JobKind.REPAIR)
        assert (job.status, job.attempts) == (JobStatus.FAILED, 1)
        assert job.last_error is not None
        assert "invalid_client" in job.last_error
        await bot_api.wait_for_text(FATIMA.id, "lukte niet")
        assert vera.calls == []  # no token, so no call


async def test_a_back_office_that_stays_down_is_given_up_on_after_the_retry_window(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa, vera: FakeVera
) -> None:
    async with a_repair_chat("telegram", database_url, bot_api, fake_rasa, vera) as (
        tenant,
        runtime,
    ):
        vera.fail(503, times=10_000)
        await hand_over_a_repair(tenant)

        async def tried_once() -> bool:
            return any(job.attempts for job in await jobs(runtime, JobKind.REPAIR))

        await until_committed(runtime.uow, tried_once)
        [waiting] = await jobs(runtime, JobKind.REPAIR)
        assert waiting.status == JobStatus.PENDING  # a passing fault: tried again later
        assert waiting.next_attempt_at > waiting.created_at
        hours = int(RETRY_WINDOW.total_seconds() // 3600) + 1
        assert await later(runtime, hours=hours).work_due() >= 1
        [given_up] = await jobs(runtime, JobKind.REPAIR)
        assert given_up.status == JobStatus.FAILED
        assert "503" in (given_up.last_error or "")
        await bot_api.wait_for_text(FATIMA.id, "lukte niet")
        assert vera.requests == {}


async def test_the_requests_are_in_the_tenants_data_and_erased_with_it(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa, vera: FakeVera
) -> None:
    async with a_repair_chat("telegram", database_url, bot_api, fake_rasa, vera) as (
        tenant,
        runtime,
    ):
        request = await the_request(tenant, runtime, vera)
        async with runtime.uow.read() as session:
            [contact] = await session.scalars(select(Contact))
            kept = await document(session, runtime.trackers, contact)
        assert texts.EXPORT_BACKOFFICE in kept
        assert request["code"] in kept
        await tenant.say("/vergeetmij")
        asked = await tenant.expect(texts.FORGET_ASK)
        await tenant.press(asked, privacy.FORGET_YES)
        await tenant.expect(texts.FORGOTTEN)
        assert await jobs(runtime, JobKind.REPAIR) == []
        assert await jobs(runtime, JobKind.CONTACT) == []
        assert len(vera.requests) == 1  # what the back office holds is the corporation's


@pytest.mark.parametrize("channel", ["telegram", "web"])
async def test_slots_the_back_office_offers_are_chosen_and_booked(
    channel: str, database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa, vera: FakeVera
) -> None:
    async with a_repair_chat(channel, database_url, bot_api, fake_rasa, vera) as (tenant, runtime):
        request = await the_request(tenant, runtime, vera)
        today = datetime.now(LOCAL).date()
        monday = today + timedelta(days=7 - today.weekday())  # next week's
        begin = datetime(monday.year, monday.month, monday.day, 8, 0, tzinfo=LOCAL).astimezone(UTC)
        gone = utcnow() - timedelta(hours=1)
        vera.offer_slots(
            request["id"],
            (gone, gone + timedelta(hours=4)),  # begun already: not offered
            (begin, begin + timedelta(hours=4)),
            (begin + timedelta(days=1, hours=4), begin + timedelta(days=1, hours=8)),
        )
        assert await later(runtime).check_requests() == 1
        offer = await tenant.expect(texts.SLOTS_OFFERED.format(code=request["code"]))
        titles = [title for title, _ in offer.buttons]
        tuesday = begin + timedelta(days=1, hours=4)
        assert titles == [
            texts.slot_label(begin, begin + timedelta(hours=4)),
            texts.slot_label(tuesday, tuesday + timedelta(hours=4)),
        ]
        assert titles[0].startswith("maandag ")
        assert titles[0].endswith(", 08:00-12:00")
        await tenant.press(offer, offer.buttons[1][1])
        await tenant.expect(texts.SLOT_CHOSEN.format(slot=titles[1]))
        await tenant.expect(texts.SLOT_BOOKED.format(slot=titles[1]))
        [booked] = vera.appointments.values()
        assert booked["onderhoudsverzoek"] == {"id": request["id"]}
        assert booked["onderhoudsorder"] == {"id": f"OO-{request['id']}"}
        assert booked["status"] == {"code": "AAN"}
        case_id = (await jobs(runtime, JobKind.REPAIR))[0].case_id
        await settled(runtime)
        assert f"Afspraak: {titles[1]}" in await desk_lines(runtime, case_id)  # on the case
        if channel == "telegram":  # the owner reads it in Telegram (local mode has none)
            await bot_api.wait_for_text(
                FATIMA.id, texts.OWNER_SLOT_BOOKED.format(case_id=case_id, slot=titles[1])
            )
        # A second press of the same offer books nothing more.
        await tenant.press(offer, offer.buttons[0][1])
        await tenant.expect(texts.SLOT_NOT_OFFERED)
        assert len(vera.appointments) == 1
        assert await later(runtime, hours=2).check_requests() == 1  # asked, but not offered again
        assert len(await jobs(runtime, JobKind.APPOINTMENT)) == 1


async def test_a_slot_that_has_begun_can_no_longer_be_chosen(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa, vera: FakeVera
) -> None:
    async with a_repair_chat("web", database_url, bot_api, fake_rasa, vera) as (tenant, runtime):
        request = await the_request(tenant, runtime, vera)
        soon = utcnow() + timedelta(days=1)
        vera.offer_slots(request["id"], (soon, soon + timedelta(hours=4)))
        assert await later(runtime).check_requests() == 1
        offer = await tenant.expect(texts.SLOTS_OFFERED.format(code=request["code"]))
        async with runtime.uow() as session:  # the tenant waited until the slot had begun
            [repair] = await session.scalars(
                select(BackOfficeJob).where(BackOfficeJob.kind == JobKind.REPAIR)
            )
            begun = (utcnow() - timedelta(minutes=5)).isoformat()
            repair.data = {**repair.data, "slots": [{**repair.data["slots"][0], "begin": begun}]}
        await tenant.press(offer, offer.buttons[0][1])
        await tenant.expect(texts.SLOT_NOT_OFFERED)
        assert await jobs(runtime, JobKind.APPOINTMENT) == []
        assert vera.appointments == {}


async def test_photos_go_with_the_request(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa, vera: FakeVera
) -> None:
    async with a_repair_chat("telegram", database_url, bot_api, fake_rasa, vera) as (
        tenant,
        runtime,
    ):
        assert isinstance(tenant, TelegramTenant)
        bot_api.send_media(TENANT, "photo")
        await tenant.expect(texts.NON_TEXT["photo"][:20])
        request = await the_request(tenant, runtime, vera)
        [photo] = vera.photos_of(request)
        assert photo.startswith(b"fake file files/photo-file-")  # what the fake Bot API serves
        assert request["informatieobjecten"][0]["soort"] == {"code": "FOT"}


async def test_a_tenant_the_back_office_does_not_know_gets_a_request_without_a_relatie(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa, vera: FakeVera
) -> None:
    no_unit = "99"  # no unit there
    async with a_repair_chat(
        "web", database_url, bot_api, fake_rasa, vera, house_number=no_unit
    ) as (tenant, runtime):
        request = await the_request(tenant, runtime, vera)
        assert "eenheid" not in request
        assert request["relaties"][0]["aanschrijfnaam"] == texts.WEB_CHAT_VISITOR
        [contact] = await jobs(runtime, JobKind.CONTACT)
        assert contact.status == JobStatus.SKIPPED
        assert not vera.contacts


async def test_without_a_back_office_nothing_is_queued(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    confirmed_repair(fake_rasa)
    settings = make_settings(database_url, rasa_url=fake_rasa.url, rasa_token=fake_rasa.token)
    async with tenant_on("web", settings, bot_api, TENANT) as (tenant, runtime):
        await hand_over_a_repair(tenant)
        assert runtime.back_office is None
        assert await jobs(runtime, JobKind.REPAIR) == []
        assert await jobs(runtime, JobKind.CONTACT) == []
