"""One service: its three parts and two big actions (`ServicePage`), and taking it along as a QR code
or a print-out (`TakePage`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from explorer.ui.announce import announce
from explorer.ui.controllers.easy import PARTS, EasyController
from explorer.ui.controllers.language import _
from explorer.ui.easy import theme
from explorer.ui.easy.pages.base import Go, Page, _title
from explorer.ui.easy.widgets import BigButton, text_area


class ServicePage(Page):
    """One service in three parts (what it is, who can get it, how to apply) and two big actions."""

    def __init__(self, go: Go, controller: EasyController, parent: QWidget | None = None) -> None:
        super().__init__(go, parent)
        self.controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.setSpacing(16)
        self.heading = _title(self)
        layout.addWidget(self.heading)
        #: The service today, in one plain line (running, ended, or a plan to check with 120).
        self.today = QLabel(self)
        self.today.setWordWrap(True)
        self.today.setProperty("role", "notice")
        layout.addWidget(self.today)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.part_buttons: dict[str, BigButton] = {}
        for key in PARTS:
            button = BigButton("", parent=self)
            button.setCheckable(True)  # the part shown is checked (a screen reader says so)
            button.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            button.setSizePolicy(button.sizePolicy().horizontalPolicy(), button.sizePolicy().Policy.Fixed)
            button.clicked.connect(lambda _checked=False, key=key: self.show_part(key))
            self.part_buttons[key] = button
            row.addWidget(button)
        layout.addLayout(row)
        self.area, self.body = text_area(self)
        layout.addWidget(self.area, 1)
        actions = QHBoxLayout()
        actions.setSpacing(24)
        self.check = BigButton("", "primary", "mdi6.help-circle", self)
        self.take = BigButton("", "primary", "mdi6.qrcode", self)
        for button in (self.check, self.take):
            button.setSizePolicy(button.sizePolicy().horizontalPolicy(), button.sizePolicy().Policy.Fixed)
            button.setMinimumHeight(110)
            actions.addWidget(button)
        layout.addLayout(actions)
        self.check.clicked.connect(lambda: self.go("ask", (self.service_id,)))
        self.take.clicked.connect(lambda: self.go("take", self.service_id))
        self.service_id = ""
        self.parts: dict[str, str] = {}
        self.part = "summary"

    def load(self, lang: str, service_id: str) -> None:
        service = self.controller.service(service_id)
        self.service_id = service_id
        if service is None:
            self.title = _("This service could not be shown.")
            self.heading.setText(self.title)
            self.parts = dict.fromkeys(PARTS, _("Please call 120 or ask at the desk."))
        else:
            names = service["names"]
            self.title = names.get(lang) or names.get("ko", service_id)
            self.heading.setText(self.title)
            self.parts = self.controller.parts(service, lang)
        self.today.setText(self.controller.today(service_id, lang) if service is not None else "")
        self.today.setVisible(service is not None)
        words = {
            "summary": _("What it is"),
            "eligibility": _("Who can get it"),
            "how_to_apply": _("How to apply"),
        }
        for key, button in self.part_buttons.items():
            button.set_text(words[key])
        self.check.set_text(_("Can I get this?"))
        self.check.setVisible(self.controller.can_check(service_id))
        self.take.set_text(_("Take this with me"))
        self.show_part("summary")

    def show_part(self, key: str) -> None:
        self.part = key
        for name, button in self.part_buttons.items():
            button.restyle_role("primary" if name == key else "")
            button.setChecked(name == key)
        # Sized again for the new words, from the top: a longer text is never cut off without a bar.
        self.area.set_text(
            self.parts.get(key) or _("Our sources do not say. Please call 120 or ask at the desk.")
        )
        # The text scrolls with the arrow keys once the focus is in it; it is named after the part.
        self.area.setAccessibleName(self.part_buttons[key].text())
        self.body.setAccessibleName(self.part_buttons[key].text())

    def spoken(self) -> str:
        return f"{self.title}\n{self.today.text()}\n{self.part_buttons[self.part].text()}\n{self.body.text()}"


class TakePage(Page):
    """Take this with me: a QR code on screen, and printing where a printer is set up."""

    def __init__(
        self,
        go: Go,
        controller: EasyController,
        print_sheet: Callable[[str], str] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(go, parent)
        self.controller = controller
        self.print_sheet = print_sheet
        layout = QHBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.setSpacing(40)
        self.qr = QLabel(self)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setMinimumSize(520, 520)
        self.qr.setStyleSheet(f"background: {theme.COLOURS['background']};")
        layout.addWidget(self.qr)
        column = QVBoxLayout()
        column.setSpacing(24)
        self.heading = _title(self)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.printed = QLabel(self)
        self.printed.setWordWrap(True)
        self.printed.setProperty("role", "notice")
        self.print_button = BigButton("", "primary", "mdi6.printer", self)
        self.print_button.setMinimumHeight(120)
        self.print_button.clicked.connect(self._print)
        column.addWidget(self.heading)
        column.addWidget(self.text)
        column.addStretch(1)
        column.addWidget(self.printed)
        column.addWidget(self.print_button)
        layout.addLayout(column, 1)
        self.service_id = ""
        self.payload = ""

    def load(self, lang: str, service_id: str) -> None:
        self.service_id = service_id
        service = self.controller.service(service_id)
        names = service["names"] if service else {}
        name = names.get(lang) or names.get("ko", service_id)
        self.title = _("Take this with me")
        self.heading.setText(f"{self.title}: {name}")
        self.payload, png = self.controller.qr_code(service)
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self.qr.setPixmap(
            pixmap.scaled(
                500, 500, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
            )
        )
        self.qr.setAccessibleName(_("QR code"))
        self.qr.setAccessibleDescription("")
        if self.payload.startswith("tel:"):
            what = _(
                "The code holds the phone number {number}. Point your phone's camera at it to call."
            ).format(number=self.payload[4:])
        else:
            what = _(
                "The code holds the web page {address}. Point your phone's camera at it to open it."
            ).format(address=self.payload)
        self.text.setText(what)
        self.qr.setAccessibleDescription(what)
        self.printed.hide()
        self.print_button.set_text(_("Print this on paper"))
        self.print_button.setVisible(self.print_sheet is not None)

    def _print(self) -> None:
        if self.print_sheet is None:
            return
        message = self.print_sheet(self.service_id)
        self.printed.setText(message)
        self.printed.show()
        announce(self.printed, message)

    def spoken(self) -> str:
        return f"{self.heading.text()}\n{self.text.text()}"
