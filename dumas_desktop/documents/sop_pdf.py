"""The SOP as the office's own document: cover data on the letterhead, the flowchart table
(No, Kegiatan, one Pelaksana column per actor with the flowchart symbols, Mutu Baku) and
the approval, in landscape as the signed SOPs are laid out."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Table, TableStyle

from ..domain.sop import Profile
from ..domain.sop_table import table_rows
from ..domain.texts import long_date
from . import fonts
from .facts import OfficeFacts, Signatory
from .flowchart import SHAPES, Board
from .page import body_width, render
from .parts import fields, para, signature, space, styles

MM_PER_POINT = 25.4 / 72
APPROVAL_CLAUSES = (
    "Standar Operasional Prosedur ini dibuat untuk dilaksanakan setiap bagian sebagaimana struktur organisasi "
    "yang telah ditetapkan.",
    "Standar Operasional Prosedur ini dapat dilakukan <i>review</i> atau evaluasi secara rutin paling sedikit "
    "1 (satu) kali setahun.",
    "Untuk mengantisipasi keadaan kahar, perubahan dapat dilakukan selama pelaksanaan Standar Operasional "
    "Prosedur ini.",
    "Perubahan tidak berlaku untuk tahapan kegiatan yang sudah selesai dilaksanakan; pengaduan yang sedang "
    "berjalan diselesaikan menurut versi yang berlaku saat diterima.",
    "Standar Operasional Prosedur ini berlaku dan mengikat pada saat ditandatangani.",
)


def sop_pdf(profile: Profile, office: OfficeFacts, paper: str = "A4", *, draft: bool = False) -> bytes:
    width = body_width(paper, landscape=True)
    board = Board(profile, _actor_width(profile, width) * mm)
    story: list[Flowable] = [
        *_cover(profile, office, width),
        PageBreak(),
        Paragraph(escape(_headline(profile).upper()), styles()["title"]),
        space(3),
        _table(profile, board, width),
        *_approval(profile, office, width),
    ]
    return render(
        story,
        office,
        title=f"SOP {profile.name}",
        subject=f"Profil SOP {profile.id} versi {profile.version}",
        paper=paper,
        landscape=True,
        draft=draft,
        on_page_end=board.draw_arrows,
    )


def _headline(profile: Profile) -> str:
    name = profile.name
    return name if name.upper().startswith(("SOP", "STANDAR", "PROSEDUR")) else f"SOP {name}"


def _cover(profile: Profile, office: OfficeFacts, width: float) -> list[Flowable]:
    identity = profile.identity
    approved = identity.approved_by
    if identity.approver:
        approved = f"{approved}\n{identity.approver}" if approved else identity.approver
    if identity.approver_nip:
        approved = f"{approved}\nNIP. {identity.approver_nip}"
    left = [para(office.name.upper(), "title")]
    if identity.unit:
        left += [space(3), para(identity.unit.upper(), "title")]
    right = fields(
        [
            ("Nomor SOP", identity.number),
            ("Tanggal Pengesahan", long_date(identity.approved_on) if identity.approved_on else ""),
            ("Disahkan Oleh", approved),
            ("Nama SOP", profile.name.upper()),
            ("Versi dalam program", f"{profile.id} versi {profile.version}"),
        ],
        width * 0.6 - 8 * mm,
        label_mm=44,
    )
    identity_table = Table([[left, right]], colWidths=[width * 0.4, width * 0.6])
    identity_table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, "#000000"),
                ("VALIGN", (0, 0), (0, 0), "MIDDLE"),
                ("VALIGN", (1, 0), (1, 0), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return [
        Paragraph("STANDAR OPERASIONAL PROSEDUR (SOP)", styles()["title"]),
        Paragraph(escape(profile.name.upper()), styles()["title"]),
        space(6),
        identity_table,
        space(6),
        _legend(profile, width),
    ]


def _legend(profile: Profile, width: float) -> Table:
    board = Board(profile, 0)
    cells = [[board.legend_symbol(shape), para(label, "small")] for shape, label in SHAPES.items()]
    cells.append([para("\u2192", "centre"), para("Arah alur; cabang diberi nama hasilnya", "small")])
    rows = [[cell for pair in cells[i : i + 2] for cell in pair] for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=[18 * mm, 70 * mm] * 2)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 2)]))
    holder = Table([[para("Keterangan simbol bagan alir:", "small")], [table]], colWidths=[width])
    holder.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return holder


def _actor_width(profile: Profile, width: float) -> float:
    """Millimetres per actor's column: wide enough for a symbol and its arrows, narrower
    as actors are added so the text columns keep their room."""
    spare = width * MM_PER_POINT - 8 - 145
    return max(16.0, min(22.0, spare / max(1, len(profile.actors))))


def _table(profile: Profile, board: Board, width: float) -> Table:
    actors = list(profile.actors)
    actor_mm = _actor_width(profile, width)
    rest = width * MM_PER_POINT - 8 - actor_mm * len(actors)
    # Kegiatan, Kelengkapan/Persyaratan, Waktu, Output, Keterangan share what the actors leave.
    shares = [0.27, 0.23, 0.08, 0.19, 0.23]
    text_mm = [rest * s for s in shares]
    widths = [8.0, text_mm[0], *([actor_mm] * len(actors)), *text_mm[1:]]
    head = styles()["tiny_bold"]
    n = len(actors)
    first_mutu = 2 + n

    def h(value: str) -> Paragraph:
        return Paragraph(escape(value), head)

    top = [h("No"), h("Kegiatan"), h("Pelaksana"), *[""] * (n - 1), h("Mutu Baku"), "", "", ""]
    # An actor's name must fit its narrow column whole ("Penanggung" broken mid-word reads badly).
    actor_head = ParagraphStyle("actor_head", parent=head, fontSize=6, leading=7, alignment=TA_CENTER)
    under = ["", "", *[Paragraph(escape(profile.actors[a]), actor_head) for a in actors]]
    under += [h("Kelengkapan/ Persyaratan"), h("Waktu"), h("Output")]
    under.append(h("Keterangan"))
    body = []
    for index, row in enumerate(table_rows(profile)):
        cells: list[object] = [para(str(row.no), "tiny"), para(row.activity, "tiny")]
        for column, actor in enumerate(actors):
            cells.append(board.symbol(index, column) if actor in row.actors else "")
        cells += [para(row.cell(c), "tiny", empty="") for c in ("requirements", "time", "outputs", "remarks")]
        body.append(cells)
    table = Table([top, under, *body], colWidths=[w * mm for w in widths], repeatRows=2)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, "#000000"),
                ("FONT", (0, 0), (-1, -1), fonts.FAMILY, 8),
                ("BACKGROUND", (0, 0), (-1, 1), "#e6e6e6"),
                ("SPAN", (0, 0), (0, 1)),
                ("SPAN", (1, 0), (1, 1)),
                ("SPAN", (2, 0), (1 + n, 0)),
                ("SPAN", (first_mutu, 0), (first_mutu + 3, 0)),
                ("VALIGN", (0, 0), (-1, 1), "MIDDLE"),
                ("VALIGN", (0, 2), (-1, -1), "TOP"),
                ("VALIGN", (2, 2), (1 + n, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _approval(profile: Profile, office: OfficeFacts, width: float) -> list[Flowable]:
    identity = profile.identity
    clauses = [Paragraph(f"{number}. {clause}", styles()["small"]) for number, clause in enumerate(APPROVAL_CLAUSES, 1)]
    place = office.city or office.name
    day = long_date(identity.approved_on) if identity.approved_on else "...................."
    signer = Signatory(identity.approved_by, identity.approver, identity.approver_nip) if identity.approver else None
    block = signature(
        (identity.approved_by or "Pejabat yang mengesahkan").upper(),
        signer,
        width,
        place_date=f"Disahkan di {place}",
        caption=f"pada tanggal {day}",
    )
    return [space(6), KeepTogether([Paragraph("PENGESAHAN", styles()["heading"]), *clauses]), block]
