"""The two values a fact can have besides a real one: not known, and not applicable."""

from __future__ import annotations


class _Sentinel:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


#: The profile does not say.
UNKNOWN = _Sentinel("UNKNOWN")
#: The fact does not apply (the youngest child of a person without children): every test fails.
NOT_APPLICABLE = _Sentinel("NOT_APPLICABLE")
