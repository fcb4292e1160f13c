"""Cycles of Qt objects are collected on the GUI thread, never by a worker that happens to allocate."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from explorer.ui.garbage import GuiThreadCollector, keep_collection_on_gui_thread


@pytest.fixture
def collections_by_thread() -> Iterator[list[int]]:
    """The thread ident of every collection that starts while the test runs."""
    seen: list[int] = []

    def note(phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            seen.append(threading.get_ident())

    gc.callbacks.append(note)
    yield seen
    gc.callbacks.remove(note)


def allocate_cycles(count: int) -> None:
    """What a busy worker does to the collector's counts: many small container cycles."""
    for _ in range(count):
        a: list[Any] = []
        a.append(a)


def test_a_busy_worker_never_collects_and_a_windows_cycle_goes_on_the_gui_thread(
    qapp: QApplication, qtbot: QtBot, collections_by_thread: list[int]
) -> None:
    collector = keep_collection_on_gui_thread(qapp)
    assert keep_collection_on_gui_thread(qapp) is collector  # installed once
    assert not gc.isenabled()
    # A closed window's leftovers: a Qt object in a reference cycle, with nothing else holding it.
    holder = QObject()
    holder.me = holder  # type: ignore[attr-defined]
    gone = weakref.ref(holder)
    del holder
    worker = threading.Thread(target=allocate_cycles, args=(200_000,))
    worker.start()
    worker.join()
    gui = threading.get_ident()
    assert worker.ident not in collections_by_thread
    qtbot.waitUntil(lambda: gone() is None, timeout=5000)  # the GUI thread's timer collected it
    assert collections_by_thread and set(collections_by_thread) == {gui}


def test_without_it_a_worker_thread_collects_which_is_why_it_exists(
    qapp: QApplication, collections_by_thread: list[int]
) -> None:
    keep_collection_on_gui_thread(qapp)
    gc.enable()  # what Python does by default
    try:
        worker = threading.Thread(target=allocate_cycles, args=(200_000,))
        worker.start()
        worker.join()
    finally:
        gc.disable()
    assert worker.ident in collections_by_thread


def test_stop_gives_collection_back_to_python(qapp: QApplication) -> None:
    collector = GuiThreadCollector(interval_ms=10_000)
    try:
        assert not gc.isenabled()
    finally:
        collector.stop()
    assert gc.isenabled()
    gc.disable()  # the application's own collector goes on for the rest of the suite
