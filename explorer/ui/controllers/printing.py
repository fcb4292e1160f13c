"""Printing: the caseworker's referral sheet for the shortlist, and easy mode's "Print" of one service
on a desk computer (Qt's print dialog) or in the kiosk (only its configured printer)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from explorer.core.catalog import Catalogue
from explorer.core.errors import ExplorerError
from explorer.core.i18n import _
from explorer.core.os_words import os_reason

if TYPE_CHECKING:
    from explorer.core.referral import ReferralSheet
    from explorer.ui.views.main_window import MainWindow

#: Easy mode's "Print": (service, language) -> the message the screen shows.
Printer = Callable[[dict[str, Any], str], str]


def referral_sheet(window: MainWindow, catalogue: Catalogue, ids: list[str], client: str, how: str) -> None:
    """Print the shortlist's referral sheet, or save it as PDF, in the client's language."""
    from explorer.core.referral import build_referral, load_channels
    from explorer.ui.referral import print_sheet, write_pdf

    try:
        services = [catalogue.get_service(sid) for sid in ids]
        sheet = build_referral(services, client, date.today(), load_channels(catalogue))
    except ExplorerError as exc:
        window.show_problem(exc.message)
        return
    if how == "pdf":
        path = window.ask_pdf_path()
        if path is None:
            return
        try:
            write_pdf(sheet, path)
        except OSError as exc:
            window.show_problem(_("The PDF could not be saved: {why}").format(why=os_reason(exc)))
            return
        window.statusBar().showMessage(_("Saved {path}").format(path=path))
        return
    try:
        printed = print_sheet(sheet, window)
    except OSError as exc:  # the printer (or the file it prints to) refused the pages
        window.show_problem(_("The referral sheet could not be printed: {why}").format(why=os_reason(exc)))
        return
    if printed:
        window.statusBar().showMessage(_("The referral sheet was sent to the printer."))


def easy_printer(
    catalogue: Catalogue, send: Callable[[ReferralSheet], bool], failed: Callable[[], str]
) -> Printer:
    """Easy mode's "Print": one service's sheet in the person's language, handed to `send`; returns
    the message the screen shows (`failed()` when `send` printed nothing). Printing's modules (Qt Print
    Support among them) load at the first print, not when easy mode is made."""

    def print_one(service: dict[str, Any], lang: str) -> str:
        from explorer.core.referral import build_referral, load_channels

        sheet = build_referral([service], lang, date.today(), load_channels(catalogue), name_line=False)
        try:
            sent = send(sheet)
        except OSError:  # the printer refused the pages: said as any printer that printed nothing
            sent = False
        return _("Printing. Please take your paper from the printer.") if sent else failed()

    return print_one


def dialog_printer(catalogue: Catalogue) -> Printer:
    """On a desk computer: Qt's print dialog."""

    def send(sheet: ReferralSheet) -> bool:
        from explorer.ui.referral import print_sheet

        return print_sheet(sheet, None)

    return easy_printer(catalogue, send, lambda: _("Nothing was printed."))


def kiosk_printer(catalogue: Catalogue, name: str) -> Printer:
    """In the kiosk: only the configured printer, never a dialog."""

    def send(sheet: ReferralSheet) -> bool:
        from explorer.ui.referral import print_to_named

        return print_to_named(sheet, name)

    def failed() -> str:
        return _("The printer is not working right now. Please ask the staff, or use the code on the screen.")

    return easy_printer(catalogue, send, failed)
