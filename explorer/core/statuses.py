"""A service's status in its seed-based record (the 2019 sources): spelled once, here.

Today's state (running, renamed, ended, ...) is another thing: `explorer.core.current`.
"""

from __future__ import annotations

from enum import StrEnum


class ServiceStatus(StrEnum):
    """What the seeds said of a service: running, planned, ended, or not known."""

    ACTIVE = "active"
    PLANNED = "planned"
    ENDED = "ended"
    UNKNOWN = "unknown"


#: Every status, in the order lists and filters show them.
SERVICE_STATUSES: tuple[str, ...] = tuple(status.value for status in ServiceStatus)
