"""Both windows, in both languages, as a screen reader meets them: through the real AT-SPI bus.

Each run starts its own X server (Xvfb), its own D-Bus session and accessibility bus, and the program
itself (`python -m explorer`, with Qt's AT-SPI bridge on), then runs tests/ui/atspi_client.py with
the system's Python (Debian's GObject bindings for libatspi) to walk the program's accessible tree
and drive it with real key presses (xdotool). The Debian packages come from scripts/system-deps.sh.

Checked: no interactive object without a name (its own or its label's); names in the language shown;
a search is announced (AT-SPI `object:announcement`) with the results heading's words; Tab goes in
the order the screen reads; in easy mode the window is a frame, the heading has the focus after every
change of screen, the content comes before the bottom bar, Enter presses a focused button.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from explorer.core.i18n import Localizer, _, ngettext, set_localizer
from explorer.core.paths import Paths
from explorer.ui.easy import input_method
from explorer.ui.theme import ANNOUNCE_SETTLE_MS
from tests.ui.x_display import claimed_display, start_xvfb

HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
SYSTEM_PYTHON = "/usr/bin/python3"
CLIENT = Path(__file__).with_name("atspi_client.py")
LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")
APP_NAME = "Seoul Services Explorer"
#: Roles whose names are the catalogue's data (service and category names), not the interface's words.
DATA_ROLES = {"list item", "table cell", "tree item"}
#: Names that are in the other language on purpose: each language's own name for itself.
OWN_NAMES = {"한국어", "English"}

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="AT-SPI is the Linux bus")


def _launcher() -> str | None:
    return next((path for path in LAUNCHERS if os.access(path, os.X_OK)), None)


def _missing() -> list[str]:
    """What this machine lacks for the bus test (each is a Debian package in scripts/system-deps.sh)."""
    missing = [tool for tool in ("Xvfb", "dbus-daemon", "xdotool") if shutil.which(tool) is None]
    if _launcher() is None:
        missing.append("at-spi-bus-launcher (at-spi2-core)")
    probe = "import gi; gi.require_version('Atspi', '2.0'); from gi.repository import Atspi"
    if not os.access(SYSTEM_PYTHON, os.X_OK) or subprocess.run([SYSTEM_PYTHON, "-c", probe]).returncode:
        missing.append("the system Python's Atspi bindings (python3-gi, gir1.2-atspi-2.0)")
    return missing


class Desktop:
    """An X server, a D-Bus session and an accessibility bus of our own, stopped in reverse order."""

    def __init__(self, folder: Path, display: str) -> None:
        self.processes: list[subprocess.Popen[bytes]] = []
        self.env = dict(os.environ)
        try:
            self._begin(folder, display)
        except BaseException:
            self.stop()  # what did start is not left running
            raise

    def _begin(self, folder: Path, display: str) -> None:
        """Xvfb on `display` (claimed: tests/ui/x_display.py), then the buses."""
        self.processes.append(start_xvfb(display, "1920x1080x24"))
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key
            not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "QT_QPA_PLATFORM", "DBUS_SESSION_BUS_ADDRESS")
        }
        self.env["DISPLAY"] = display
        # The session bus runs in this desktop's environment, and so does the accessibility bus
        # launcher it starts when first asked (D-Bus activation, as on a desktop): the accessibility
        # bus's socket goes in this desktop's runtime folder (folder/at-spi/bus_N), not in
        # ~/.cache/at-spi/bus, which every other desktop on the machine (another test run, another
        # xdist worker) would share and remove when it stops.
        self.env["XDG_RUNTIME_DIR"] = str(folder)
        bus = self._start(
            ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
            stdout=subprocess.PIPE,
        )
        assert bus.stdout is not None
        self.env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().decode().strip()
        address = self._a11y_bus_address()
        assert address.startswith(f"unix:path={folder}/"), address

    def _a11y_bus_address(self) -> str:
        """The accessibility bus's address, asked of the session bus (what the program and client do);
        the first request starts the bus."""
        ask = ["--dest=org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus.GetAddress"]
        done = subprocess.run(
            ["dbus-send", "--session", "--print-reply=literal", *ask],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    def _start(self, command: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(command, stderr=subprocess.DEVNULL, env=self.env, **kwargs)
        self.processes.append(process)
        return process

    def run_program(self, args: list[str], config: Path, log: Path) -> subprocess.Popen[bytes]:
        env = dict(self.env)
        env.update(
            QT_QPA_PLATFORM="xcb",
            QT_ACCESSIBILITY="1",
            QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
            EXPLORER_CONFIG=str(config),
        )
        with log.open("wb") as errors:  # a file, not a pipe: Qt's warnings must never block the program
            return subprocess.Popen(
                [sys.executable, "-m", "explorer", *args], env=env, stdout=subprocess.DEVNULL, stderr=errors
            )

    def client(self, scenario: str, pid: int, *args: str) -> dict[str, Any]:
        done = subprocess.run(
            [SYSTEM_PYTHON, str(CLIENT), scenario, APP_NAME, str(pid), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=240,
        )
        assert done.returncode == 0, (
            f"the AT-SPI client failed ({done.returncode}): {done.stdout[-2000:]} {done.stderr[-2000:]}"
        )
        return json.loads(done.stdout)

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture(scope="module")
def desktop() -> Iterator[Desktop]:
    missing = _missing()
    if missing:
        message = "the AT-SPI bus test needs " + ", ".join(missing) + ": run `bash scripts/system-deps.sh`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    folder = Path(tempfile.mkdtemp(prefix="explorer-atspi-"))
    folder.chmod(0o700)
    with claimed_display() as display:
        started = Desktop(folder, display)
        yield started
        started.stop()
    shutil.rmtree(folder, ignore_errors=True)


def _count_pattern() -> str:
    """A search's count as said in the language shown ("12 services found"), as a regular expression."""
    return re.escape(ngettext("{count} service found", "{count} services found", 2)).replace(
        re.escape("{count}"), r"\d+"
    )


def _run(desktop: Desktop, paths: Paths, tmp_path: Path, lang: str, easy: bool) -> dict[str, Any]:
    other = Localizer("en" if lang == "ko" else "ko", paths.translations)
    switched = other.gettext(
        "Language switched to English" if other.lang == "en" else "Language switched to Korean"
    )
    set_localizer(Localizer(lang, paths.translations))
    # What the client waits for (it goes on as soon as it has come): the window made (its touch
    # keyboard too, where the program types through one), the announcements the test looks for, and
    # the program's longest wait after a key press (where it must show that nothing more comes).
    keyboard = easy and desktop.env.get("QT_IM_MODULE") == input_method.IM_MODULE
    expected = {
        "title": _("Seoul Services Explorer"),
        "search": _("Search services"),
        "find_by_typing": _("Find by typing"),
        "touch_keyboard": _("Touch keyboard") if keyboard else None,
        "count": _count_pattern(),
        "language_switched": switched,
        "settle_ms": ANNOUNCE_SETTLE_MS,
    }
    args = ["--lang", lang, "--catalogue", str(paths.catalogue), *(["--easy"] if easy else [])]
    log = tmp_path / "program.log"
    program = desktop.run_program(args, tmp_path / "config", log)
    try:
        scenario = "easy" if easy else "standard"
        seen = desktop.client(scenario, program.pid, json.dumps(expected, ensure_ascii=False))
        if os.environ.get("EXPLORER_ATSPI_DUMP"):  # what the screen reader heard, for a person to read
            dump = Path(os.environ["EXPLORER_ATSPI_DUMP"]) / f"{'easy' if easy else 'standard'}-{lang}.json"
            dump.write_text(json.dumps(seen, ensure_ascii=False, indent=1), encoding="utf-8")
        return seen
    finally:
        program.terminate()
        try:
            program.wait(timeout=20)
        except subprocess.TimeoutExpired:
            program.kill()
        if program.returncode not in (0, -15):
            print(log.read_text(encoding="utf-8", errors="replace")[-3000:], file=sys.stderr)


def _effective_name(node: dict[str, Any]) -> str:
    return node["name"] or " ".join(node["labels"])


def _unnamed(tree: list[dict[str, Any]], shown_only: bool = False) -> list[dict[str, Any]]:
    """Interactive objects without a name (`shown_only`: those on screen, not a screen not yet filled)."""
    return [
        n
        for n in tree
        if n["interactive"]
        and not _effective_name(n).strip()
        and (not shown_only or "visible" in n["states"])
    ]


def _wrong_language(tree: list[dict[str, Any]], lang: str) -> list[str]:
    """Names of interactive objects and headings that are not in `lang` (data and own names aside)."""
    wrong = []
    for node in tree:
        if node["role"] in DATA_ROLES or not (node["interactive"] or node["role"] in ("label", "frame")):
            continue
        for name in (node["name"], *node["labels"]):
            if not name or name in OWN_NAMES:
                continue
            if lang == "en" and HANGUL.search(name):
                wrong.append(f"{node['role']} {name!r}")
            if lang == "ko" and LATIN_WORD.search(name) and not HANGUL.search(name):
                wrong.append(f"{node['role']} {name!r}")
    return wrong


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_standard_window_through_the_bus(desktop: Desktop, paths: Paths, tmp_path: Path, lang: str) -> None:
    seen = _run(desktop, paths, tmp_path, lang, easy=False)
    tree = seen["tree"]
    assert [n for n in tree if n["role"] == "frame"], "the window is not a frame"
    assert not _unnamed(tree), f"unnamed interactive objects: {_unnamed(tree)}"
    assert not _wrong_language(tree, lang), _wrong_language(tree, lang)
    # The filters and the tab bar are named by their labels, not (only) by their current value.
    combos = [n for n in tree if n["role"] == "combo box" and "showing" in n["states"]]
    for purpose in (_("Filter by category"), _("Filter by who it is for"), _("Filter by status")):
        assert any(purpose in n["labels"] for n in combos), f"no combo labelled {purpose!r}"
    tab_list = next(n for n in tree if n["role"] == "page tab list")
    assert _("Sections of the program") in tab_list["labels"]
    # A result shows its summary as its description.
    items = [n for n in tree if n["role"] == "list item" and n["description"]]
    assert len(items) > 10, "the results' summaries are not exposed"
    # Typing a search is announced with the results heading's words.
    texts = [a["text"] for a in seen["search_announcements"]]
    assert texts, "no announcement after a search"
    pattern = _count_pattern()
    assert any(re.fullmatch(pattern, text) for text in texts), texts
    # Tab walks the window as it reads: from the search box, zoom (out is off at 100%), language, the
    # three filters, the tabs, the results, "Add to shortlist".
    switch = _("Switch language to English") if lang == "ko" else _("Switch language to Korean")
    expected = [
        ("push button", _("Zoom in")),
        ("push button", switch),
        *[("combo box", "")] * 3,
        ("page tab list", _("Services")),
        ("list", _("Services found")),
        ("push button", _("Add the shown service to the shortlist")),
    ]
    got = [(f["role"], "" if f["role"] == "combo box" else f["name"]) for f in seen["tab_order"]]
    assert got == expected, seen["tab_order"]
    # Ctrl+L is announced in the new language, and every name follows.
    other = "en" if lang == "ko" else "ko"
    set_localizer(Localizer(other, paths.translations))
    switched = _("Language switched to English") if other == "en" else _("Language switched to Korean")
    assert switched in [a["text"] for a in seen["language_announcements"]]
    assert not _wrong_language(seen["tree_after_switch"], other), _wrong_language(
        seen["tree_after_switch"], other
    )


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_easy_window_through_the_bus(desktop: Desktop, paths: Paths, tmp_path: Path, lang: str) -> None:
    seen = _run(desktop, paths, tmp_path, lang, easy=True)
    tree = seen["tree"]
    frames = [n for n in tree if n["role"] == "frame" and "showing" in n["states"]]
    assert frames and frames[0]["name"] == _("Seoul Services Explorer"), "the easy window is not a frame"
    # Every screen a person reaches has its objects named, in the language shown (the screens not
    # yet shown are filled when they are: their empty buttons are not on screen).
    for screen in ("tree", "tree_topic", "tree_search"):
        assert not _unnamed(seen[screen], shown_only=True), (screen, _unnamed(seen[screen], shown_only=True))
        assert not _wrong_language(seen[screen], lang), (screen, _wrong_language(seen[screen], lang))
    # The languages are toggles, the one shown checked.
    languages = [n for n in tree if n["name"] in OWN_NAMES and "showing" in n["states"] and n["interactive"]]
    assert all("checkable" in n["states"] for n in languages), languages
    chosen = "한국어" if lang == "ko" else "English"
    assert [n["name"] for n in languages if "checked" in n["states"]] == [chosen]
    # The first screen opens with its heading focused; Tab goes through the tiles, then the bottom bar,
    # then round to the top bar (Back is off on the first screen); Shift+Tab goes back the same way.
    heading = _("What do you need help with?")
    assert seen["first_focus"] == {"role": "label", "name": heading}
    order = seen["tab_order"]
    assert [f["role"] for f in order[:6]] == ["push button"] * 6, order
    bottom = [_("Read aloud"), _("Find by typing"), _("Help: call {number}").format(number="120")]
    assert [f["name"] for f in order[6:10]] == [*bottom, _("Home")], order
    assert [f["name"] for f in seen["back_tab_order"]] == [f["name"] for f in reversed(order[:9])] + [heading]
    # Enter on a tile presses it; the focus goes straight to the new screen's heading.
    after = seen["after_enter"]
    assert after[-1] == {"role": "label", "name": order[0]["name"]}, after
    assert all(f == order[0] for f in after[:-1]), f"the focus went elsewhere on the way: {after}"
    # Enter on "Find by typing" opens it with the focus in the box; typing is answered aloud.
    assert seen["after_find"][-1] == {"role": "text", "name": _("Words to find")}, seen["after_find"]
    texts = [a["text"] for a in seen["search_announcements"]]
    pattern = _count_pattern()
    assert any(re.fullmatch(pattern, text) for text in texts), texts
