"""Retraining: train a candidate model in the background, compare it with the live one on the
held-out examples and the test stories (the gate), and keep every model in the registry.

Finetuning (continuing from the live model) is used when only examples changed; a change of
the pipeline or the domain needs a full training. Both run `rasa train` in the Rasa
environment; progress is read from its log and kept on the model's row for the page.
"""

import asyncio
import contextlib
import hashlib
import json
import logging
import os
import re
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handoff import texts
from handoff.nlu.model import fingerprint, publish_live, rasa_executable
from handoff.paths import MODELS_DIR, RASA_PROJECT
from handoff.storage.tables import NluModel, ReviewItem, utcnow
from handoff.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

HELDOUT = Path("tests") / "nlu_heldout.yml"
EVALUATE = RASA_PROJECT / "tools" / "evaluate.py"  # runs in the Rasa environment
STORIES = Path("tests") / "test_stories.yml"
RECENT_MESSAGES = 200  # how many recent inbox messages the gate reads with both models

Progress = Callable[[str, float], None]


class NoRasaHere(RuntimeError):
    """This machine has no Rasa environment to train with (the app's Docker image, say)."""


@dataclass(frozen=True)
class Plan:
    """How a candidate will be trained, and why, in words for the admin."""

    finetune_from: Path | None
    why: str


def inputs_of(project: Path) -> dict[str, str]:
    """Hashes of what decides whether finetuning is possible: the pipeline and the domain."""
    return {
        name: hashlib.sha256((project / name).read_bytes()).hexdigest()[:16]
        for name in ("config.yml", "domain.yml")
    }


def plan(project: Path, live: NluModel | None, models_dir: Path) -> Plan:
    """Finetune on the live model when only examples changed; else train from scratch."""
    if live is None or not (models_dir / live.file_name).exists():
        return Plan(None, texts.PLAN_NO_LIVE_MODEL)
    if live.metrics.get("inputs") != inputs_of(project):
        return Plan(None, texts.PLAN_INPUTS_CHANGED)
    return Plan(models_dir / live.file_name, texts.PLAN_FINETUNE)


class Retraining:
    """Trains candidates one at a time and judges them against the live model."""

    def __init__(
        self,
        uow: UnitOfWork,
        project: Path = RASA_PROJECT,
        models_dir: Path = MODELS_DIR,
        gate_margin: float = 0.01,
    ) -> None:
        self.uow = uow
        self.project = project
        self.models_dir = models_dir
        self.gate_margin = gate_margin  # how much worse on held-out accuracy is still allowed
        self._running: asyncio.Task[None] | None = None

    @property
    def busy(self) -> bool:
        """Whether a training or evaluation is running."""
        return self._running is not None and not self._running.done()

    async def note_live(self, model_file: Path) -> Path | None:
        """Squares the model Rasa started with against the registry's live model.

        The registry decides: when it has a live model whose file is there and Rasa runs
        another (one trained at start from changed data, or the one an image shipped with),
        this returns the registry's model for Rasa to load, so no un-gated model goes live by a
        restart. Only when the registry has no usable live model is Rasa's registered as live.
        """
        model_file = (self.models_dir / model_file.name).resolve()  # through live.tar.gz
        live = await self.live_model_file()
        if live is not None:
            publish_live(live)
            return None if live.name == model_file.name else live
        async with self.uow() as session:  # none, or its file is gone: Rasa's becomes live
            active = await session.scalar(select(NluModel).where(NluModel.status == "active"))
            if active is not None:
                active.status = "retired"
            session.add(
                NluModel(
                    file_name=model_file.name,
                    fingerprint=fingerprint(self.project),
                    training="start",
                    why="",
                    status="active",
                    metrics={"inputs": inputs_of(self.project)},
                    activated_at=utcnow(),
                )
            )
        if model_file.exists():
            publish_live(model_file)
        return None

    async def live_model_file(self) -> Path | None:
        """The registry's live model, when its file is there (what a start should run)."""
        async with self.uow() as session:
            active = await session.scalar(select(NluModel).where(NluModel.status == "active"))
        if active is None or not (self.models_dir / active.file_name).exists():
            return None
        return self.models_dir / active.file_name

    async def start(self, employee_id: int | None) -> int:
        """Starts a retraining in the background; returns the candidate's registry id."""
        if self.busy:
            raise RuntimeError("a retraining is already running")
        if not rasa_executable().exists():
            raise NoRasaHere(f"no Rasa environment at {rasa_executable().parent.parent}")
        model_id = await self.new_candidate(employee_id)
        self._running = asyncio.create_task(self._run_in_background(model_id))
        return model_id

    async def _run_in_background(self, model_id: int) -> None:
        with contextlib.suppress(Exception):  # logged and kept on the model's row by run()
            await self.run(model_id)

    async def wait(self) -> None:
        """Waits for the background retraining, if any (for the CLI and the tests)."""
        if self._running is not None:
            await self._running

    async def new_candidate(self, employee_id: int | None) -> int:
        """Adds a candidate to the registry, saying how it will be trained and why."""
        async with self.uow() as session:
            live = await session.scalar(select(NluModel).where(NluModel.status == "active"))
            chosen = plan(self.project, live, self.models_dir)
            row = NluModel(
                file_name="",
                fingerprint=fingerprint(self.project),
                training="finetune" if chosen.finetune_from else "full",
                why=chosen.why,
                progress=texts.PROGRESS_WAITING,
                created_by=employee_id,
            )
            session.add(row)
            await session.flush()
            return row.id

    async def run(self, model_id: int, on_progress: Progress | None = None) -> None:
        """Trains the candidate, then runs the gate; the row says how it went."""

        async def progress(text: str, fraction: float) -> None:
            async with self.uow() as session:
                row = await session.get(NluModel, model_id)
                assert row is not None, "start() made the row; models are never deleted"
                row.progress = f"{text} ({fraction:.0%})"
            if on_progress:
                on_progress(text, fraction)

        try:
            async with self.uow.read() as session:
                live = await session.scalar(select(NluModel).where(NluModel.status == "active"))
                recent = await _recent_texts(session)
            chosen = plan(self.project, live, self.models_dir)
            target = await self._train(chosen, progress)
            await progress(texts.PROGRESS_COMPARING, 0.8)
            live_file = self.models_dir / live.file_name if live else None
            gate = await self._gate(target, live_file, live.metrics if live else {}, recent)
            async with self.uow() as session:
                row = await session.get(NluModel, model_id)
                assert row is not None, "start() made the row; models are never deleted"
                row.file_name, row.fingerprint = target.name, fingerprint(self.project)
                row.metrics = {"inputs": inputs_of(self.project), **gate.pop("candidate")}
                row.gate = gate
                row.status = "candidate" if gate["passed"] else "refused"
                row.progress = texts.PROGRESS_DONE
                if live is not None and gate["live"] is not None:
                    # The live model's stories need not be run again for the next candidate.
                    known = await session.get(NluModel, live.id)
                    assert known is not None, "the live model was read above; never deleted"
                    known.metrics = {
                        **known.metrics,
                        "stories_failed": gate["live"]["stories_failed"],
                    }
            if on_progress:
                on_progress(texts.PROGRESS_DONE, 1.0)
            log.info("retraining %s done: %s", model_id, "passed" if gate["passed"] else "refused")
        except Exception as error:
            log.exception("retraining %s failed", model_id)
            async with self.uow() as session:
                row = await session.get(NluModel, model_id)
                assert row is not None, "start() made the row; models are never deleted"
                row.status = "failed"
                row.progress = texts.PROGRESS_FAILED.format(error=str(error)[:150])
            raise

    async def _train(
        self, chosen: Plan, progress: Callable[[str, float], Awaitable[None]]
    ) -> Path:
        """Runs `rasa train` and reports each component it finishes; returns the model file."""
        self.models_dir.mkdir(parents=True, exist_ok=True)
        stamp = f"{utcnow():%Y%m%d-%H%M%S}"
        target = self.models_dir / f"aandacht-{fingerprint(self.project)}-{stamp}.tar.gz"
        steps = _component_count(self.project)
        with tempfile.TemporaryDirectory(dir=self.models_dir) as scratch:
            command = [
                str(rasa_executable()), "train",
                "--config", "config.yml", "--domain", "domain.yml", "--data", "data",
                "--out", scratch, "--fixed-model-name", "model",
            ]  # fmt: skip
            if chosen.finetune_from:
                command += ["--finetune", str(chosen.finetune_from)]
            await progress(texts.PROGRESS_TRAINING, 0.0)
            done = 0
            lines: list[str] = []
            async for line in _run(command, self.project):
                lines.append(line)
                if "Finished training component" in line:
                    done += 1
                    name = re.search(r"component '([^']+)'", line)
                    component = name.group(1) if name else texts.PROGRESS_SOME_COMPONENT
                    await progress(
                        texts.PROGRESS_COMPONENT.format(component=component),
                        0.75 * min(done / steps, 1.0),
                    )
            trained = Path(scratch) / "model.tar.gz"
            if not trained.exists():
                raise RuntimeError("rasa train made no model: " + " ".join(lines[-5:])[-300:])
            trained.replace(target)
        return target

    async def _gate(
        self, candidate: Path, live: Path | None, live_metrics: dict[str, Any], recent: list[str]
    ) -> dict[str, Any]:
        """Scores both models on the held-out examples, the test stories and recent messages."""
        # One stat of a local file: not worth a thread.
        models = [candidate] + ([live] if live and live.exists() else [])  # noqa: ASYNC240
        scores = await _evaluate(self.project, models, recent)
        new = scores[str(candidate)]
        new["stories_failed"] = await _stories_failed(self.project, candidate)
        old = scores.get(str(live)) if live else None
        if old is not None and live is not None:  # old is only scored for a live model
            old["stories_failed"] = live_metrics.get("stories_failed")
            if old["stories_failed"] is None:
                old["stories_failed"] = await _stories_failed(self.project, live)
        changed = [
            {"text": text, "before": before, "after": after}
            for text, before, after in zip(
                recent, old["texts"] if old else [], new["texts"], strict=False
            )
            if before != after
        ]
        reasons = []
        if old is not None and new["accuracy"] < old["accuracy"] - self.gate_margin:
            reasons.append(
                texts.GATE_ACCURACY_WORSE.format(candidate=new["accuracy"], live=old["accuracy"])
            )
        if old is not None and new["stories_failed"] > (old["stories_failed"] or 0):
            reasons.append(
                texts.GATE_MORE_STORIES_FAIL.format(
                    candidate=new["stories_failed"], live=old["stories_failed"]
                )
            )
        if old is None and new["stories_failed"]:
            reasons.append(texts.GATE_STORIES_FAIL.format(count=new["stories_failed"]))
        for scored in (new, old):
            if scored is not None:
                scored.pop("texts", None)
        return {
            "passed": not reasons,
            "reasons": reasons,
            "candidate": new,
            "live": old,
            "changed": changed,
            "margin": self.gate_margin,
        }


async def _recent_texts(session: AsyncSession) -> list[str]:
    rows = await session.scalars(
        select(ReviewItem.text).order_by(ReviewItem.id.desc()).limit(RECENT_MESSAGES)
    )
    return list(dict.fromkeys(rows))


def _component_count(project: Path) -> int:
    config = yaml.safe_load((project / "config.yml").read_text(encoding="utf-8"))
    return max(1, len(config.get("pipeline") or []) + len(config.get("policies") or []))


async def _run(command: list[str], cwd: Path) -> AsyncIterator[str]:
    """Runs a Rasa command in the project `cwd` and yields its output lines as they come. The
    project is on the path, so a model with its own components (`components.pipeline...`)
    loads in a plain script too, as the `rasa` command finds them in its working directory."""
    process = await asyncio.create_subprocess_exec(
        *command,
        cwd=cwd,
        env=os.environ
        | {
            "RASA_TELEMETRY_ENABLED": "false",
            "PYTHONWARNINGS": "ignore",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(cwd), os.environ.get("PYTHONPATH")])),
        },
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    assert process.stdout is not None
    tail: list[str] = []
    try:
        async for raw in process.stdout:
            line = raw.decode(errors="replace").rstrip()
            tail = [*tail[-4:], line]
            yield line
    finally:
        if process.returncode is None and not process.stdout.at_eof():
            process.kill()  # the app is stopping: no training left behind
    if await process.wait() != 0:
        raise RuntimeError(f"{Path(command[1]).name} failed: {' | '.join(tail)[-300:]}")


async def _evaluate(project: Path, models: list[Path], recent: list[str]) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(recent, handle)
    command = [str(rasa_executable().with_name("python")), str(EVALUATE)]
    for model in models:
        command += ["--model", str(model)]
    command += ["--heldout", str(HELDOUT), "--texts", handle.name]
    result = None
    try:
        async for line in _run(command, project):
            if line.startswith("EVALUATION "):
                result = json.loads(line.removeprefix("EVALUATION "))
    finally:
        Path(handle.name).unlink()  # noqa: ASYNC240 - small and local, as its writing above
    if result is None:
        raise RuntimeError("the evaluation printed no result")
    return result


async def _stories_failed(project: Path, model: Path) -> int:
    """How many test stories the model gets wrong (0 when the project has none)."""
    if not (project / STORIES).exists():
        return 0
    with tempfile.TemporaryDirectory() as out:
        command = [
            str(rasa_executable()), "test", "core", "--model", str(model),
            "--stories", str(STORIES), "--out", out,
        ]  # fmt: skip
        async for _ in _run(command, project):
            pass
        # One small file, read once after minutes of `rasa test`: not worth a thread.
        failed = Path(out, "failed_test_stories.yml").read_text(encoding="utf-8")  # noqa: ASYNC240
    if "None of the test stories failed" in failed:
        return 0
    return len(re.findall(r"^- story:", failed, re.MULTILINE))
