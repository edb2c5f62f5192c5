"""Pengaturan → Pola penomoran: a number built from its parts (running number with its
width, classification code, office code, month, Roman month, year, fixed texts), with a
live example, instead of a pattern's {seq:03d} syntax. Any existing pattern opens as its
parts and is saved back unchanged unless a part is changed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..domain import catalog
from ..domain.numbering import PART_LABELS, Part, parts_of, pattern_of, pattern_problem, render
from ..services import office
from ..services.office import OfficeSettings
from .context import AppContext
from .texts import tr

# What an office adds most: the slash between parts first, then the fields.
ADDABLE = ("text_slash", "seq", "classification", "office_code", "month_roman", "month", "year", "text")


class NumberingForm(QGroupBox):
    def __init__(self, app: AppContext, save: Callable[[Callable[[], object], str], None]) -> None:
        super().__init__(tr("Pola penomoran"))
        self.app = app
        self.save_with = save
        self.current: OfficeSettings | None = None
        self.parts: list[Part] = []
        self.kind = QComboBox()
        self.kind.addItem(tr("Nomor agenda"), "agenda")
        for key, label in catalog.DOCUMENT_KINDS.items():
            self.kind.addItem(tr(label), key)
        self.kind.currentIndexChanged.connect(lambda _: self.show_kind())
        self.series = QComboBox()
        for key, label in catalog.NUMBER_SERIES.items():
            self.series.addItem(tr(label), key)
        self.archive_code = QLineEdit()
        self.archive_code.textChanged.connect(lambda _: self._show_example())
        self.list = QListWidget()
        self.list.setMinimumHeight(120)
        self.list.currentRowChanged.connect(lambda _: self._show_part())
        self.adding = QComboBox()
        for key in ADDABLE:
            self.adding.addItem(tr("Garis miring “/”") if key == "text_slash" else tr(PART_LABELS[key]), key)
        add = QPushButton(tr("Tambah bagian"))
        add.clicked.connect(self.add_part)
        self.up, self.down, self.remove = (
            QPushButton(tr("Naik")),
            QPushButton(tr("Turun")),
            QPushButton(tr("Hapus bagian")),
        )
        self.up.clicked.connect(lambda: self.move_part(-1))
        self.down.clicked.connect(lambda: self.move_part(1))
        self.remove.clicked.connect(self.remove_part)
        self.text = QLineEdit()
        self.text.textEdited.connect(self._text_edited)
        self.seq_width = QSpinBox()
        self.seq_width.setRange(0, 9)
        self.seq_width.setSpecialValueText(tr("apa adanya"))
        self.seq_width.valueChanged.connect(self._width_changed)
        self.example = QLabel()
        self.example.setStyleSheet("font-weight: bold;")
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b02a37;")
        self.problem.setWordWrap(True)
        self.pattern = QLabel()
        self.pattern.setStyleSheet("color: #555;")

        form = QFormLayout(self)
        form.addRow(tr("Jenis"), self.kind)
        form.addRow(tr("Seri nomor"), self.series)
        form.addRow(tr("Kode klasifikasi arsip"), self.archive_code)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.list)
        moves = QHBoxLayout()
        for button in (self.up, self.down, self.remove):
            moves.addWidget(button)
        moves.addStretch(1)
        column.addLayout(moves)
        holder = QWidget()
        holder.setLayout(column)
        form.addRow(tr("Bagian nomor"), holder)
        adding = QHBoxLayout()
        adding.setContentsMargins(0, 0, 0, 0)
        adding.addWidget(self.adding, 1)
        adding.addWidget(add)
        row = QWidget()
        row.setLayout(adding)
        form.addRow(tr("Bagian baru"), row)
        form.addRow(tr("Teks bagian"), self.text)
        form.addRow(tr("Lebar nomor urut"), self.seq_width)
        form.addRow(tr("Contoh"), self.example)
        form.addRow("", self.problem)
        form.addRow(tr("Pola (untuk petugas TI)"), self.pattern)
        self.save_button = QPushButton(tr("Simpan pola"))
        self.save_button.clicked.connect(self.save)
        form.addRow("", self.save_button)

    # --- showing -----------------------------------------------------------------------------
    def load(self, settings: OfficeSettings) -> None:
        self.current = settings
        self.show_kind()

    def show_kind(self) -> None:
        if self.current is None:
            return
        kind = self.kind.currentData()
        pattern, code = self.current.patterns.get(kind, ("", ""))
        self.archive_code.setText(code)
        self.archive_code.setEnabled(kind != "agenda")
        self.series.setEnabled(kind != "agenda")
        series = self.current.series.get(kind, "surat")
        self.series.setCurrentIndex(max(0, self.series.findData(series)))
        self.parts = parts_of(pattern)
        self._fill(0)

    def _fill(self, select: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for part in self.parts:
            self.list.addItem(tr(part.describe()))
        self.list.blockSignals(False)
        if self.parts:
            self.list.setCurrentRow(max(0, min(select, len(self.parts) - 1)))
        self._show_part()
        self._show_example()

    def _selected(self) -> int:
        row = self.list.currentRow()
        return row if 0 <= row < len(self.parts) else -1

    def _show_part(self) -> None:
        row = self._selected()
        part = self.parts[row] if row >= 0 else None
        self.text.setEnabled(part is not None and part.kind == "text")
        self.text.setText(part.text if part is not None and part.kind == "text" else "")
        self.seq_width.setEnabled(part is not None and part.kind == "seq")
        self.seq_width.blockSignals(True)
        self.seq_width.setValue(part.width if part is not None and part.kind == "seq" else 0)
        self.seq_width.blockSignals(False)
        self.up.setEnabled(row > 0)
        self.down.setEnabled(0 <= row < len(self.parts) - 1)
        self.remove.setEnabled(row >= 0)

    def _show_example(self) -> None:
        pattern = pattern_of(self.parts)
        self.pattern.setText(pattern)
        problem = pattern_problem(pattern) if self.parts else "pola masih kosong"
        if problem is not None:
            problem = problem.replace(" ({seq})", "")
        self.problem.setText(tr("Belum dapat dipakai: {why}.").format(why=problem) if problem else "")
        self.save_button.setEnabled(not problem)
        if problem:
            self.example.setText("–")
            return
        code = self.current.office_code if self.current else ""
        self.example.setText(render(pattern, 7, date.today(), code, self.archive_code.text().strip()))

    # --- editing -----------------------------------------------------------------------------
    def add_part(self) -> None:
        key = self.adding.currentData()
        part = Part("text", "/") if key == "text_slash" else Part("text", "") if key == "text" else Part(key)
        row = self._selected() + 1 if self._selected() >= 0 else len(self.parts)
        self.parts.insert(row, part)
        self._fill(row)
        if key == "text":
            self.text.setFocus()

    def remove_part(self) -> None:
        row = self._selected()
        if row >= 0:
            del self.parts[row]
            self._fill(row)

    def move_part(self, step: int) -> None:
        row = self._selected()
        target = row + step
        if row >= 0 and 0 <= target < len(self.parts):
            self.parts[row], self.parts[target] = self.parts[target], self.parts[row]
            self._fill(target)

    def _text_edited(self, text: str) -> None:
        row = self._selected()
        if row >= 0 and self.parts[row].kind == "text":
            self.parts[row] = Part("text", text)
            item = self.list.item(row)
            if item is not None:
                item.setText(tr(self.parts[row].describe()))
            self._show_example()

    def _width_changed(self, width: int) -> None:
        row = self._selected()
        if row >= 0 and self.parts[row].kind == "seq":
            self.parts[row] = self.parts[row].with_width(width)
            item = self.list.item(row)
            if item is not None:
                item.setText(tr(self.parts[row].describe()))
            self._show_example()

    def save(self) -> None:
        kind, pattern = self.kind.currentData(), pattern_of([p for p in self.parts if p.kind != "text" or p.text])
        code = None if kind == "agenda" else self.archive_code.text()
        series = None if kind == "agenda" else self.series.currentData()
        self.save_with(
            lambda: office.set_number_pattern(self.app.ws, kind, pattern, code, series), tr("Pola nomor tersimpan.")
        )
