"""A speech-dispatcher that hangs (it listens but never answers) must not freeze the screen: Read aloud
says it cannot read aloud here, and the self-test says the daemon does not answer, both in seconds.

Qt's speech-dispatcher engine waits for the daemon's answer on the GUI thread with no time limit, so
each check runs in a process of its own with a deadline: on a program without the guard it would
wait for ever (seen on a machine whose daemon had hung).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="speech-dispatcher is Linux's")


@pytest.fixture
def hung_daemon(tmp_path: Path) -> Iterator[Path]:
    """A runtime folder whose speech-dispatcher socket accepts connections and never answers."""
    folder = tmp_path / "run"
    (folder / "speech-dispatcher").mkdir(parents=True)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(folder / "speech-dispatcher" / "speechd.sock"))
    server.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            held.append(connection)  # read nothing, answer nothing

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield folder
    stop.set()
    thread.join(5)
    for connection in held:
        connection.close()
    server.close()


#: The program's wait for the daemon's answer in these runs (2 s in use): the check is that it is
#: given up and said, not how long the program waits.
DEADLINE = "import explorer.ui.easy.speech as speech; speech.SPEECHD_DEADLINE_S = 0.3;"


def _run(code: str, runtime: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {key: value for key, value in os.environ.items() if key != "SPEECHD_ADDRESS"}
    env.update(XDG_RUNTIME_DIR=str(runtime), QT_QPA_PLATFORM="offscreen")
    began = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", DEADLINE + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done, time.monotonic() - began


def test_read_aloud_with_a_hung_speech_daemon_says_no_voice_at_once(hung_daemon: Path) -> None:
    code = (
        "from PySide6.QtWidgets import QApplication; app = QApplication([]);"
        "from explorer.ui.easy.speech import Reader; reader = Reader();"
        "print(reader.voice_for('ko'), reader.say('안녕하세요', 'ko'), reader.voice_for('en'))"
    )
    done, took = _run(code, hung_daemon)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["False", "False", "False"]  # the screen then says it cannot read aloud
    assert took < 20, took


def test_the_self_test_says_the_speech_daemon_does_not_answer(hung_daemon: Path, built_db: Path) -> None:
    code = (
        "import sys; sys.argv = ['explorer', '--catalogue', sys.argv[1], '--self-test'];"
        "from explorer.cli import main; main()"
    )
    env_code = code.replace("sys.argv[1]", repr(str(built_db)))
    done, took = _run(env_code, hung_daemon)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "speech-dispatcher does not answer" in done.stdout + done.stderr
    assert took < 30, took
