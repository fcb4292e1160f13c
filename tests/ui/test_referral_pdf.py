"""The referral sheet as a PDF and on a printer: real text in the client's language, QR codes, pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication

from explorer.core.catalog import Catalogue, open_catalogue
from explorer.core.i18n import _
from explorer.core.paths import Paths
from explorer.core.referral import SHEET_TEXT, ReferralSheet, build_referral, load_channels
from explorer.ui.fonts import FontError, load_bundled_fonts
from explorer.ui.referral import make_printer, preview_sheet, print_sheet, sheet_document, write_pdf

SHORTLIST = ("dolbom-sos-center", "ansimi", "zero-pay")
TODAY = date(2026, 3, 5)


@pytest.fixture
def catalogue(qapp: QApplication, repo_paths: Paths, built_db: Path) -> Iterator[Catalogue]:
    load_bundled_fonts(repo_paths.resources)
    with open_catalogue(built_db) as opened:
        yield opened


def make_sheet(catalogue: Catalogue, lang: str, ids: tuple[str, ...] = SHORTLIST) -> ReferralSheet:
    services = [catalogue.get_service(i) for i in ids]
    return build_referral(services, lang, TODAY, load_channels(catalogue))


def page_texts(path: Path) -> list[str]:
    """Each page's text as a reader gets it (pypdf, laid out as on the page)."""
    return [page.extract_text(extraction_mode="layout") for page in pypdf.PdfReader(path).pages]


def squeeze(text: str) -> str:
    """Text without whitespace, so a sentence wrapped over lines still matches."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_pdf_holds_the_sheet_as_text_in_the_clients_language(
    catalogue: Catalogue, tmp_path: Path, lang: str
) -> None:
    path = tmp_path / f"referral-{lang}.pdf"
    write_pdf(make_sheet(catalogue, lang), path)
    assert path.read_bytes().startswith(b"%PDF-")
    pages = page_texts(path)
    assert len(pages) >= 1
    text = "\n".join(pages)
    flat = squeeze(text)
    other = "en" if lang == "ko" else "ko"
    assert SHEET_TEXT[lang]["title"] in text
    for service_id in SHORTLIST:
        service = catalogue.get_service(service_id)
        assert squeeze(service["names"][lang]) in flat, service_id
        facts = (service["current"] or {}).get("facts", [])
        today = [f["text"] for f in facts if f["topic"] == "how_to_apply"]
        how = today[0] if today else service["how_to_apply"]  # today's way to apply, else 2019's
        assert squeeze(how[lang][:40]) in flat, service_id
        assert squeeze(how[other][:40]) not in flat, service_id
    assert "120" in text  # the call centre's number, by the QR code and in the footer
    if lang == "ko":
        assert "서울돌봄SOS센터" in text and "신청 방법" in text  # Hangul comes back as Hangul
    else:
        assert "Seoul Dolbom SOS Center" in text and "How to apply" in text  # spaces between words
    assert "\x01" not in text


def test_every_page_has_the_footer_and_its_number(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "referral.pdf"
    write_pdf(make_sheet(catalogue, "en"), path)
    pages = page_texts(path)
    for number, text in enumerate(pages, start=1):
        assert f"{number} / {len(pages)}" in text
        assert "Callthe120DasanCallCentertocheckbeforeyouapply" in squeeze(text)


def test_qr_codes_are_embedded_without_lossy_compression(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "referral.pdf"
    write_pdf(make_sheet(catalogue, "ko"), path)
    images = []
    for page in pypdf.PdfReader(path).pages:
        for xobject in page["/Resources"].get("/XObject", {}).values():
            xobject = xobject.get_object()
            if xobject["/Subtype"] == "/Image":
                images.append(xobject)
    assert len(images) == len(SHORTLIST)
    for image in images:
        assert "/DCTDecode" not in str(image.get("/Filter"))  # JPEG would blur the modules
        assert int(image["/Width"]) >= 210


def test_pages_are_a4(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "referral.pdf"
    write_pdf(make_sheet(catalogue, "ko"), path)
    box = pypdf.PdfReader(path).pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) == 210 and round(float(box.height) / 72 * 25.4) == 297


def test_a_file_that_cannot_be_written_leaves_nothing(catalogue: Catalogue, tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_pdf(make_sheet(catalogue, "ko"), tmp_path / "missing-folder" / "referral.pdf")
    assert not (tmp_path / "missing-folder").exists()


def test_the_sheet_needs_its_font(catalogue: Catalogue) -> None:
    with pytest.raises(FontError):
        sheet_document(make_sheet(catalogue, "ko"), font_family="No Such Font Family")


def _answer_dialog(kind: type, accept: bool, seen: list[object]) -> None:
    dialog = QApplication.activeModalWidget()
    seen.append(dialog)
    if isinstance(dialog, kind):
        dialog.accept() if accept else dialog.reject()
    elif dialog is not None:
        dialog.reject()


@pytest.fixture
def pdf_printer(tmp_path: Path) -> QPrinter:
    printer = make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    return printer


def test_print_dialog_cancelled_prints_nothing(catalogue: Catalogue, pdf_printer: QPrinter) -> None:
    seen: list[object] = []
    QTimer.singleShot(0, lambda: _answer_dialog(QPrintDialog, False, seen))
    assert print_sheet(make_sheet(catalogue, "en"), None, pdf_printer) is False
    assert isinstance(seen[0], QPrintDialog)
    assert seen[0].windowTitle() == _("Print referral sheet")  # in the interface language
    assert not Path(pdf_printer.outputFileName()).exists()


def test_print_dialog_accepted_prints_the_sheet(catalogue: Catalogue, pdf_printer: QPrinter) -> None:
    seen: list[object] = []
    QTimer.singleShot(0, lambda: _answer_dialog(QPrintDialog, True, seen))
    assert print_sheet(make_sheet(catalogue, "ko"), None, pdf_printer) is True
    assert isinstance(seen[0], QPrintDialog)
    text = "\n".join(page_texts(Path(pdf_printer.outputFileName())))
    assert "안내받은 서비스" in text and "안심이" in text and "제로페이" in text


def test_preview_shows_every_page(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "referral.pdf"
    sheet = make_sheet(catalogue, "en")
    write_pdf(sheet, path)
    pages: list[int] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QPrintPreviewDialog)
        pages.append(dialog.findChild(QPrintPreviewWidget).pageCount())
        dialog.reject()

    QTimer.singleShot(0, look)
    assert preview_sheet(sheet, None) is False
    assert pages == [len(pypdf.PdfReader(path).pages)]


@pytest.fixture
def refusing_printer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every printer made from now on is a real one whose pages cannot go anywhere (its file's folder
    does not exist), as a printer that refuses a job; the path it would have written."""
    from explorer.ui import referral

    target = tmp_path / "no-such-folder" / "sheet.pdf"

    def refusing() -> QPrinter:
        printer = make_printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return printer

    monkeypatch.setattr(referral, "make_printer", refusing)
    return target


@pytest.mark.qt_log_ignore(r"QPainter::begin\(\): Returned false")  # Qt saying the printer refused
def test_easy_mode_s_print_on_a_printer_that_refuses_says_nothing_was_printed(
    catalogue: Catalogue, refusing_printer: Path
) -> None:
    from explorer.ui.controllers.printing import dialog_printer

    seen: list[object] = []
    QTimer.singleShot(0, lambda: _answer_dialog(QPrintDialog, True, seen))
    said = dialog_printer(catalogue)(catalogue.get_service("ansimi"), "ko")
    assert isinstance(seen[0], QPrintDialog)
    assert said == _("Nothing was printed.")  # not an error from inside the program
    assert not refusing_printer.parent.exists()
