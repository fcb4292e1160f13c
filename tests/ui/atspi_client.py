"""A screen reader's view of the running program, through the real AT-SPI bus (what Orca reads).

Run with the system's Python, which has Debian's GObject bindings (python3-gi, gir1.2-atspi-2.0):

    /usr/bin/python3 tests/ui/atspi_client.py SCENARIO APP_NAME PID EXPECTED

It finds the application on the accessibility bus, waits until its window is made, walks its whole
tree, then drives it with real key presses (xdotool, on the X display the program is on) while it
listens to the bus's events, and prints one JSON object: the trees, the announcements and the focus
changes it heard.

Scenarios: "standard" types a search and presses Tab through the toolbar, then Ctrl+L; "easy" presses
Tab through the home screen, Enter on a tile, and types a search on Find by typing.

EXPECTED is a JSON object of what the program shows and says, in its language: "title" (the window's),
"search" (the standard window's search box), "find_by_typing" (easy mode's button), "touch_keyboard"
(the touch keyboard's name where the program types through one, else null), "count" (a regular
expression: how a search's count is said), "language_switched" (how Ctrl+L is answered) and
"settle_ms" (the program's ANNOUNCE_SETTLE_MS, the longest it lets a change rest before it acts on
it: a search's count is said then; easy mode's search waits 250 ms).

Nothing is waited for a fixed time where the awaited thing can be seen: each step goes on as soon as
the window is made, the focus has moved or the awaited announcement has come, within generous upper
bounds (a slow or loaded machine still passes). A fixed wait is left only where the test must show
that nothing more comes. A bound passed ends the run (exit status 4), with what was awaited on
standard error and what was heard until then on standard output.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

#: Roles a person acts on: each must have a name (its own, or its label's).
INTERACTIVE_ROLES = {
    "push button",
    "toggle button",
    "check box",
    "radio button",
    "combo box",
    "text",
    "entry",
    "password text",
    "spin button",
    "page tab",
    "page tab list",
    "link",
    "menu item",
    "slider",
    "list",
    "tree",
    "tree table",
    "table",
}
STATES = ("focusable", "focused", "showing", "visible", "enabled", "checkable", "checked", "selected")
#: Roles whose children are rows of data: never looked into while waiting for the window.
DATA_CONTAINERS = {"list", "tree", "tree table", "table", "combo box"}

#: Upper bounds, in seconds: how long the program may take to start and show its window made, and to
#: answer one key press (a focus change, an announcement). Only a failing run waits them out.
WINDOW_TIMEOUT = 90.0
STEP_TIMEOUT = 30.0
#: Upper bound of one xdotool command (`windowfocus --sync` waits for the X focus to change).
XDOTOOL_TIMEOUT = 30.0


class GaveUp(Exception):
    """An awaited event did not come within its bound: the run has failed."""


def _states(obj: Atspi.Accessible) -> list[str]:
    state_set = obj.get_state_set()
    return [name for name in STATES if state_set.contains(getattr(Atspi.StateType, name.upper()))]


def _labels(obj: Atspi.Accessible) -> list[str]:
    names = []
    for relation in obj.get_relation_set() or []:
        if relation.get_relation_type() == Atspi.RelationType.LABELLED_BY:
            for i in range(relation.get_n_targets()):
                target = relation.get_target(i)
                if target is not None:
                    names.append(target.get_name() or "")
    return names


def describe(obj: Atspi.Accessible, depth: int) -> dict[str, Any]:
    role = obj.get_role_name()
    states = _states(obj)
    return {
        "depth": depth,
        "role": role,
        "name": obj.get_name() or "",
        "description": obj.get_description() or "",
        "labels": _labels(obj),
        "states": states,
        "interactive": role in INTERACTIVE_ROLES or "focusable" in states,
    }


def walk(
    obj: Atspi.Accessible, depth: int = 0, out: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    out = [] if out is None else out
    out.append(describe(obj, depth))
    for i in range(obj.get_child_count()):
        child = obj.get_child_at_index(i)
        if child is not None:
            walk(child, depth + 1, out)
    return out


def _children(obj: Atspi.Accessible) -> list[Atspi.Accessible]:
    children = (obj.get_child_at_index(i) for i in range(obj.get_child_count()))
    return [child for child in children if child is not None]


def find_app(name: str, pid: int, timeout: float = WINDOW_TIMEOUT) -> Atspi.Accessible | None:
    """The application `name` run by process `pid` (an earlier run may linger on the bus a moment)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            try:
                if app is not None and app.get_name() == name and app.get_process_id() == pid:
                    return app
            except GLib.Error:  # gone while we asked
                continue
        time.sleep(0.05)
    return None


def window_made(app: Atspi.Accessible, expected: dict[str, Any]) -> str:
    """What is still missing of the program's window ("" once it is made, as a screen reader meets
    it): a frame named as expected on screen; every page of its stacked panes made (the standard
    window makes its Programmes and Screening tabs after its first paint, the last of what it leaves
    for then); the touch keyboard where the program types through one (easy mode makes it after its
    first paint, the last of what it leaves for then). Rows of data are not looked into: they are
    many, and not waited for."""
    title, keyboard = expected["title"], expected.get("touch_keyboard")
    try:
        frames = [child for child in _children(app) if child.get_role_name() == "frame"]
        shown = [f for f in frames if f.get_name() == title and "showing" in _states(f)]
        if not shown:
            return f"no frame named {title!r} on screen"
        todo, names = list(shown), set()
        while todo:
            obj = todo.pop()
            role = obj.get_role_name()
            names.add(obj.get_name())
            if role in DATA_CONTAINERS:
                continue
            children = _children(obj)
            if role == "layered pane":
                empty = [i for i, page in enumerate(children) if page.get_child_count() == 0]
                if empty:
                    return f"pages {empty} of a stacked pane not made yet"
            todo.extend(children)
    except GLib.Error as error:  # an object gone while we asked: not made yet
        return str(error)
    if keyboard and keyboard not in names:
        return f"no {keyboard!r} (the touch keyboard) yet"
    return ""


class Listener:
    """Announcements and focus changes from the bus, in the order they come."""

    def __init__(self, app: Atspi.Accessible) -> None:
        self.app = app
        self.announcements: list[dict[str, Any]] = []
        self.focus: list[dict[str, Any]] = []
        self._listener = Atspi.EventListener.new(self._on_event)
        self._listener.register("object:announcement")
        self._listener.register("object:state-changed:focused")

    def _on_event(self, event: Atspi.Event) -> None:
        try:
            if event.type.startswith("object:announcement"):
                value = event.any_data
                text = value if isinstance(value, str) else str(value or "")
                self.announcements.append({"text": text, "politeness": event.detail1})
            elif event.detail1 == 1:
                source = event.source
                self.focus.append({"role": source.get_role_name(), "name": source.get_name() or ""})
        except GLib.Error as error:  # an object gone before its event was read
            self.focus.append({"role": "error", "name": str(error)})

    def pump(self, seconds: float, until: Callable[[], bool] | None = None) -> bool:
        """Let events arrive for `seconds`, or until `until()` holds (checked as they arrive); whether
        it held."""
        context = GLib.MainContext.default()
        deadline = time.monotonic() + seconds
        while True:
            while context.pending():
                context.iteration(False)
            if until is not None and until():
                return True
            if time.monotonic() >= deadline:
                return until is None
            time.sleep(0.005)

    def sync(self) -> None:
        """Until every event the program sent before now has arrived and been read.

        A call to the program is answered on the connection its events are sent on, after them (a
        D-Bus connection keeps its messages in order), and the program answers it only when it has
        done what it was doing: what it sent while handling a key press (the focus leaving one object,
        then coming to another, then to its child) is all here once the answer is. libatspi keeps no
        cache outside its own main loop, so the call does go to the program (it waits for a stopped
        program).
        """
        self.app.get_child_count()
        self.pump(0)

    def wait(self, until: Callable[[], bool], what: str, most: float = STEP_TIMEOUT) -> None:
        """Until `until()` holds, and every event sent before it is read (`sync`); GaveUp after `most`
        seconds."""
        if not self.pump(most, until):
            raise GaveUp(f"{what} (waited {most:.0f} s)")
        self.sync()

    def moved(self, before: int, what: str) -> dict[str, Any]:
        """Wait for the focus to move (a focus event after the first `before`): where it ended."""
        self.wait(lambda: len(self.focus) > before, what)
        return self.focus[-1]

    def hear(self, pattern: str, what: str) -> None:
        """Wait for an announcement whose whole text matches `pattern` (a regular expression)."""
        said = re.compile(pattern)
        self.wait(lambda: any(said.fullmatch(a["text"]) for a in self.announcements), what)


def xdotool(*args: str, check: bool = True) -> str:
    try:
        done = subprocess.run(
            ["xdotool", *args], check=check, capture_output=True, text=True, timeout=XDOTOOL_TIMEOUT
        )
    except subprocess.TimeoutExpired as error:
        raise GaveUp(f"xdotool {' '.join(args)} (waited {XDOTOOL_TIMEOUT:.0f} s)") from error
    return done.stdout


def key(*keys: str) -> None:
    # At xdotool's own pace (12 ms between key events): the program reads X's events in the order they
    # are sent, so a key pressed next is never read before this one.
    xdotool("key", *keys)


def type_text(text: str) -> None:
    xdotool("type", text)


def focus_window(title: str) -> None:
    """Give the program's window the X keyboard focus (there is no window manager to do it): its
    window on screen (`--onlyvisible`: not the program's unmapped ones; `--sync`: once it is mapped)."""
    for window in xdotool("search", "--sync", "--onlyvisible", "--name", title).split():
        xdotool("windowfocus", "--sync", window, check=False)


def tabs(listener: Listener, count: int, back: bool = False) -> list[dict[str, Any]]:
    """Press Tab (Shift+Tab) `count` times; what got the focus after each press."""
    seen = []
    for n in range(count):
        before = len(listener.focus)
        key("shift+Tab" if back else "Tab")
        # The first focus event, then (`sync`) any that follow it (a container, then its child).
        seen.append(listener.moved(before, f"the focus to move after {'Shift+' if back else ''}Tab {n + 1}"))
    return seen


def standard(
    app: Atspi.Accessible, listener: Listener, result: dict[str, Any], expected: dict[str, Any]
) -> None:
    box = {"role": "text", "name": expected["search"]}
    key("ctrl+f")
    listener.wait(lambda: listener.focus[-1] == box, "Ctrl+F to put the focus in the search box")
    listener.announcements.clear()
    type_text("care")
    listener.hear(expected["count"], "a search's count to be announced")
    result["search_announcements"] = list(listener.announcements)
    key("ctrl+f")
    listener.wait(lambda: listener.focus[-1] == box, "Ctrl+F to put the focus in the search box")
    result["tab_order"] = tabs(listener, 8)
    listener.announcements.clear()
    key("ctrl+l")
    # Said once every name is in the new language (MainWindow._language_changed): the tree walked
    # once it is heard is the switched window's.
    listener.hear(re.escape(expected["language_switched"]), "the language switch to be announced")
    result["language_announcements"] = list(listener.announcements)
    result["tree_after_switch"] = walk(app)


def easy(app: Atspi.Accessible, listener: Listener, result: dict[str, Any], expected: dict[str, Any]) -> None:
    settle = expected["settle_ms"] / 1000
    result["tab_order"] = tabs(listener, 10)
    result["back_tab_order"] = tabs(listener, 10, back=True)
    # From the heading, Tab to the first tile and press Enter: the topic's screen, its heading focused.
    before = len(listener.focus)
    key("Tab")
    tile = listener.moved(before, "the focus to move to the first tile")
    key("Return")
    listener.wait(lambda: listener.focus[-1] != tile, "the focus to leave the tile after Enter")
    # The test checks that the focus went nowhere else on the way and stayed on the heading: `settle`
    # (the longest the program lets a change rest before it acts on it) for anything more, the
    # screen's tree read meanwhile.
    arrived = time.monotonic()
    result["tree_topic"] = walk(app)
    listener.pump(arrived + settle - time.monotonic())
    result["after_enter"] = listener.focus[before:]
    # Tab on to "Find by typing", press Enter, type a word: the answers are announced.
    for _ in range(20):
        if listener.focus[-1]["name"] == expected["find_by_typing"]:
            break
        tabs(listener, 1)
    before = len(listener.focus)
    find = listener.focus[-1]
    key("Return")
    listener.wait(lambda: listener.focus[-1] != find, "the focus to leave Find by typing after Enter")
    arrived = time.monotonic()
    listener.announcements.clear()
    type_text("care")
    listener.hear(expected["count"], "a search's count to be announced")
    # The test checks that the focus ended in the box: where it went from Enter until the count was
    # said, and at least `settle` after it came (what is left of it, if the search was quicker).
    listener.pump(arrived + settle - time.monotonic())
    result["after_find"] = listener.focus[before:]
    result["search_announcements"] = list(listener.announcements)
    result["tree_search"] = walk(app)


def main() -> int:
    scenario, name, pid, expected = sys.argv[1], sys.argv[2], int(sys.argv[3]), json.loads(sys.argv[4])
    app = find_app(name, pid)
    if app is None:
        print(f"no application named {name!r} with process {pid} on the accessibility bus", file=sys.stderr)
        return 3
    # Registered with the bus's registry, which tells the program before it answers us: the program
    # has heard of this listener before it answers the calls below, and sends it its events.
    listener = Listener(app)
    result: dict[str, Any] = {}
    try:
        deadline = time.monotonic() + WINDOW_TIMEOUT
        while missing := window_made(app, expected):  # looked at every 50 ms while the program starts
            if time.monotonic() > deadline:
                raise GaveUp(f"the window to be made: {missing} (waited {WINDOW_TIMEOUT:.0f} s)")
            listener.pump(0.05)
        focus_window(expected["title"])
        # The focus comes as the window is activated: to the search box, or the easy first screen's
        # heading.
        listener.wait(lambda: bool(listener.focus), "the window to take the focus")
        activated = time.monotonic()
        result["tree"] = walk(app)
        if scenario == "standard":
            standard(app, listener, result, expected)
        elif scenario == "easy":
            # The test checks where the focus is once the window has it: `settle_ms` (the longest the
            # program lets a change rest before it acts on it) for anything that would move it on,
            # the tree read meanwhile.
            listener.pump(activated + expected["settle_ms"] / 1000 - time.monotonic())
            result["first_focus"] = listener.focus[-1]
            easy(app, listener, result, expected)
    except GaveUp as error:
        print(json.dumps(result, ensure_ascii=False))
        print(f"gave up waiting for {error}", file=sys.stderr)
        return 4
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
