"""Pengaturan → Instansi penerima pelimpahan: the name and address each common body's
referral letter goes to (Bawaslu, DKPP, Ombudsman, the police), as the office writes them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QPlainTextEdit, QPushButton

from ..domain import catalog
from ..services import office
from .context import AppContext
from .texts import tr


class ReferralBodiesForm(QGroupBox):
    def __init__(self, app: AppContext, save: Callable[[Callable[[], object], str], None]) -> None:
        super().__init__(tr("Instansi penerima pelimpahan"))
        self.app = app
        self.save_with = save
        self.bodies: dict[str, tuple[str, str]] = {}
        self.body = QComboBox()
        for key, label in catalog.REFERRAL_TARGETS.items():
            if key != "instansi_lain":  # typed by the officer for each case
                self.body.addItem(tr(label), key)
        self.body.currentIndexChanged.connect(lambda _: self._show())
        self.addressee = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setFixedHeight(60)
        form = QFormLayout(self)
        form.addRow(
            QLabel(
                tr(
                    "Tujuan surat penerusan bila pengaduan bukan kewenangan KPU. Instansi lain diketik petugas "
                    "pada pengaduannya."
                )
            )
        )
        form.addRow(tr("Instansi"), self.body)
        form.addRow(tr("Kepada (nama/jabatan)"), self.addressee)
        form.addRow(tr("Alamat"), self.address)
        button = QPushButton(tr("Simpan instansi"))
        button.clicked.connect(self.save)
        form.addRow("", button)

    def reload(self) -> None:
        self.app.runner.run(lambda: office.referral_bodies(self.app.ws), self._loaded)

    def _loaded(self, bodies: dict[str, tuple[str, str]]) -> None:
        self.bodies = bodies
        self._show()

    def _show(self) -> None:
        name, address = self.bodies.get(self.body.currentData(), ("", ""))
        self.addressee.setText(name)
        self.address.setPlainText(address)

    def save(self) -> None:
        key, name, address = self.body.currentData(), self.addressee.text(), self.address.toPlainText()
        label = self.body.currentText()
        self.save_with(
            lambda: office.set_referral_body(self.app.ws, key, name, address),
            tr("Alamat {body} tersimpan.").format(body=label),
        )
