"""Easy mode's service text can always be read to its last line: when it is longer than its area a
wide scroll bar shows, a tap on the bar's track moves a page, and each new service or part starts at
the top. Followed as a person would, at 1920 x 1080: Dolbom SOS's three parts, then Back to other
care services (a long text after a short one and a short after a long one), then Zero Pay."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSlider, QApplication
from pytestqt.qtbot import QtBot

from explorer.ui.easy import theme
from explorer.ui.easy.pages.service import ServicePage
from explorer.ui.easy.window import EasyWindow
from tests.ui.test_easy import easy, printed  # noqa: F401  (fixtures)

#: Set to a folder to keep a picture of each page looked at.
SHOTS = os.environ.get("EASY_TEXT_SHOTS", "")


def readable(page: ServicePage, name: str) -> tuple[int, int]:
    """Assert that the whole text of `page` can be read; (label height, viewport height)."""
    QApplication.processEvents()
    area, label = page.area, page.body
    bar = area.verticalScrollBar()
    viewport = area.viewport().height()
    needed = label.heightForWidth(area.viewport().width())
    if SHOTS:
        page.window().grab().save(str(Path(SHOTS) / f"{name}-top.png"))
    assert bar.value() == 0, f"{name}: a new text starts scrolled to {bar.value()}"
    assert label.height() >= needed - 2, f"{name}: the label is {label.height()} px, its text needs {needed}"
    if label.height() > viewport + 2:
        assert bar.isVisible(), f"{name}: {label.height()} px of text in {viewport} px and no scroll bar"
        assert bar.maximum() > 0, name
        assert abs(label.height() - viewport - bar.maximum()) <= 4, (
            f"{name}: label {label.height()} - viewport {viewport} != maximum {bar.maximum()}"
        )
        assert bar.width() >= theme.TARGET_PX, f"{name}: the scroll bar is {bar.width()} px wide"
        assert bar.pageStep() >= viewport - 4, f"{name}: a tap on the track moves {bar.pageStep()} px"
        bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
        assert bar.value() >= min(bar.maximum(), viewport - 4), f"{name}: a page step went to {bar.value()}"
        bar.setValue(bar.maximum())
        QApplication.processEvents()
        # The label's bottom is at the viewport's bottom: its last line shows.
        bottom = label.mapTo(area.viewport(), label.rect().bottomLeft()).y()
        assert abs(bottom - (viewport - 1)) <= 4, (
            f"{name}: the label ends at {bottom}, the viewport at {viewport}"
        )
        if SHOTS:
            page.window().grab().save(str(Path(SHOTS) / f"{name}-bottom.png"))
        bar.setValue(0)
    else:
        assert bar.maximum() == 0 or not bar.isVisible(), name
    return label.height(), viewport


def test_every_service_text_can_be_read_to_its_end(easy: EasyWindow, qtbot: QtBot) -> None:  # noqa: F811
    sizes: list[tuple[str, int, int]] = []
    for lang in ("ko", "en"):
        easy.set_language(lang)
        easy.go_home()
        easy.go("topic", "care-health")
        easy.go("list", ("care",), 0, "care")
        easy.go("service", "dolbom-sos-center")
        page = easy.page
        assert isinstance(page, ServicePage)
        sizes.append((f"{lang}-dolbom-summary", *readable(page, f"{lang}-dolbom-summary")))
        for part in ("eligibility", "how_to_apply", "summary", "how_to_apply"):
            qtbot.mouseClick(page.part_buttons[part], Qt.MouseButton.LeftButton)
            sizes.append((f"{lang}-dolbom-{part}", *readable(page, f"{lang}-dolbom-{part}")))
        for service_id in ("emergency-dolbom", "lonely-death-prevention", "dolbom-sos-center"):
            easy.go_back()
            easy.go("service", service_id)
            sizes.append((f"{lang}-{service_id}", *readable(page, f"{lang}-{service_id}")))
            qtbot.mouseClick(page.part_buttons["how_to_apply"], Qt.MouseButton.LeftButton)
            sizes.append((f"{lang}-{service_id}-apply", *readable(page, f"{lang}-{service_id}-apply")))
        easy.go("search")
        easy.go("service", "zero-pay")
        sizes.append((f"{lang}-zero-pay", *readable(page, f"{lang}-zero-pay")))
    print(sizes)
    long = [name for name, text, viewport in sizes if text > viewport]
    short = [name for name, text, viewport in sizes if text <= viewport]
    assert long and short, sizes  # both a long text after a short one and a short after a long one
