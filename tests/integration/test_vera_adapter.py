"""The VERA adapter against the fake VERA server: the token, passing and permanent errors,
and that the fake really refuses what breaks the contract."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from handoff.backoffice.vera import Vera
from handoff.domain.addresses import Address
from handoff.domain.backoffice import BackOfficeError, Defect, RepairRequest, Reporter
from tests.fakes.vera import CLIENT_ID, CLIENT_SECRET, FakeUnit, FakeVera

HOME = FakeUnit("E-1", "1234AB", "10", bag_id="0363010000000001", tenant="R-1")


@pytest.fixture
async def vera() -> AsyncIterator[FakeVera]:
    fake = FakeVera(units=[HOME])
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
async def adapter(vera: FakeVera) -> AsyncIterator[Vera]:
    client = Vera(vera.base_url, vera.base_url + "/oauth/token", CLIENT_ID, CLIENT_SECRET)
    yield client
    await client.close()


LEAK = Defect("KEU", "LEK")


def repair(reference: str = "ref-1", defect: Defect = LEAK) -> RepairRequest:
    return RepairRequest(reference, "uw kraan lekt", defect, datetime.now(UTC), Reporter("A"))


async def test_a_unit_is_found_by_its_bag_id_or_by_its_address(
    vera: FakeVera, adapter: Vera
) -> None:
    by_bag = await adapter.find_unit(Address("9999ZZ", 1), HOME.bag_id)
    by_address = await adapter.find_unit(Address("1234AB", 10))
    assert by_bag == by_address
    assert by_bag is not None
    assert by_bag.tenant_relation_id == "R-1"
    assert await adapter.find_unit(Address("1234AB", 11)) is None
    assert vera.violations == []


async def test_one_token_serves_until_it_is_refused_then_a_new_one_is_fetched(
    vera: FakeVera, adapter: Vera
) -> None:
    created = await adapter.create_repair(repair())
    assert (await adapter.repair_status(created.id)).status == "BEO"
    assert vera.tokens_issued == 1
    vera.revoke_tokens()
    assert (await adapter.repair_status(created.id)).status == "BEO"
    assert vera.tokens_issued == 2


async def test_an_outage_is_worth_a_retry_and_a_refusal_is_not(
    vera: FakeVera, adapter: Vera
) -> None:
    for status, permanent in ((503, False), (429, False), (404, True), (400, True)):
        vera.fail(status)
        with pytest.raises(BackOfficeError) as failed:
            await adapter.find_repair("ref-1")
        assert failed.value.permanent is permanent, status


async def test_the_fake_refuses_what_breaks_the_contract(vera: FakeVera, adapter: Vera) -> None:
    with pytest.raises(BackOfficeError) as failed:
        await adapter.create_repair(repair(defect=Defect("KEUKEN", "LEK")))  # not a VERA code
    assert failed.value.permanent
    assert len(vera.violations) == 1
    assert not vera.requests
    vera.violations.clear()  # seen: the fixture's teardown need not see it again


async def test_no_credentials_no_token(vera: FakeVera) -> None:
    stranger = Vera(vera.base_url, vera.base_url + "/oauth/token", CLIENT_ID, "wrong")
    with pytest.raises(BackOfficeError, match="token"):
        await stranger.find_repair("ref-1")
    await stranger.close()
    assert vera.tokens_issued == 0
    assert vera.calls == []
