"""Help (`HelpPage`): call 120, or ask the staff."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from explorer.ui.controllers.easy import EasyController
from explorer.ui.controllers.language import _
from explorer.ui.easy import theme
from explorer.ui.easy.pages.base import Go, Page, _title


class HelpPage(Page):
    """Help: call 120, or ask the staff."""

    def __init__(self, go: Go, controller: EasyController, parent: QWidget | None = None) -> None:
        super().__init__(go, parent)
        self.controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.setSpacing(32)
        self.heading = _title(self)
        self.number = QLabel(self)
        self.number.setStyleSheet(f"font-size: 160px; font-weight: bold; color: {theme.COLOURS['accent']};")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.number)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def load(self, lang: str) -> None:
        number = self.controller.call_centre()
        self.title = _("Help: call {number}").format(number=number)
        self.heading.setText(_("Need help? Call {number}.").format(number=number))
        self.number.setText(number)
        self.text.setText(
            _(
                "{number} is the Seoul Dasan Call Center, the city's number for questions. It is the place"
                " to ask when you do not know where to apply. You can also ask the staff at the desk here."
            ).format(number=number)
        )

    def spoken(self) -> str:
        return f"{self.heading.text()}\n{self.text.text()}"
