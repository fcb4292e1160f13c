"""A screen reader's view of the running program, through the real AT-SPI bus (what Orca reads).

Run with the system's Python, which has Debian's GObject bindings (python3-gi, gir1.2-atspi-2.0):

    /usr/bin/python3 tests/ui/atspi_client.py SCENARIO APP_NAME PID WINDOW_TITLE [FIND_BY_TYPING]

It finds the application on the accessibility bus, walks its whole tree, then drives it with real key
presses (xdotool, on the X display the program is on) while it listens to the bus's events, and
prints one JSON object: the tree, the announcements and the focus changes it heard.

Scenarios: "standard" types a search and presses Tab through the toolbar; "easy" presses Tab through
the home screen, Enter on a tile, and types a search on Find by typing.
"""

from __future__ import annotations

import json
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


def find_app(name: str, pid: int, timeout: float = 30.0) -> Atspi.Accessible | None:
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
        time.sleep(0.2)
    return None


class Listener:
    """Announcements and focus changes from the bus, in the order they come."""

    def __init__(self) -> None:
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

    def pump(self, seconds: float, until: Callable[[], bool] | None = None) -> None:
        """Let events arrive for `seconds`, or until `until()` holds (checked as they arrive)."""
        context = GLib.MainContext.default()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            while context.pending():
                context.iteration(False)
            if until is not None and until():
                return
            time.sleep(0.02)


def heard(listener: Listener, most: float = 3.0) -> None:
    """Wait (at most `most` seconds) for the first announcement, then long enough for any other that
    would follow it (the program waits ANNOUNCE_SETTLE_MS, 600 ms, before a search's count is said)."""
    listener.pump(most, until=lambda: bool(listener.announcements))
    listener.pump(0.8)


def key(*keys: str) -> None:
    subprocess.run(["xdotool", "key", "--delay", "80", *keys], check=True)


def type_text(text: str) -> None:
    subprocess.run(["xdotool", "type", "--delay", "80", text], check=True)


def focus_window(title: str) -> None:
    """Give the program's window the X keyboard focus (there is no window manager to do it)."""
    found = subprocess.run(["xdotool", "search", "--name", title], capture_output=True, text=True)
    for window in found.stdout.split():
        subprocess.run(["xdotool", "windowfocus", "--sync", window], check=False)


def tabs(listener: Listener, count: int, back: bool = False) -> list[dict[str, Any]]:
    """Press Tab (Shift+Tab) `count` times; what got the focus after each press."""
    seen = []
    for _ in range(count):
        before = len(listener.focus)
        key("shift+Tab" if back else "Tab")
        # The first focus event, then a moment for any that follow it (a container, then its child).
        listener.pump(0.6, until=lambda before=before: len(listener.focus) > before)
        listener.pump(0.1)
        seen.append(listener.focus[-1] if len(listener.focus) > before else {"role": "", "name": ""})
    return seen


def main() -> int:
    scenario, name, pid, title = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    app = find_app(name, pid)
    if app is None:
        print(f"no application named {name!r} with process {pid} on the accessibility bus", file=sys.stderr)
        return 3
    listener = Listener()
    listener.pump(2.0)  # the window settles
    result: dict[str, Any] = {"tree": walk(app)}
    focus_window(title)
    listener.pump(0.5)
    if scenario == "standard":
        key("ctrl+f")
        listener.pump(0.5)
        listener.announcements.clear()
        type_text("care")
        heard(listener)
        result["search_announcements"] = list(listener.announcements)
        key("ctrl+f")
        listener.pump(0.5)
        result["tab_order"] = tabs(listener, 8)
        listener.announcements.clear()
        key("ctrl+l")
        heard(listener)
        result["language_announcements"] = list(listener.announcements)
        result["tree_after_switch"] = walk(app)
    elif scenario == "easy":
        find_words = sys.argv[5]
        listener.pump(0.5)
        result["first_focus"] = listener.focus[-1] if listener.focus else None
        result["tab_order"] = tabs(listener, 10)
        result["back_tab_order"] = tabs(listener, 10, back=True)
        # From the heading, Tab to the first tile and press Enter: the topic's screen, its heading focused.
        before = len(listener.focus)
        key("Tab", "Return")
        listener.pump(1.5)
        result["after_enter"] = listener.focus[before:]
        result["tree_topic"] = walk(app)
        # Tab on to "Find by typing", press Enter, type a word: the answers are announced.
        for _ in range(20):
            if listener.focus and listener.focus[-1]["name"] == find_words:
                break
            tabs(listener, 1)
        before = len(listener.focus)
        key("Return")
        listener.pump(1.0)
        result["after_find"] = listener.focus[before:]
        listener.announcements.clear()
        type_text("care")
        heard(listener)
        result["search_announcements"] = list(listener.announcements)
        result["tree_search"] = walk(app)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
