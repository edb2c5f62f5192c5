"""A file shown as evidence is shown: an image scaled to fit, a PDF's first page, or a
sentence naming the type the program does not preview (nothing is run or opened)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel

from .texts import tr


def show_preview(target: QLabel, mime: str, content: bytes) -> None:
    if mime.startswith("image/"):
        pixmap = QPixmap()
        if pixmap.loadFromData(content):
            target.setPixmap(
                pixmap.scaled(
                    target.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )
            return
    if mime == "application/pdf":
        from .pdf_preview import first_page

        image = first_page(content, target.size())
        if image is not None:
            target.setPixmap(QPixmap.fromImage(image))
            return
    if mime.startswith("image/") or mime == "application/pdf":  # a type we show, whose content did not load
        target.setText(
            tr(
                "Berkas ini tidak dapat ditampilkan: isinya rusak atau bukan {mime} sungguhan. Simpan berkasnya "
                "untuk diperiksa dengan program lain."
            ).format(mime=mime)
        )
        return
    target.setText(tr("Pratinjau tidak tersedia untuk jenis berkas ini ({mime}).").format(mime=mime))
