"""What the kiosk's window needs from the core: its configuration and the staff PIN's guard.

The kiosk itself (`explorer.ui.easy.kiosk`) is laid out and driven in the UI; it reads these through
this module, like every view, instead of importing the core.
"""

from __future__ import annotations

from explorer.core.kiosk import KioskConfig
from explorer.core.kiosk_pin import PIN_STATE_FILE, PinGuard

__all__ = ["PIN_STATE_FILE", "KioskConfig", "PinGuard"]
