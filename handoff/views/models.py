"""The model registry as the admin pages and the command line show it."""

from sqlalchemy import select

from handoff.storage.tables import Employee, NluModel
from handoff.storage.unit_of_work import UnitOfWork


async def models(uow: UnitOfWork) -> list[NluModel]:
    """Every model, newest first."""
    async with uow.read() as session:
        return list(await session.scalars(select(NluModel).order_by(NluModel.id.desc())))


async def model(uow: UnitOfWork, model_id: int) -> NluModel | None:
    """One model's row."""
    async with uow.read() as session:
        return await session.get(NluModel, model_id)


async def employee_names(uow: UnitOfWork) -> dict[int, str]:
    """Every employee's name by id (who trained or activated a model)."""
    async with uow.read() as session:
        return dict((await session.execute(select(Employee.id, Employee.name))).all())
