"""Every icon comes through `icon()`, so a missing glyph has one fallback (an empty icon)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon

#: The program's icons by meaning, mapped to qtawesome glyph names.
ICONS = {
    "care": "mdi6.hand-heart",
    "health": "mdi6.medical-bag",
    "safety": "mdi6.shield-check",
    "housing": "mdi6.home-city",
    "jobs": "mdi6.briefcase",
    "money": "mdi6.cash",
    "labour": "mdi6.scale-balance",
    "family": "mdi6.baby-carriage",
    "business": "mdi6.storefront",
    "payments": "mdi6.qrcode",
    "social-economy": "mdi6.handshake",
    "learning": "mdi6.school",
    "transport": "mdi6.bus",
    "environment": "mdi6.leaf",
    "participation": "mdi6.account-group",
    "service": "mdi6.information",
}


def icon(name: str, color: str = "#1f4e79", selected: str = "#ffffff") -> QIcon:
    """The icon for `name` (a meaning from ICONS or a qtawesome glyph), or an empty icon.

    `selected` is the colour on a selected row, so the icon stays visible on the highlight.
    """
    import qtawesome

    glyph = ICONS.get(name, name)
    try:
        return qtawesome.icon(glyph, color=QColor(color), color_selected=QColor(selected))
    except Exception:
        return QIcon()
