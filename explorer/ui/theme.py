"""Colours, sizes and the style sheet of the standard window, at any zoom from 100% to 200%.

Every colour a view uses comes from COLOURS, and every text/background pair it draws is listed in
TEXT_PAIRS, so one test checks their contrast (WCAG 2.x: at least 4.5:1 for the standard mode).
The focus ring has its own list, FOCUS_PAIRS: every colour it can sit beside (what surrounds a
focused widget, and what fills it), each at least 3:1 (WCAG 1.4.11, 2.4.7).
Sizes are given at 100% and scaled by `px()`; the style sheet is rebuilt when the zoom changes.
"""

from __future__ import annotations

#: The palette of the standard window.
COLOURS: dict[str, str] = {
    "text": "#1a1a1a",
    "background": "#ffffff",
    "panel": "#f3f5f8",
    "muted": "#4a4f57",
    "accent": "#163a5e",
    "accent_text": "#ffffff",
    "border": "#6b7280",
    "focus": "#de610c",
    "unknown": "#6b3a00",
    "eligible": "#1b5e20",
    "maybe": "#7a4a00",
    "ineligible": "#8b1a1a",
    "not_assessed": "#4a4f57",
    "link": "#0b57a3",
}

#: Every (text, background) pair the standard window draws.
TEXT_PAIRS: list[tuple[str, str]] = [
    ("text", "background"),
    ("text", "panel"),
    ("muted", "background"),
    ("muted", "panel"),
    ("accent", "background"),
    ("accent", "panel"),
    ("accent_text", "accent"),
    ("unknown", "background"),
    ("eligible", "background"),
    ("maybe", "background"),
    ("ineligible", "background"),
    ("not_assessed", "background"),
    ("link", "background"),
]

#: Every colour the focus ring is drawn beside: the page and panels around a focused widget, and the
#: fills of focused widgets (a selected row or tab, the primary button, the easy-screen switch).
FOCUS_PAIRS: list[tuple[str, str]] = [
    ("focus", "background"),
    ("focus", "panel"),
    ("focus", "accent"),
]

#: How long a search must rest before its result count is announced (typing is not interrupted).
ANNOUNCE_SETTLE_MS = 600

ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = 1.0, 2.0, 0.25
#: The base font size in points at 100%.
BASE_POINT_SIZE = 11.0
#: The smallest target (button, field) at 100%: WCAG 2.2 target size is 24 x 24 CSS px.
MIN_TARGET = 28


def clamp_zoom(zoom: float) -> float:
    """A zoom within 100%-200%, on a 25% step."""
    zoom = min(ZOOM_MAX, max(ZOOM_MIN, float(zoom)))
    return round(zoom / ZOOM_STEP) * ZOOM_STEP


def px(size: float, zoom: float) -> int:
    """A size in pixels at 100%, scaled to `zoom`."""
    return round(size * zoom)


def _luminance(colour: str) -> float:
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours (1 to 21)."""
    a, b = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def stylesheet(zoom: float = 1.0) -> str:
    """The standard window's style sheet at `zoom` (fonts, paddings and targets scale together)."""
    c = COLOURS
    z = clamp_zoom(zoom)
    return f"""
QMainWindow, QWidget#central, QDialog {{ background: {c["background"]}; color: {c["text"]}; }}
QWidget {{ color: {c["text"]}; }}
QLabel, QDockWidget {{ font-size: {px(14, z)}px; }}
QLabel#heading {{ font-size: {px(20, z)}px; font-weight: bold; color: {c["accent"]}; padding: {px(6, z)}px; }}
QLabel.muted, QLabel#muted {{ color: {c["muted"]}; }}
QListView, QTreeView, QTextBrowser, QTableView {{
    font-size: {px(15, z)}px; border: 1px solid {c["border"]}; background: {c["background"]};
    color: {c["text"]};
}}
QListView::item, QTreeView::item {{ padding: {px(6, z)}px {px(4, z)}px; min-height: {px(MIN_TARGET, z)}px; }}
QListView::item:selected, QTreeView::item:selected {{ background: {c["accent"]}; color: {c["accent_text"]}; }}
QLineEdit, QComboBox, QSpinBox {{
    font-size: {px(15, z)}px; min-height: {px(MIN_TARGET, z)}px; padding: 0 {px(6, z)}px;
    border: 1px solid {c["border"]}; background: {c["background"]}; color: {c["text"]};
}}
QPushButton, QToolButton {{
    font-size: {px(15, z)}px; min-height: {px(MIN_TARGET, z)}px; min-width: {px(MIN_TARGET, z)}px;
    padding: {px(4, z)}px {px(10, z)}px; border: 1px solid {c["border"]}; border-radius: {px(4, z)}px;
    background: {c["panel"]}; color: {c["text"]};
}}
QPushButton:default, QPushButton#primary {{ background: {c["accent"]}; color: {c["accent_text"]}; }}
QCheckBox, QRadioButton {{ font-size: {px(15, z)}px; min-height: {px(MIN_TARGET, z)}px; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: {px(20, z)}px; height: {px(20, z)}px; }}
QTabBar::tab {{
    font-size: {px(15, z)}px; min-height: {px(MIN_TARGET, z)}px; padding: {px(6, z)}px {px(14, z)}px;
    background: {c["panel"]}; color: {c["text"]};
}}
QTabBar::tab:selected {{ background: {c["accent"]}; color: {c["accent_text"]}; }}
QGroupBox {{ font-size: {px(15, z)}px; font-weight: bold; color: {c["accent"]}; margin-top: {px(10, z)}px; }}
QStatusBar {{ font-size: {px(13, z)}px; color: {c["text"]}; }}
*:focus {{ outline: none; }}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QPushButton:focus, QToolButton:focus,
QListView:focus, QTreeView:focus, QTextBrowser:focus, QCheckBox:focus, QRadioButton:focus,
QTabBar:focus {{ border: {max(2, px(2, z))}px solid {c["focus"]}; }}
"""


def detail_css(zoom: float = 1.0) -> str:
    """CSS for rich text (service details, screening results) at `zoom`."""
    c = COLOURS
    z = clamp_zoom(zoom)
    return f"""
h1 {{ color: {c["accent"]}; font-size: {px(24, z)}px; margin-bottom: 0; }}
h2 {{
    color: {c["accent"]}; font-size: {px(17, z)}px; margin-top: {px(14, z)}px; margin-bottom: {px(4, z)}px;
}}
h3 {{ font-size: {px(15, z)}px; margin-top: {px(10, z)}px; margin-bottom: {px(2, z)}px; }}
p, li {{ font-size: {px(15, z)}px; margin: 2px 0 {px(6, z)}px 0; }}
p.other {{ color: {c["muted"]}; margin-top: 2px; }}
p.unknown {{ color: {c["unknown"]}; }}
.eligible {{ color: {c["eligible"]}; }}
.maybe {{ color: {c["maybe"]}; }}
.ineligible {{ color: {c["ineligible"]}; }}
.not_assessed {{ color: {c["not_assessed"]}; }}
a {{ color: {c["link"]}; }}
"""


#: The height of the big "Easy screen" switch at any zoom: easy to find, easy to hit.
EASY_SWITCH_PX = 56


def easy_switch_css(zoom: float = 1.0) -> str:
    """The easy switch stands out: white on the accent colour, bold, and never in smaller type than
    the text around it (20 px at 100%, when labels are 14 px; 30 px at 200%, as big as the search
    box's), so a person who zoomed in never finds it the smallest, while the search box keeps room."""
    c = COLOURS
    size = max(20, round(14 * zoom) + 2)
    return (
        f"QPushButton {{ background: {c['accent']}; color: {c['accent_text']}; font-weight: bold;"
        f" font-size: {size}px; padding: 4px 16px; border-radius: 8px;"
        f" min-height: {max(EASY_SWITCH_PX - 8, size + 16)}px; }}"
        f" QPushButton:focus {{ border: 3px solid {c['focus']}; }}"
    )
