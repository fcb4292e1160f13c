"""A whole kiosk session writes nothing: not in the home folder, not beside the catalogue.

The session is the real start-up (`explorer.ui.app.run_gui` with `kiosk=True`) in a process of its
own, offscreen, with HOME and every XDG folder in a temporary tree. A driver (below, run with
`python -c`) waits for the kiosk to start, then uses it as a person would: the touch keyboard in the
search, a question answered on the number pad, a service page, the reset; then staff leave with the
PIN. The trees are compared before and after, file by file with sizes and modification times.
Without QML_DISABLE_DISK_CACHE (set by the kiosk) the touch keyboard's compiled QML would be written
to ~/.cache/<program>/qmlcache on its first use.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from explorer.core.kiosk_pin import hash_pin
from explorer.ui.easy.kiosk import STAFF_EXIT

ROOT = Path(__file__).resolve().parents[2]
PIN = "582094"

DRIVER = """
import sys
from pathlib import Path

from PySide6.QtCore import QTimer

import explorer.ui.app as app
from explorer.core.paths import Paths

config, catalogue, pin = sys.argv[1:4]
attempt = app.KioskStart.attempt
steps = []


def drive(start):
    window, kiosk = start.window, start.kiosk
    box = window.pages["search"].box

    def search(tries=0):
        window.go("search")
        box.setFocus()
        window.keyboard.forget("ko")  # nothing half-typed from an earlier try
        box.clear()
        for jamo in "ㄷㅗㄹㅂㅗㅁ":
            window.keyboard.press(jamo)
        QTimer.singleShot(200, lambda: typed(tries))

    def typed(tries):
        # Hangul's input method is set a moment after the layout's locale: keys pressed before that
        # type nothing ("input method is not set"), so on a busy machine the word is typed again.
        if box.text() != "돌봄" and tries < 25:
            search(tries + 1)
        else:
            QTimer.singleShot(200, answer)

    def answer():
        steps.append(box.text())
        window.go("ask", ("boram-jobs",))
        pad = window.pages["question"].pad
        for digit in "55":
            pad.press(digit)
        pad.ok.click()
        QTimer.singleShot(400, service)

    def service():
        window.go("service", "ansimi")
        QTimer.singleShot(400, reset)

    def reset():
        kiosk.reset()
        QTimer.singleShot(400, leave)

    def leave():
        kiosk.open_staff()
        kiosk.check_pin(pin)  # the staff exit: the program ends with STAFF_EXIT

    QTimer.singleShot(400, search)


def watched(self):
    started = attempt(self)
    if started:
        drive(self)
    return started


app.KioskStart.attempt = watched
code = app.run_gui(Paths.discover(catalogue), "ko", lang_given=False, kiosk=True, kiosk_config=Path(config))
print("typed:", steps[0] if steps else "", file=sys.stderr)
sys.exit(code)
"""


def _tree(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under `folder`, with its size and modification time."""
    return {
        str(path.relative_to(folder)): (path.lstat().st_size, path.lstat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
    }


def test_a_kiosk_session_writes_no_file(built_db: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    config_folder = home / ".config" / "seoul-services-explorer"
    config_folder.mkdir(parents=True)
    (home / "run").mkdir(mode=0o700)
    # Qt Virtual Keyboard makes this (empty) folder when it first loads, if it is missing; the kiosk
    # session script (scripts/kiosk-session.sh) makes it before the first session, as here.
    (home / ".config" / "qtvirtualkeyboard").mkdir()
    config = config_folder / "kiosk.toml"
    config.write_text(f'idle_seconds = 60\npin_hash = "{hash_pin(PIN)}"\n', encoding="utf-8")
    beside = tmp_path / "catalogue"
    beside.mkdir()
    catalogue = beside / "services.db"
    shutil.copyfile(built_db, catalogue)
    drop = ("EXPLORER_CONFIG", "EXPLORER_STATE", "EXPLORER_DEBUG", "QML_DISABLE_DISK_CACHE", "PYTHONPATH")
    env = {key: value for key, value in os.environ.items() if key not in drop}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_RUNTIME_DIR=str(home / "run"),
        TMPDIR=str(tmp_path / "tmp"),
    )
    (tmp_path / "tmp").mkdir()
    before_home, before_beside = _tree(home), _tree(beside)
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, str(config), str(catalogue), PIN],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == STAFF_EXIT, result.stderr
    assert "typed: 돌봄" in result.stderr, result.stderr  # the keyboard was really used
    written = {path: info for path, info in _tree(home).items() if before_home.get(path) != info}
    assert written == {}, f"the session wrote in the home folder: {sorted(written)}"
    assert _tree(beside) == before_beside, "the session wrote beside the catalogue"
