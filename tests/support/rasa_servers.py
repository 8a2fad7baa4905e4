"""Starts the real Rasa server and action server for the tests and the benchmark."""

import os
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from handoff.nlu.model import ensure_model, rasa_executable, rasa_server_command
from handoff.paths import RASA_PROJECT

STORINGSDIENST_NUMBER = "088 - 555 00 11"  # the action server's setting, as the tests set it
PROBE_INTERVAL = 0.25  # seconds between asking a starting server whether it is up


def model_loaded(url: str, token: str) -> Callable[[], bool]:
    """A probe: whether the Rasa server at `url` answers /status with a loaded model."""

    def probe() -> bool:
        try:
            with urllib.request.urlopen(f"{url}/status?token={token}", timeout=2) as response:
                return b"model_id" in response.read()
        except OSError:
            return False

    return probe


def run_rasa(*arguments: str) -> subprocess.CompletedProcess[str]:
    """Runs a `rasa` command in the Rasa project and returns what it printed."""
    return subprocess.run(
        [str(rasa_executable()), *arguments],
        cwd=RASA_PROJECT,
        check=False,
        env=os.environ | {"RASA_TELEMETRY_ENABLED": "false", "PYTHONWARNINGS": "ignore"},
        capture_output=True,
        text=True,
        timeout=900,
    )


def free_port() -> int:
    """Returns a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Process:
    """A child process whose output goes to a log file.

    It is ready when a line of its output contains `ready_line`, or, with `probe`, when the
    probe answers true: Rasa's server does not always log that it is up, so its tests ask it.
    """

    def __init__(
        self,
        command: list[str],
        env: dict[str, str],
        log: Path,
        ready_line: str | None = None,
        probe: Callable[[], bool] | None = None,
    ):
        self.ready = threading.Event()
        self.ended = threading.Event()
        self.log = log
        self._ready_line = ready_line
        self._probe = probe
        self.process = subprocess.Popen(
            command,
            cwd=RASA_PROJECT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self._reader = threading.Thread(
            target=self._read, args=(self.process.stdout,), daemon=True
        )
        self._reader.start()

    def _read(self, stream: IO[str]) -> None:
        with stream, self.log.open("w") as out:
            for line in stream:
                out.write(line)
                out.flush()
                if self._ready_line and self._ready_line in line:
                    self.ready.set()
        self.ended.set()
        self.ready.set()  # the process ended: waiters must not hang

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while self._probe is not None and not self.ended.is_set():
            if self._probe():
                return
            if time.monotonic() > deadline:
                break
            self.ended.wait(PROBE_INTERVAL)  # wakes at once if the process dies meanwhile
        if not self.ready.wait(max(0.0, deadline - time.monotonic())) or self.ended.is_set():
            raise RuntimeError(f"{self.log.name} did not start; see {self.log}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()


@dataclass
class RasaServers:
    """A running Rasa server and action server."""

    url: str
    token: str
    model: Path
    _processes: list[_Process]
    standby_url: str | None = None
    trackers: Path | None = None  # the SQLite tracker store the servers share

    @property
    def tracker_store_url(self) -> str | None:
        return f"sqlite:///{self.trackers}" if self.trackers else None

    @property
    def logs(self) -> list[Path]:
        """What each server printed."""
        return [process.log for process in self._processes]

    @property
    def pids(self) -> list[int]:
        """The process ids of the servers, for what `ps` shows of them."""
        return [process.process.pid for process in self._processes]

    def stop(self) -> None:
        for process in self._processes:
            process.stop()


def start_rasa(
    log_dir: Path,
    token: str = "test-rasa-token",
    standby: bool = False,
    endpoints: str = "endpoints.yml",
    environment: dict[str, str] | None = None,
) -> RasaServers:
    """Trains the model if the data changed, then starts the servers and waits until ready.

    With `standby`, a second Rasa server shares the tracker store, as `make run` starts it, so
    a new model can go live on it while the first one answers. `endpoints` and `environment`
    start them as Compose does (endpoints.compose.yml and its settings).
    """
    model = ensure_model()
    log_dir.mkdir(parents=True, exist_ok=True)
    trackers = log_dir / "trackers.db"  # one run's conversations; the next run starts afresh
    trackers.unlink(missing_ok=True)
    actions_port = free_port()
    env = (
        os.environ
        | {
            "ACTION_SERVER_URL": f"http://127.0.0.1:{actions_port}/webhook",
            "RASA_TELEMETRY_ENABLED": "false",
            "PYTHONWARNINGS": "ignore",
            "PYTHONUNBUFFERED": "1",  # the ready line is printed to stdout, not logged
            "STORINGSDIENST_NUMBER": STORINGSDIENST_NUMBER,
            "RASA_TRACKER_DB": str(trackers),
            "RASA_TOKEN": token,
        }
        | (environment or {})
    )
    processes = [
        _Process(
            rasa_server_command("--actions", "actions", "--port", str(actions_port), actions=True),
            env | {"SANIC_HOST": "127.0.0.1"},  # as make run starts it: loopback only
            log_dir / "actions.log",
            "Action endpoint is up and running",
        )
    ]
    urls = []
    for name in ["rasa", "rasa-standby"] if standby else ["rasa"]:
        port = free_port()
        urls.append(f"http://127.0.0.1:{port}")
        processes.append(
            _Process(
                rasa_server_command(
                    *("--model", str(model), "--interface", "127.0.0.1", "--port", str(port)),
                    *("--endpoints", endpoints, "--credentials", "credentials.yml"),
                ),
                env,
                log_dir / f"{name}.log",
                probe=model_loaded(urls[-1], token),
            )
        )
    try:
        for process in processes:
            process.wait_ready(300)
    except Exception:
        for process in processes:
            process.stop()
        raise
    return RasaServers(urls[0], token, model, processes, urls[1] if standby else None, trackers)
