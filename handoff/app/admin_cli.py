"""The admins' retraining work on the command line, the same actions as the admin pages:

python -m handoff inbox                     the groups to label, numbered
python -m handoff label NR INTENT|negeren   label (or ignore) group NR
python -m handoff hertrain                  train a candidate, with a progress bar
python -m handoff modellen                  every model and its gate result
python -m handoff live ID                   put a candidate live (the running app does it)
python -m handoff terugzetten ID            roll back to an earlier model
"""

import asyncio
import sys
import time
from pathlib import Path

from handoff.app.config import Settings
from handoff.app.runtime import Runtime, for_command
from handoff.nlu import examples as training_data
from handoff.nlu import inbox as review
from handoff.nlu.switch import ActivationRefused, request_activation
from handoff.paths import MODELS_DIR, RASA_PROJECT
from handoff.storage.tables import NluModel  # a row to print; reads go through views.models
from handoff.views import models as registry

ACTIVATION_PATIENCE = 300.0  # seconds the command waits for the running app to switch
COMMANDS = ("inbox", "label", "hertrain", "modellen", "live", "terugzetten")


async def run(
    settings: Settings,
    command: str,
    arguments: list[str],
    project: Path = RASA_PROJECT,
    models: Path = MODELS_DIR,
) -> int:
    """Runs one admin command; returns the exit code."""
    async with for_command(settings, rasa_project=project, models_dir=models) as runtime:
        if command == "inbox":
            return await _inbox(runtime)
        if command == "label" and len(arguments) == 2 and arguments[0].isdigit():
            return await _label(runtime, int(arguments[0]), arguments[1])
        if command == "hertrain":
            return await _retrain(runtime)
        if command == "modellen":
            return await _models(runtime)
        if command in ("live", "terugzetten") and len(arguments) == 1 and arguments[0].isdigit():
            return await _activate(runtime, int(arguments[0]))
    print(__doc__, file=sys.stderr)
    return 2


async def _inbox(runtime: Runtime) -> int:
    known = training_data.examples(runtime.rasa_project)
    groups, _ = await review.groups(runtime.uow)
    if not groups:
        print("The inbox is empty.")
    for number, group in enumerate(groups, 1):
        guess = f"{group.guess} ({group.confidence:.0%})" if group.guess else "-"
        print(f'{number:>3}. "{group.text}" ×{group.count}  guess: {guess}  '
              f"why: {', '.join(group.reasons)}")  # fmt: skip
        if warning := training_data.warning(group.text, None, known):
            print(f"     ! {warning}")
    return 0


async def _label(runtime: Runtime, number: int, choice: str) -> int:
    intents = {i.name for i in training_data.intents(runtime.rasa_project)}
    if choice != "negeren" and choice not in intents:
        print(f"Unknown intent {choice!r}; choose one of: {', '.join(sorted(intents))}, negeren",
              file=sys.stderr)  # fmt: skip
        return 2
    groups, _ = await review.groups(runtime.uow)
    if not 1 <= number <= len(groups):
        print(f"No group {number}; see 'python -m handoff inbox'", file=sys.stderr)
        return 2
    intent, group = None if choice == "negeren" else choice, groups[number - 1]
    done = await review.label_group(
        runtime.uow, runtime.rasa_project, group.key, intent, None, shown=group.shown
    )
    if intent is None:
        print(f"Ignored {done.decided} message(s).")
    else:  # the example is the group's text as listed now, which may be newer than before
        print(f'Added {done.added} example(s) as {intent} to {training_data.INBOX_FILE}: '
              f'"{group.text}".')  # fmt: skip
    return 0


def _bar(text: str, fraction: float) -> None:
    filled = int(fraction * 30)
    print(f"\r[{'#' * filled}{'.' * (30 - filled)}] {fraction:4.0%} {text[:50]:<50}", end="",
          flush=True)  # fmt: skip


async def _retrain(runtime: Runtime) -> int:
    retraining = runtime.retraining
    model_id = await retraining.new_candidate(None)
    row = await registry.model(runtime.uow, model_id)
    assert row is not None, "new_candidate just added it"
    print(f"Model {model_id}: {row.why}")
    try:
        await retraining.run(model_id, on_progress=_bar)
    except Exception as error:
        print(f"\nTraining failed: {error}", file=sys.stderr)
        return 1
    print()
    row = await registry.model(runtime.uow, model_id)
    assert row is not None, "models stay in the registry"
    _print_model(row)
    if row.status == "candidate":
        print(f"Put it live with: python -m handoff live {model_id}")
    return 0 if row.status == "candidate" else 1


def _print_model(row: NluModel) -> None:
    accuracy = row.metrics.get("accuracy")
    score = f"held-out {accuracy:.1%}" if accuracy is not None else ""
    live = (row.gate or {}).get("live") or {}
    if live.get("accuracy") is not None:
        score += f" (live {live['accuracy']:.1%})"
    print(f"{row.id:>4}  {row.status:<9} {row.training:<8} {row.created_at:%d-%m %H:%M}  {score}")
    for reason in (row.gate or {}).get("reasons", []):
        print(f"      ! {reason}")
    for change in (row.gate or {}).get("changed", [])[:10]:
        print(f'      "{change["text"]}": {change["before"]} → {change["after"]}')


async def _models(runtime: Runtime) -> int:
    for row in await registry.models(runtime.uow):
        _print_model(row)
    return 0


async def _activate(runtime: Runtime, model_id: int) -> int:
    try:
        await request_activation(runtime.uow, model_id, None)
    except ActivationRefused as error:
        print(f"Model {model_id}: {error}", file=sys.stderr)
        return 2
    print(f"Asked the running app to put model {model_id} live …")
    deadline = time.monotonic() + ACTIVATION_PATIENCE
    while time.monotonic() < deadline:
        row = await registry.model(runtime.uow, model_id)
        if row is None or row.activation_requested_at is None:
            live = row is not None and row.status == "active"
            print(f"Model {model_id} is {'live' if live else 'NOT live'}.")
            return 0 if live else 1
        await asyncio.sleep(1.0)
    print("The app did not act on it; is it running (make run)?", file=sys.stderr)
    return 1
