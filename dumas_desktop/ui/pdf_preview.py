"""PDF pages rendered by QtPdf: previews and printing need no PDF reader on the PC."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument


def load(content: bytes, owner: QObject | None = None) -> QPdfDocument:
    """A PDF held in memory; check `status()` before use. The buffer lives with the document."""
    # Qt takes no parent as well; the stubs' overloads only say so by omitting it.
    document = QPdfDocument(owner) if owner is not None else QPdfDocument()
    buffer = QBuffer(document)
    buffer.setData(QByteArray(content))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document


def first_page(content: bytes, fit: QSize) -> QImage | None:
    """The first page scaled to fit `fit`, or None when the PDF cannot be read."""
    document = load(content)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        return None
    page = document.pagePointSize(0)
    if page.width() <= 0 or page.height() <= 0:
        return None
    scale = min(fit.width() / page.width(), fit.height() / page.height())
    image = document.render(0, QSize(max(1, int(page.width() * scale)), max(1, int(page.height() * scale))))
    document.close()
    return image
