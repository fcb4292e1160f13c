"""Print a referral sheet, save it as PDF, or preview it: Qt's side of explorer.core.referral.

The sheet's HTML is laid out by a QTextDocument in the bundled Hangul font and painted page by page
onto a QPdfWriter or a QPrinter, so the PDF holds real, searchable text; the QR codes are embedded
losslessly (JPEG would blur their edges). The foot of every page carries the sheet's footer and
"1 / 3"; pages are A4 (20 mm side margins, 15 mm top and bottom) unless the print dialog changes it.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from explorer.core.i18n import _
from explorer.core.referral import ReferralSheet
from explorer.ui.fonts import FONT_FAMILY, FontError

#: The sheet's base text size in points (its style sheet gives type sizes in points too).
BASE_POINT_SIZE = 13.0
#: The foot of each page: the sheet's footer (up to three lines) and the page number.
FOOTER_POINT_SIZE = 10.0
FOOTER_LINES = 3
PDF_RESOLUTION = 300
MARGINS_MM = QMarginsF(20, 15, 20, 15)
CREATOR = "Seoul Services Explorer"


def sheet_document(sheet: ReferralSheet, font_family: str = FONT_FAMILY) -> QTextDocument:
    """The sheet as a QTextDocument in `font_family`, its QR images added as resources.

    Raises FontError when `font_family` is not loaded (load_bundled_fonts does that at start-up):
    without it Korean would print in whatever font the system has, or as empty boxes.
    """
    if font_family not in QFontDatabase.families():
        raise FontError(_("The font {family} is not loaded").format(family=font_family))
    document = QTextDocument()
    font = QFont(font_family)
    font.setPointSizeF(BASE_POINT_SIZE)
    document.setDefaultFont(font)
    for name, data in sheet.images.items():
        document.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(name), QImage.fromData(data, "PNG")
        )
    document.setHtml(sheet.html)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, sheet.title)
    return document


def _set_a4(device: QPagedPaintDevice) -> None:
    device.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    device.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)


def keep_services_whole(document: QTextDocument) -> None:
    """Start a service on a new page rather than split it, where that makes sense.

    Each service is one table in the sheet. One that fits on a page but not in what is left of the
    current page moves to the next (except the first, which stays under the sheet's heading): a page
    then holds whole services that a client can take away one by one. One longer than a page is
    split, moving first only when less than a third of the page is left, so a name and its QR code
    never sit alone at the foot of a page.
    """
    page_height = document.pageSize().height()
    layout = document.documentLayout()
    for index, frame in enumerate(document.rootFrame().childFrames()):
        layout.documentSize()  # lays the document out again after a break set before
        rect = layout.frameBoundingRect(frame)
        left = page_height - rect.top() % page_height
        if rect.height() <= left:
            continue
        fits_on_a_page = rect.height() <= page_height
        if (fits_on_a_page and index > 0) or left < page_height / 3:
            frame_format = frame.frameFormat()
            frame_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            frame.setFrameFormat(frame_format)


def paint_pages(document: QTextDocument, device: QPagedPaintDevice, resolution: int, footer: str = "") -> int:
    """Lay `document` out on `device`'s pages (at `resolution` dpi) and paint them; the page count.

    The foot of each page carries `footer` and "n / total". Raises OSError when the device cannot be
    painted on (a file that cannot be written).
    """
    painter = QPainter()
    if not painter.begin(device):
        raise OSError(_("the printer or the file refused the pages"))
    try:
        painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
        area = device.pageLayout().paintRectPixels(resolution)
        small = QFont(document.defaultFont())
        small.setPointSizeF(FOOTER_POINT_SIZE)
        line = resolution * FOOTER_POINT_SIZE / 72 * 1.5
        foot_height = round(line * FOOTER_LINES)
        gap = round(line)
        document.documentLayout().setPaintDevice(device)
        page_height = area.height() - foot_height - gap
        document.setPageSize(QSizeF(area.width(), page_height))
        keep_services_whole(document)
        total = document.pageCount()
        number_width = round(line * 4)
        for page in range(total):
            if page:
                device.newPage()
            painter.save()
            painter.translate(0, -page * page_height)
            document.drawContents(painter, QRectF(0, page * page_height, area.width(), page_height))
            painter.restore()
            painter.setFont(small)
            top = page_height + gap
            painter.drawLine(0, top - gap // 2, area.width(), top - gap // 2)
            painter.drawText(
                QRectF(0, top, area.width() - number_width, foot_height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                footer,
            )
            painter.drawText(
                QRectF(area.width() - number_width, top, number_width, foot_height),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                f"{page + 1} / {total}",
            )
        return total
    finally:
        painter.end()


def fix_space_mapping(pdf: bytes) -> bytes:
    """Make spaces in Qt's PDF text extract as spaces, not U+0001.

    NanumGothic maps U+0000-U+001F to its space glyph, and Qt writes each embedded glyph's text as the
    first code point that maps to it, so every space copies out of the PDF as U+0001 and search,
    copy and screen readers see run-together words. The sheet holds no control characters, so in
    Qt's (uncompressed) ToUnicode maps U+0001 always means a space: replacing it byte for byte keeps
    every offset in the file valid.
    """

    def fix_ranges(match: re.Match[bytes]) -> bytes:
        lines = match.group(0).split(b"\n")
        fixed = []
        for line in lines:
            head = re.match(rb"(<[0-9A-Fa-f]+>\s+<[0-9A-Fa-f]+>\s+)(.*)$", line)
            fixed.append(head.group(1) + head.group(2).replace(b"<0001>", b"<0020>") if head else line)
        return b"\n".join(fixed)

    def fix_chars(match: re.Match[bytes]) -> bytes:
        return re.sub(rb"(?m)^(<[0-9A-Fa-f]+>\s+)<0001>", rb"\1<0020>", match.group(0))

    out = re.sub(rb"beginbfrange.*?endbfrange", fix_ranges, pdf, flags=re.DOTALL)
    out = re.sub(rb"beginbfchar.*?endbfchar", fix_chars, out, flags=re.DOTALL)
    return out if len(out) == len(pdf) else pdf


def pdf_bytes(sheet: ReferralSheet) -> bytes:
    """The sheet as an A4 PDF, in memory."""
    document = sheet_document(sheet)
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setTitle(sheet.title)
    writer.setCreator(CREATOR)
    _set_a4(writer)
    paint_pages(document, writer, PDF_RESOLUTION, sheet.footer)  # the PDF is complete when painting ends
    buffer.close()
    return fix_space_mapping(bytes(array.data()))


def write_pdf(sheet: ReferralSheet, path: Path) -> None:
    """Write the sheet to `path` as an A4 PDF; the file appears whole or not at all (OSError)."""
    data = pdf_bytes(sheet)
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def make_printer() -> QPrinter:
    """A high-resolution printer set to A4 with the sheet's margins."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _set_a4(printer)
    return printer


def _print_to(sheet: ReferralSheet, printer: QPrinter) -> None:
    paint_pages(sheet_document(sheet), printer, printer.resolution(), sheet.footer)
    target = printer.outputFileName()
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and target and Path(target).is_file():
        path = Path(target)
        path.write_bytes(fix_space_mapping(path.read_bytes()))


def print_sheet(sheet: ReferralSheet, parent: QWidget | None, printer: QPrinter | None = None) -> bool:
    """Ask where to print with Qt's print dialog, then print; False when the user cancels.

    `printer` is made with `make_printer()` when not given (tests pass one that writes a file).
    """
    printer = printer or make_printer()
    printer.setDocName(sheet.title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print referral sheet"))
    dialog.setAccessibleName(_("Print referral sheet"))
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
    finally:
        dialog.deleteLater()
    _print_to(sheet, printer)
    return True


def print_to_named(sheet: ReferralSheet, name: str) -> bool:
    """Print on the printer called `name`, with no dialog (the kiosk); False when there is no such printer."""
    from PySide6.QtPrintSupport import QPrinterInfo

    if QPrinterInfo.printerInfo(name).isNull():
        return False
    printer = make_printer()
    printer.setPrinterName(name)
    printer.setDocName(sheet.title)
    _print_to(sheet, printer)
    return True


def preview_sheet(sheet: ReferralSheet, parent: QWidget | None, printer: QPrinter | None = None) -> bool:
    """Show Qt's print preview of the sheet (it can print from there); True when it printed."""
    printer = printer or make_printer()
    printer.setDocName(sheet.title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(_("Referral sheet preview"))
    dialog.setAccessibleName(_("Referral sheet preview"))
    dialog.paintRequested.connect(
        lambda target: paint_pages(sheet_document(sheet), target, target.resolution(), sheet.footer)
    )
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
