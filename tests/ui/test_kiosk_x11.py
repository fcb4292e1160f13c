"""The real kiosk process on a real X server (Xvfb, no window manager), attacked with xdotool.

The window system's own requests, which pytest-qt can only imitate: unmapping the window (what a
window manager's minimise or "show desktop" does to it), minimise requests, and the X-level close
(`xdotool windowclose` destroys the window under the program). Unmapped or minimised, the window is
back, viewable and full screen, within a second; destroyed, the process exits with WINDOW_LOST so its
unit restarts it. Xvfb and xdotool come from scripts/system-deps.sh; without them the tests skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from explorer.ui.easy.kiosk import WINDOW_LOST
from tests.ui.x_display import claimed_display, start_xvfb

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 is for Linux"),
    pytest.mark.skipif(
        any(shutil.which(tool) is None for tool in ("Xvfb", "xdotool", "xwininfo")),
        reason="needs Xvfb, xdotool and xwininfo (scripts/system-deps.sh)",
    ),
]

WIDTH, HEIGHT = 1280, 800


class XServer:
    """An Xvfb of our own, with no window manager; `env` runs programs on it."""

    def __init__(self, home: Path, display: str) -> None:
        self.process = start_xvfb(display, f"{WIDTH}x{HEIGHT}x24")
        drop = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "QT_QPA_PLATFORM", "DBUS_SESSION_BUS_ADDRESS")
        self.env = {key: value for key, value in os.environ.items() if key not in drop}
        self.env.update(
            DISPLAY=display,
            QT_QPA_PLATFORM="xcb",
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_STATE_HOME=str(home / ".local" / "state"),
            XDG_CACHE_HOME=str(home / ".cache"),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            XDG_RUNTIME_DIR=str(home / "run"),
        )
        (home / "run").mkdir(mode=0o700, exist_ok=True)
        for key in ("EXPLORER_CONFIG", "EXPLORER_STATE", "EXPLORER_DEBUG"):
            self.env.pop(key, None)

    def run(self, *command: str) -> str:
        done = subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=30)
        return done.stdout

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def wait_for(check: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


class KioskProcess:
    """`explorer --kiosk` on the X server; `window` is its top-level X window once it is shown."""

    def __init__(self, x: XServer, catalogue: Path, log: Path, *args: str) -> None:
        self.x = x
        self.log = log
        with log.open("wb") as errors:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "explorer", "--kiosk", "--catalogue", str(catalogue), *args],
                env=x.env,
                cwd=Path(__file__).resolve().parents[2],
                stdout=subprocess.DEVNULL,
                stderr=errors,
            )
        self.window = ""
        assert wait_for(self._find, 60), f"no kiosk window: {log.read_text(errors='replace')}"

    def _find(self) -> bool:
        assert self.process.poll() is None, f"the kiosk ended: {self.log.read_text(errors='replace')}"
        found = self.x.run("xdotool", "search", "--onlyvisible", "--pid", str(self.process.pid)).split()
        if found:
            self.window = found[-1]
        return bool(found) and self.on_screen()

    def info(self) -> str:
        return self.x.run("xwininfo", "-id", self.window)

    def on_screen(self) -> bool:
        """Mapped, viewable and covering the whole screen."""
        info = self.info()
        return "IsViewable" in info and f"Width: {WIDTH}" in info and f"Height: {HEIGHT}" in info

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


@pytest.fixture
def x_server(tmp_path: Path) -> Iterator[XServer]:
    home = tmp_path / "home"
    home.mkdir()
    with claimed_display() as display:
        server = XServer(home, display)
        yield server
        server.stop()


@pytest.fixture
def kiosk_process(x_server: XServer, built_db: Path, tmp_path: Path) -> Iterator[KioskProcess]:
    process = KioskProcess(x_server, built_db, tmp_path / "kiosk.log")
    yield process
    process.stop()


def test_unmapped_or_minimised_the_kiosk_is_back_at_once(kiosk_process: KioskProcess) -> None:
    x = kiosk_process.x
    window = kiosk_process.window
    x.run("xdotool", "windowunmap", window)  # what a window manager does to minimise or show the desktop
    assert wait_for(kiosk_process.on_screen, 2), kiosk_process.info()
    x.run("xdotool", "windowminimize", window)  # the ICCCM request to iconify
    time.sleep(0.5)
    assert wait_for(kiosk_process.on_screen, 2), kiosk_process.info()
    assert kiosk_process.process.poll() is None


def test_an_x_level_close_ends_the_process_for_a_restart(kiosk_process: KioskProcess) -> None:
    kiosk_process.x.run("xdotool", "windowclose", kiosk_process.window)  # XDestroyWindow
    code = kiosk_process.process.wait(timeout=15)
    assert code == WINDOW_LOST, kiosk_process.log.read_text(errors="replace")
    assert "exiting to restart" in kiosk_process.log.read_text(errors="replace")


def test_a_broken_kiosk_shows_out_of_service_on_the_whole_screen(
    x_server: XServer, built_db: Path, tmp_path: Path
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("idle_seconds = 5\n", encoding="utf-8")
    page = KioskProcess(x_server, built_db, tmp_path / "kiosk.log", "--kiosk-config", str(config))
    try:
        for keys in ("Escape", "alt+F4", "ctrl+q", "ctrl+w"):
            x_server.run("xdotool", "windowfocus", "--sync", page.window)
            x_server.run("xdotool", "key", keys)
        x_server.run("xdotool", "windowunmap", page.window)
        assert wait_for(page.on_screen, 2), page.info()
        assert page.process.poll() is None  # still running, trying again every minute
        journal = page.log.read_text(errors="replace")
        # The kiosk speaks Korean unless told otherwise: "out of service" in its words.
        assert "idle_seconds" in journal and "지금은 이용할 수 없습니다" in journal
        assert "Traceback" not in journal
    finally:
        page.stop()


# --- the shipped session: scripts/kiosk-session.sh (issue 15, item 1) -----------------------------------

SESSION = Path(__file__).resolve().parents[2] / "scripts" / "kiosk-session.sh"


@pytest.fixture
def display() -> Iterator[str]:
    """A display number that no X server has and no other test process holds, for the session
    script's X server (it takes a number, as Xorg does); see tests/ui/x_display.py."""
    with claimed_display() as number:
        yield number


class Session:
    """scripts/kiosk-session.sh with Xvfb for Xorg: its X server runs only the kiosk."""

    def __init__(self, home: Path, log: Path, display: str, explorer: str, *args: str) -> None:
        drop = ("PYTHONPATH", "PYTHONHOME", "QT_QPA_PLATFORM", "DISPLAY", "EXPLORER_CONFIG", "EXPLORER_STATE")
        self.env = {key: value for key, value in os.environ.items() if key not in drop}
        self.env.update(
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_CACHE_HOME=str(home / ".cache"),
            XDG_STATE_HOME=str(home / ".local" / "state"),
            KIOSK_X_SERVER="Xvfb",
            KIOSK_DISPLAY=display,
            KIOSK_SCREEN=f"{WIDTH}x{HEIGHT}x24",
            KIOSK_EXPLORER=explorer,
        )
        self.x_env = dict(self.env, DISPLAY=display)
        self.log = log
        with log.open("wb") as errors:
            self.process = subprocess.Popen(
                ["sh", str(SESSION), *args], env=self.env, stdout=subprocess.DEVNULL, stderr=errors
            )

    def x(self, *command: str) -> str:
        done = subprocess.run(command, env=self.x_env, capture_output=True, text=True, timeout=30)
        return done.stdout

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.terminate()
        return self.process.wait(timeout=20)


def test_the_session_script_holds_against_the_window_system_keys(
    built_db: Path, tmp_path: Path, display: str
) -> None:
    explorer = str(Path(sys.executable).with_name("explorer"))
    session = Session(
        tmp_path / "home", tmp_path / "session.log", display, explorer, "--catalogue", str(built_db)
    )
    try:
        windows: list[str] = []

        def kiosk_window() -> bool:
            """The kiosk's window is viewable: its id kept (asked again, it may be between two maps)."""
            assert session.process.poll() is None, session.log.read_text(errors="replace")
            found = session.x("xdotool", "search", "--onlyvisible", "--class", "Seoul Services Explorer")
            windows.extend(found.split()[-1:])
            return bool(found.split())

        assert wait_for(kiosk_window, 60), session.log.read_text(errors="replace")
        window = windows[-1]

        def on_top() -> bool:
            """Viewable, the whole screen, and the top-most viewable window."""
            info = session.x("xwininfo", "-id", window)
            if not ("IsViewable" in info and f"Width: {WIDTH}" in info and f"Height: {HEIGHT}" in info):
                return False
            children = session.x("xwininfo", "-root", "-children").splitlines()
            ids = [line.split()[0] for line in children if line.strip().startswith("0x")]
            viewable = [i for i in ids if "IsViewable" in session.x("xwininfo", "-id", i)]
            return bool(viewable) and int(viewable[-1], 16) == int(window)  # last is on top

        assert wait_for(on_top, 5)
        keys = (
            "super+d",  # show the desktop
            "alt+F4",
            "ctrl+alt+Left",  # other desktops
            "ctrl+alt+Right",
            "super+F2",
            "alt+space",  # the window menu ("Iconify")
            "Escape",
            "ctrl+q",
            "ctrl+w",
            "Menu",  # the context-menu key
            "super",
            "alt+Tab",
        )
        for combination in keys:
            session.x("xdotool", "key", "--clearmodifiers", combination)
            time.sleep(0.2)
            assert wait_for(on_top, 2), combination
        session.x("xdotool", "windowminimize", window)
        time.sleep(0.5)
        assert wait_for(on_top, 2), "windowminimize"
        session.x("xdotool", "windowunmap", window)
        assert wait_for(on_top, 2), "windowunmap"
        assert session.process.poll() is None
    finally:
        code = session.stop()
    assert code == 143  # stopped by the test (SIGTERM), not ended by any key
    assert not Path(f"/tmp/.X11-unix/X{session.env['KIOSK_DISPLAY'][1:]}").exists()  # X went with it


def test_the_session_script_exits_with_the_kiosk_s_code(tmp_path: Path, display: str) -> None:
    """The unit restarts on every code but the staff exit's (64), so the script must pass it on."""
    fake = tmp_path / "explorer"
    fake.write_text("#!/bin/sh\nexit 64\n", encoding="utf-8")
    fake.chmod(0o755)
    session = Session(tmp_path / "home", tmp_path / "session.log", display, str(fake))
    assert session.process.wait(timeout=30) == 64, session.log.read_text(errors="replace")
    assert (tmp_path / "home" / ".config" / "qtvirtualkeyboard").is_dir()
