"""Colours and sizes of easy mode: big type, big targets, strong contrast.

The floors the tests check at 1920 x 1080: text at least 32 px, every touch target at least
64 x 64 px, and every text/background pair in TEXT_PAIRS at least 7:1 (WCAG 1.4.6, level AAA).
The focus ring is at least 3:1 beside every colour in FOCUS_PAIRS (WCAG 1.4.11): the page, the
tiles, the navy bars and buttons, the chosen language's white button, the kiosk's notice.
Every colour the style sheet uses comes from COLOURS.
"""

from __future__ import annotations

#: The palette of easy mode.
COLOURS: dict[str, str] = {
    "text": "#000000",
    "background": "#ffffff",
    "bar": "#0b2e4f",
    "bar_text": "#ffffff",
    "tile": "#eef3f8",
    "tile_border": "#0b2e4f",
    "accent": "#0a3563",
    "accent_text": "#ffffff",
    "pressed": "#06213b",
    "focus": "#de610c",
    "notice": "#fff3c4",
    "eligible": "#0b4d12",
    "maybe": "#5a3500",
    "ineligible": "#7a0f0f",
    "disabled_text": "#3d3d3d",
    "disabled": "#d9d9d9",
}

#: Every (text, background) pair easy mode draws.
TEXT_PAIRS: list[tuple[str, str]] = [
    ("text", "background"),
    ("text", "tile"),
    ("text", "notice"),
    ("bar_text", "bar"),
    ("accent_text", "accent"),
    ("accent_text", "pressed"),
    ("accent", "background"),
    ("accent", "tile"),
    ("eligible", "background"),
    ("maybe", "background"),
    ("ineligible", "background"),
    ("eligible", "tile"),
    ("maybe", "tile"),
    ("ineligible", "tile"),
    ("disabled_text", "disabled"),
]

#: Every colour the focus ring is drawn beside: around a focused widget, and inside it.
FOCUS_PAIRS: list[tuple[str, str]] = [
    ("focus", "background"),
    ("focus", "tile"),
    ("focus", "accent"),
    ("focus", "bar"),
    ("focus", "bar_text"),
    ("focus", "pressed"),
    ("focus", "notice"),
]

#: The smallest text, in pixels.
TEXT_PX = 34
#: Titles and the question on a screen.
TITLE_PX = 48
#: Tile words.
TILE_PX = 40
#: The smallest touch target, in pixels (the floor is 64).
TARGET_PX = 88
#: The height of the navigation bars: 12 px above and below a button of TARGET_PX with its padding
#: (8 px) and focus border (6 px) on each side (88 + 28 = 116), so no button is cut off.
BAR_PX = 140


def stylesheet() -> str:
    """The style sheet of the easy window (every selector is scoped to it)."""
    c = COLOURS
    return f"""
#easyWindow, #easyWindow QWidget {{
    font-size: {TEXT_PX}px; color: {c["text"]}; background: {c["background"]};
}}
#easyWindow QLabel {{ background: transparent; }}
#easyWindow QLabel[role="title"] {{ font-size: {TITLE_PX}px; font-weight: bold; }}
#easyWindow Page > QLabel[role="title"] {{ border: 6px solid transparent; padding: 0 12px; }}
#easyWindow Page > QLabel[role="title"]:focus {{ border: 6px solid {c["focus"]}; border-radius: 12px; }}
#easyWindow QScrollArea:focus {{ border: 6px solid {c["focus"]}; border-radius: 12px; }}
#easyWindow QLabel[role="heading"] {{ font-size: {TEXT_PX + 6}px; font-weight: bold; color: {c["accent"]}; }}
#easyWindow QLabel[role="notice"] {{
    background: {c["notice"]}; border: 3px solid {c["text"]}; border-radius: 12px; padding: 16px;
}}
#easyWindow QLabel[status="eligible"] {{ color: {c["eligible"]}; font-weight: bold; }}
#easyWindow QLabel[status="maybe"] {{ color: {c["maybe"]}; font-weight: bold; }}
#easyWindow QLabel[status="ineligible"] {{ color: {c["ineligible"]}; font-weight: bold; }}
#easyWindow QWidget[role="bar"] {{ background: {c["bar"]}; }}
#easyWindow QWidget[role="bar"] > QLabel {{ background: {c["bar"]}; color: {c["bar_text"]}; }}
#easyWindow QPushButton {{
    min-height: {TARGET_PX}px; min-width: {TARGET_PX}px; padding: 8px 24px;
    border: 3px solid {c["tile_border"]}; border-radius: 16px;
    background: {c["tile"]}; color: {c["text"]};
}}
#easyWindow QPushButton QLabel {{ background: transparent; color: {c["text"]}; }}
#easyWindow QPushButton[role="primary"] {{ background: {c["accent"]}; color: {c["accent_text"]}; }}
#easyWindow QPushButton[role="primary"] QLabel {{ color: {c["accent_text"]}; }}
#easyWindow QPushButton[role="tile"] QLabel, #easyWindow QPushButton[role="answer"] QLabel {{
    font-size: {TILE_PX}px; font-weight: bold;
}}
#easyWindow QPushButton[role="nav"] {{
    background: {c["accent"]}; color: {c["accent_text"]}; border: 3px solid {c["bar_text"]};
}}
#easyWindow QPushButton[role="nav"] QLabel {{ color: {c["accent_text"]}; font-weight: bold; }}
#easyWindow QPushButton[chosen="true"] {{ background: {c["bar_text"]}; color: {c["bar"]}; }}
#easyWindow QPushButton[chosen="true"] QLabel {{ color: {c["bar"]}; }}
#easyWindow QPushButton:pressed {{ background: {c["pressed"]}; color: {c["accent_text"]}; }}
#easyWindow QPushButton QLabel[state="pressed"] {{ color: {c["accent_text"]}; }}
#easyWindow QPushButton:focus {{ border: 6px solid {c["focus"]}; }}
#easyWindow QPushButton:disabled {{ background: {c["disabled"]}; color: {c["disabled_text"]}; }}
#easyWindow QPushButton QLabel[state="disabled"] {{ color: {c["disabled_text"]}; }}
#easyWindow QLineEdit {{
    min-height: {TARGET_PX}px; font-size: {TITLE_PX}px; padding: 4px 16px;
    border: 3px solid {c["text"]}; border-radius: 12px;
}}
#easyWindow QLineEdit:focus {{ border: 6px solid {c["focus"]}; }}
#easyWindow QScrollArea {{ border: 6px solid transparent; }}
#easyWindow QScrollBar:vertical {{ width: {TARGET_PX}px; background: {c["tile"]}; }}
#easyWindow QScrollBar::handle:vertical {{
    background: {c["accent"]}; min-height: {TARGET_PX}px; border-radius: 12px;
}}
"""
