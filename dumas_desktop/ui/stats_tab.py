"""The Statistik tab: the office's period at a glance, as charts with their numbers a click
away, a click on a bar of a classification, channel or month opening the cases behind it in
the agenda book, and the statistics paper for printing. Counts only."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..domain import catalog
from ..domain.errors import ValidationError
from ..reports.model import MONTHS, Period
from . import dialogs
from .charts import ChartPanel
from .context import AppContext
from .settings_tab import typed_date
from .texts import tr

RANGE = "rentang"  # the period choice whose two dates are typed


class StatsTab(QWidget):
    # the Period of the bar, one of ("classification", key), ("channel", key) or ("", ""),
    # and the office chosen in a province's file ("" when the file has one office)
    show_cases = Signal(object, str, str, str)

    def __init__(self, app: AppContext) -> None:
        super().__init__()
        self.app = app
        self.figures: Any = None
        self.year = QComboBox()
        this_year = app.ws.now().year
        for year in range(this_year, this_year - 6, -1):
            self.year.addItem(str(year), year)
        self.span = QComboBox()
        self.span.addItem(tr("Setahun"), (None, None))
        for q in range(1, 5):
            self.span.addItem(tr("Triwulan {q}").format(q=q), (None, q))
        for m, name in enumerate(MONTHS, start=1):
            self.span.addItem(tr(name), (m, None))
        self.span.addItem(tr("Rentang tanggal"), RANGE)
        # A range of days, typed as the other dates of the program (hari-bulan-tahun), shown
        # only when "Rentang tanggal" is chosen; counted once a date is typed in (Enter or
        # leaving the field), not at every digit.
        today = app.ws.now().date()
        self.first = QLineEdit(f"01-01-{today.year}")
        self.last = QLineEdit(today.strftime("%d-%m-%Y"))
        for edit in (self.first, self.last):
            edit.setPlaceholderText(tr("hh-bb-tttt"))
            edit.setMaximumWidth(110)
            edit.editingFinished.connect(self.reload)
        self.first_caption, self.last_caption = QLabel(tr("&Dari")), QLabel(tr("&Sampai"))
        self.first_caption.setBuddy(self.first)
        self.last_caption.setBuddy(self.last)
        # In a province's file, one office at a time (shown only when the file holds several).
        self.office = QComboBox()
        self.office_caption = QLabel(tr("&Kantor"))
        self.office_caption.setBuddy(self.office)
        self.office.setVisible(False)
        self.office_caption.setVisible(False)
        self.print_button = QPushButton(tr("&Cetak statistik…"))
        self.print_button.clicked.connect(self.print_paper)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        bar = QHBoxLayout()
        for label, widget in ((tr("&Tahun"), self.year), (tr("&Periode"), self.span)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            bar.addWidget(caption)
            bar.addWidget(widget)
        for ranged in self._range_widgets():
            bar.addWidget(ranged)
            ranged.setVisible(False)
        bar.addWidget(self.office_caption)
        bar.addWidget(self.office)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)
        self.stale = True
        self.year.currentIndexChanged.connect(self.reload)
        self.span.currentIndexChanged.connect(self._span_changed)
        self.office.currentIndexChanged.connect(self.reload)
        app.events.cases_changed.connect(self._cases_changed)

    def _cases_changed(self, *_args: object) -> None:
        # Counted only when someone looks: every case saved elsewhere need not recount the year.
        if self.isVisible():
            self.reload()
        else:
            self.stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.reload()

    def _range_widgets(self) -> tuple[QWidget, ...]:
        return (self.first_caption, self.first, self.last_caption, self.last)

    def _span_changed(self) -> None:
        ranged = self.span.currentData() == RANGE
        for widget in self._range_widgets():
            widget.setVisible(ranged)
        self.year.setEnabled(not ranged)
        self.reload()

    def period(self) -> Period:
        """The period chosen; raises ValidationError for a range that is no range."""
        if self.span.currentData() == RANGE:
            first, last = typed_date(self.first.text()), typed_date(self.last.text())
            if first is None or last is None:
                raise ValidationError.single(
                    "first", tr("Rentang tanggal"), tr("tulis tanggal hari-bulan-tahun, mis. 01-02-2026")
                )
            return Period.days(first, last)
        month, quarter = self.span.currentData()
        return Period(self.year.currentData(), month, quarter)

    def office_code(self) -> str | None:
        return self.office.currentData() if self.office.count() > 1 else None

    def reload(self, *_args: object) -> None:
        from ..services.statistics import offices, statistics

        self.stale = False
        try:
            period = self.period()
        except ValidationError as exc:
            self.summary.setText(exc.message)
            return
        ws, office = self.app.ws, self.office_code()
        self.app.runner.run(lambda: offices(ws), self._offices)
        self.app.runner.run(lambda: statistics(ws, period, office), self._show, label=tr("Menghitung statistik…"))

    def _offices(self, found: list[tuple[str, str]]) -> None:
        known = [self.office.itemData(i) for i in range(self.office.count())]
        if known != [code for code, _name in found]:
            chosen = self.office.currentData()
            self.office.blockSignals(True)  # the list grew (an import): the same office stays chosen
            self.office.clear()
            for code, name in found:
                self.office.addItem(f"{code} - {name}", code)  # codes first: distinct as typed
            self.office.setCurrentIndex(max(0, self.office.findData(chosen)))
            self.office.blockSignals(False)
        several = len(found) > 1
        self.office.setVisible(several)
        self.office_caption.setVisible(several)

    def _show(self, figures: Any) -> None:
        self.figures = figures
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        cancelled = tr(" (tanpa {n} yang dibatalkan)").format(n=figures.cancelled) if figures.cancelled else ""
        self.summary.setText(
            tr(
                "{period}: {n} pengaduan{cancelled}. Klik batang klasifikasi, kanal, atau bulan untuk melihat "
                "pengaduannya."
            ).format(period=figures.period.label, n=figures.total, cancelled=cancelled)
        )
        shown = [s for s in figures.statuses if any(c.get(s) for _m, c in figures.by_month)] or list(
            figures.statuses[:1]
        )
        months = ChartPanel(
            tr("Pengaduan per bulan menurut status"),
            shown,
            [(label, [counts.get(s, 0) for s in shown]) for label, counts in figures.by_month],
            columns=True,
        )
        months.bar_clicked.connect(self._month_clicked)
        self.body_layout.addWidget(months)
        drills = {"klasifikasi": "classification", "kanal": "channel"}
        for key, title, rows in figures.sections():
            drill = drills.get(key, "")
            panel = ChartPanel(tr(title), [tr("Jumlah")], [(label, [n]) for label, n in rows])
            if drill:
                panel.bar_clicked.connect(lambda label, drill=drill: self._category_clicked(drill, label))
            self.body_layout.addWidget(panel)
        steps = ChartPanel(
            tr("Tepat waktu per langkah SOP (%)"),
            [tr("Tepat waktu (%)")],
            [(s.step, [round(100 * s.on_time_share) if s.on_time_share is not None else 0]) for s in figures.steps],
        )
        self.body_layout.addWidget(steps)
        self.body_layout.addStretch(1)

    def _category_clicked(self, kind: str, label: str) -> None:
        table = self.app.profile.classifications if kind == "classification" else catalog.CHANNELS
        key = next((k for k, v in table.items() if v == label), None)
        if key is not None:
            self.show_cases.emit(self.shown_period(), kind, key, self.office_code() or "")

    def _month_clicked(self, label: str) -> None:
        period = self.shown_period()
        labels = [month for month, _counts in self.figures.by_month]
        if label in labels:  # the month of the bar, within the period shown (a range's ends are cut)
            year, month = period.month_keys[labels.index(label)]
            whole = Period(year, month=month)
            if period.is_range:
                start, end = max(whole.start, period.start).date(), min(whole.end, period.end).date()
                whole = Period.days(start, end - timedelta(days=1))
            period = whole
        self.show_cases.emit(period, "", "", self.office_code() or "")

    def shown_period(self) -> Period:
        """The period of the figures on screen (the choice may have changed since)."""
        return self.figures.period if self.figures is not None else self.period()

    def print_paper(self) -> None:
        from ..services import documents
        from ..services.statistics import stats_paper
        from .documents_panel import show_paper

        ws, period, office = self.app.ws, self.period(), self.office_code()

        def make() -> object:
            return stats_paper(ws, period, documents.default_paper(ws), office)

        self.app.runner.run(
            make,
            lambda paper: show_paper(self, paper),
            label=tr("Menyusun statistik…"),
            on_message=lambda error: dialogs.warn(self, tr("Statistik tidak dapat dibuat"), error.message),
        )
