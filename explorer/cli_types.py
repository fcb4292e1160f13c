"""Click parameter types the commands share."""

from __future__ import annotations

from typing import Any

import click


class PlacePath(click.Path):
    """A file or folder argument whose help names its kind (file, folder) as click.Path does, but
    which click does not check: the command refuses a wrong one itself, in one line (exit 2) saying
    why, instead of click's usage error of four lines."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        return self.coerce_path_result(value)
