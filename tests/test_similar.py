"""The duplicate finder and case links: a complaint typed in again is found first among
the cases of the window, one outside the window is not, a confidential report is offered
without what its reporter asked to hide, links read on both cases and are audited, the
early closure as duplicate keeps the link, and on a labelled set of re-entered demo cases
the finder keeps its measured precision and recall."""

from __future__ import annotations

import contextlib
import io
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, text

from dumas_desktop.cli import main
from dumas_desktop.domain.access import identity_roles
from dumas_desktop.domain.errors import DumasError, NotAllowed, NotFound
from dumas_desktop.reports.model import Period
from dumas_desktop.services import closure, intake, links, queries, similar
from dumas_desktop.services.context import Workspace
from dumas_desktop.services.demo import make_demo
from dumas_desktop.services.intake import PartyInput
from dumas_desktop.services.recap import write_recap
from dumas_desktop.services.similar import Probe
from dumas_desktop.storage.database import open_database
from dumas_desktop.storage.models import AuditEntry, CaseLink, Complaint

from .builders import acting, complaint, reporter
from .similar_pairs import make_pairs, measure

SUBJECT = "Dugaan ketidaknetralan anggota PPS Desa Sungai Mawang"


def _cases(ws, clock):
    """The builders' complaint, one about another matter and village, and one alike in words
    about another person in another village."""
    first = intake.receive(ws, complaint(clock()), confirmations={"buku_tamu"}).case_id
    clock.advance(days=1)
    other = intake.receive(
        ws,
        complaint(
            clock(),
            subject="Pemilih yang telah meninggal masih tercantum dalam DPT TPS 004 Desa Bonti",
            description="Nama almarhum ayah pelapor masih ada di daftar pemilih tetap TPS 004.",
            respondents=(PartyInput(name="Paulus Ading", position="Pantarlih", unit="Desa Bonti"),),
            event_place="TPS 004 Desa Bonti",
            location="Desa Bonti, Kecamatan Bonti",
        ),
        confirmations={"buku_tamu"},
    ).case_id
    clock.advance(days=1)
    alike = intake.receive(
        ws,
        complaint(
            clock(),
            subject="Dugaan ketidaknetralan anggota PPS Desa Entakai",
            respondents=(PartyInput(name="Veronika Sumi", position="Anggota PPS", unit="PPS Desa Entakai"),),
            event_place="Balai Desa Entakai",
            location="Desa Entakai, Kecamatan Kapuas",
        ),
        confirmations={"buku_tamu"},
    ).case_id
    return first, other, alike


def _again(clock, **changes) -> Probe:
    """The first complaint as it arrives a second time, by WhatsApp: words reordered, typos."""
    values = {
        "subject": "anggota PPS Desa Sungai Mawang, dugaan ketidak netralan",
        "description": "Anggota PPS terlihat menghadiri kampanye salah satu calon dan mengunggah foto dukunagn.",
        "respondents": ("Yohanes Bilung",),
        "place": "Balai Desa Sungai Mawang",
        "received_at": clock() + timedelta(days=2),
    }
    values.update(changes)
    return Probe(**values)  # type: ignore[arg-type]


def test_a_complaint_typed_in_again_is_offered_first_and_an_unrelated_one_not_at_all(ws, clock):
    first, other, alike = _cases(ws, clock)
    found = similar.find(ws, _again(clock))
    assert [c.id for c in found][:2] == [first, alike]
    assert other not in [c.id for c in found]
    best = found[0]
    assert best.score >= 80 > found[1].score
    assert "terlapor sama" in best.reasons and best.agenda_number and best.subject == SUBJECT
    # Without the respondent's name, the text alone still puts it first.
    assert similar.find(ws, _again(clock, respondents=()))[0].id == first


def test_the_window_around_the_new_complaint_is_respected(ws, clock):
    first, _other, _alike = _cases(ws, clock)
    late = _again(clock, received_at=clock() + timedelta(days=200))
    assert first not in [c.id for c in similar.find(ws, late)]
    assert first in [c.id for c in similar.find(ws, late, window_days=250)]
    with pytest.raises(DumasError):
        similar.find(ws, late, window_days=0)


def test_a_case_is_never_its_own_duplicate(ws, clock):
    first, _other, alike = _cases(ws, clock)
    found = similar.similar_to_case(ws, first)
    assert first not in [c.id for c in found] and found[0].id == alike


def test_a_probe_with_no_words_finds_nothing(ws, clock):
    _cases(ws, clock)
    assert similar.find(ws, Probe(subject=" .,; yang dan di ")) == []


def test_a_confidential_report_is_matched_but_shown_only_to_roles_that_may_see_it(ws, clock):
    officer = acting(ws, "pelaksana")
    hidden = intake.receive(
        officer, complaint(clock(), reporter=reporter(confidentiality="seluruh")), confirmations={"buku_tamu"}
    ).case_id
    with ws.db.read() as session:
        profile = ws.home_profile(session)
    seeing = sorted(identity_roles(profile))[0]
    not_seeing = next(r for r in ("pengarah", "tim_telaah", "penanggung_jawab") if r not in identity_roles(profile))
    shown = similar.find(acting(ws, seeing), _again(clock))[0]
    assert (shown.id, shown.subject, shown.reporter) == (hidden, SUBJECT, "Maria Goreti Lestari")
    masked = similar.find(acting(ws, not_seeing), _again(clock))[0]
    assert masked.id == hidden and masked.score == shown.score
    assert masked.reporter == "Dirahasiakan" and masked.subject == "Laporan dirahasiakan"
    assert masked.respondent == "Dirahasiakan" and masked.reasons == ()
    assert "Maria" not in repr(masked) and "Yohanes" not in repr(masked)


def _link_audits(ws: Workspace, case_id: int) -> list[dict]:
    with ws.db.read() as session:
        uuid = session.scalar(select(Complaint.uuid).where(Complaint.id == case_id))
        return [
            e.after
            for e in session.scalars(
                select(AuditEntry).where(AuditEntry.complaint_uuid == uuid, AuditEntry.action == "pengaduan_ditautkan")
            )
        ]


def test_a_link_shows_on_both_cases_and_is_audited_on_both(ws, clock):
    first, other, alike = _cases(ws, clock)
    result = links.link(ws, alike, first, "duplikat", "diterima lagi lewat WhatsApp")
    assert result.changes.touches(first) and result.changes.touches(alike)
    links.link(ws, other, first, "terkait")
    on_first = links.links_of(ws, first)
    assert [(v.other_id, v.label, v.outgoing) for v in on_first] == [
        (alike, "Diadukan ulang sebagai", False),
        (other, "Terkait dengan", False),
    ]
    (on_alike,) = links.links_of(ws, alike)
    assert (on_alike.other_id, on_alike.label, on_alike.outgoing, on_alike.note) == (
        first,
        "Duplikat dari",
        True,
        "diterima lagi lewat WhatsApp",
    )
    assert links.duplicate_target(ws, alike) == on_alike.other_number
    assert links.duplicate_target(ws, first) == ""
    for case_id in (first, alike):
        assert any(a["kind"] == "duplikat" for a in _link_audits(ws, case_id))
    with ws.db.read() as session:
        assert links.link_marks(session, [first, other, alike]) == {
            first: "diadukan_ulang",  # complained of again: more than merely related
            other: "terkait",
            alike: "duplikat",
        }


def test_a_link_is_refused_twice_to_itself_of_an_unknown_kind_or_to_a_role_without_the_case(ws, clock):
    first, other, _alike = _cases(ws, clock)
    links.link(ws, other, first, "terkait")
    with pytest.raises(NotAllowed, match="sudah ditautkan"):
        links.link(ws, first, other, "duplikat")
    with pytest.raises(NotAllowed):
        links.link(ws, first, first, "terkait")
    with pytest.raises(DumasError, match="Jenis tautan"):
        links.link(ws, first, other, "gabung")
    with pytest.raises(NotAllowed):
        links.link(acting(ws, "pengarah"), first, other, "terkait")
    with ws.db.read() as session:
        assert session.scalar(select(text("count(*)")).select_from(CaseLink)) == 1


def test_closing_as_duplicate_keeps_a_duplicate_link_to_the_original(ws, clock):
    first, other, alike = _cases(ws, clock)
    links.link(ws, alike, first, "terkait")
    with ws.db.read() as session:
        number = session.get(Complaint, first).agenda_number
    closure.close(ws, alike, "duplikat", "Sama dengan pengaduan sebelumnya", duplicate_of=number)
    (view,) = links.links_of(ws, alike)
    assert (view.other_id, view.kind, view.outgoing) == (first, "duplikat", True)
    closure.close(ws, other, "duplikat", "Sama", duplicate_of=number)
    assert {v.other_id for v in links.links_of(ws, first)} == {alike, other}
    with ws.db.read() as session:
        assert session.get(Complaint, alike).status == "selesai"


def test_the_commands_find_similar_cases_and_link_them(ws, clock, data_file, capsys):
    first, _other, alike = _cases(ws, clock)
    with ws.db.read() as session:
        numbers = {i: session.get(Complaint, i).agenda_number for i in (first, alike)}
    ws.db.close()
    assert main(["similar", "--data", str(data_file), "--case", numbers[alike], "--window", "30"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith(numbers[first] + "\t")
    assert (
        main(
            [
                "similar",
                "--data",
                str(data_file),
                "--subject",
                "ketidaknetralan PPS Sungai Mawang",
                "--on",
                "2026-03-05",
            ]
        )
        == 0
    )
    assert numbers[first] in capsys.readouterr().out
    argv = ["link", "--data", str(data_file), "--case", numbers[alike], "--to", numbers[first], "--kind", "duplikat"]
    assert main(argv) == 0
    assert "duplikat dari" in capsys.readouterr().out
    assert main(argv) == 2
    assert "sudah ditautkan" in capsys.readouterr().err
    assert (
        main(["link", "--data", str(data_file), "--case", "tidak/ada", "--to", numbers[first], "--kind", "terkait"])
        == 2
    )
    assert main(["similar", "--data", str(data_file), "--case", numbers[first], "--window", "0"]) == 2
    db = open_database(data_file)
    try:
        assert [v.other_id for v in links.links_of(Workspace(db), first)] == [alike]
    finally:
        db.close()


@pytest.fixture(scope="module")
def labelled(tmp_path_factory):
    path = tmp_path_factory.mktemp("similar") / "demo.dumas"
    with contextlib.redirect_stdout(io.StringIO()):
        make_demo(path, 800, "sanggau-2026", seed=11, now=datetime(2026, 11, 30, 16, 0))
    db = open_database(path)
    ws = Workspace(db)
    with db.read() as session:
        ids = list(session.scalars(select(Complaint.id)))
    yield ws, make_pairs(ws, ids, 60, seed=5)
    db.close()


def test_the_finder_keeps_its_precision_and_recall_on_re_entered_demo_cases(labelled):
    ws, pairs = labelled
    offered = measure(ws, pairs, similar.MIN_SCORE)
    assert offered.recall >= 0.95 and offered.first_rate >= 0.9
    likely = measure(ws, pairs, 80)
    assert likely.precision >= 0.9 and likely.recall >= 0.7
    # Typed in without the respondent, a copy is still offered, ranked first, below 80.
    bare = [replace(p, probe=replace(p.probe, respondents=())) for p in pairs[:12]]
    assert measure(ws, bare, similar.MIN_SCORE).first_rate >= 0.8


def test_links_show_in_the_agenda_book_rows_and_in_the_recap(ws, clock, tmp_path):
    first, other, alike = _cases(ws, clock)
    links.link(ws, alike, first, "duplikat")
    rows = {r.id: r for r in queries.agenda_page(ws)}
    assert (rows[alike].link_mark, rows[first].link_mark, rows[other].link_mark) == ("duplikat", "diadukan_ulang", "")
    out = tmp_path / "rekap.xlsx"
    write_recap(ws, Period(2026), out)
    notes = {r[1]: r[-1] for r in load_workbook(out)["Rekapitulasi"].iter_rows(values_only=True) if r and r[1]}
    numbers = {r.id: r.agenda_number for r in rows.values()}
    assert notes[numbers[alike]] == f"Duplikat dari {numbers[first]}"
    assert notes[numbers[first]] == f"Diadukan ulang sebagai {numbers[alike]}"
    assert notes[numbers[other]] is None


def test_a_package_carries_links_to_the_office_that_imports_it(tmp_path):
    from dumas_desktop.services import transfer
    from dumas_desktop.services.workflow import find_case_id

    when = datetime(2026, 11, 20, 10, 0)
    with contextlib.redirect_stdout(io.StringIO()):
        regency = make_demo(tmp_path / "kabupaten.dumas", 6, "sanggau-2026", seed=5, now=when).path
        province = make_demo(tmp_path / "provinsi.dumas", 3, "sumbar-2022", seed=4, now=when).path
    db = open_database(regency)
    try:
        ws = Workspace(db)
        with db.read() as session:
            first, second = session.execute(select(Complaint.id, Complaint.agenda_number).limit(2)).all()
        links.link(ws, second[0], first[0], "duplikat")
    finally:
        db.close()
    package = tmp_path / "kabupaten.dumaspkg"
    transfer.export_package(regency, package, now=when)
    transfer.import_package(province, package, now=when)
    db = open_database(province)
    try:
        ws = Workspace(db)
        with db.read() as session:
            copied = find_case_id(session, second[1], "6103")
        (view,) = links.links_of(ws, copied)
        assert (view.label, view.other_number) == ("Duplikat dari", first[1])
        links.unlink(ws, copied, view.other_id, "bukan pengaduan yang sama")
    finally:
        db.close()
    # The regency's next package still carries the link: removed here, it stays removed.
    again = tmp_path / "kabupaten-2.dumaspkg"
    transfer.export_package(regency, again, now=when + timedelta(days=1))
    transfer.import_package(province, again, now=when + timedelta(days=1))
    db = open_database(province)
    try:
        assert links.links_of(Workspace(db), copied) == []
    finally:
        db.close()


def _unlink_audits(ws: Workspace, case_id: int) -> list[dict]:
    with ws.db.read() as session:
        uuid = session.scalar(select(Complaint.uuid).where(Complaint.id == case_id))
        return [
            e.after
            for e in session.scalars(
                select(AuditEntry).where(AuditEntry.complaint_uuid == uuid, AuditEntry.action == "tautan_dihapus")
            )
        ]


def test_a_link_removed_is_gone_from_both_cases_the_agenda_book_and_the_recap_and_audited_on_both(ws, clock, tmp_path):
    first, other, alike = _cases(ws, clock)
    links.link(ws, alike, first, "duplikat", "diterima lagi")
    links.link(ws, other, first, "terkait")
    removed = links.unlink(ws, first, alike, "  salah tautan:   pokoknya berbeda ")  # named from either side
    assert removed.changes.touches(first) and removed.changes.touches(alike)
    assert [v.other_id for v in links.links_of(ws, first)] == [other]
    assert links.links_of(ws, alike) == []
    assert links.duplicate_target(ws, alike) == ""
    rows = {r.id: r for r in queries.agenda_page(ws)}
    assert (rows[alike].link_mark, rows[first].link_mark, rows[other].link_mark) == ("", "terkait", "terkait")
    out = tmp_path / "rekap.xlsx"
    write_recap(ws, Period(2026), out)
    notes = {r[1]: r[-1] for r in load_workbook(out)["Rekapitulasi"].iter_rows(values_only=True) if r and r[1]}
    assert notes[rows[alike].agenda_number] is None
    assert notes[rows[first].agenda_number] == f"Terkait dengan {rows[other].agenda_number}"
    for case_id in (first, alike):
        (audit,) = _unlink_audits(ws, case_id)
        assert audit["reason"] == "salah tautan: pokoknya berbeda" and audit["kind"] == "duplikat"
        assert audit["linked_to"] == rows[first].agenda_number
    # Linked again afterwards, as any two cases may be.
    links.link(ws, alike, first, "terkait")


def test_removing_a_link_needs_a_reason_the_link_and_the_right_and_keeps_one_a_duplicate_closure_rests_on(ws, clock):
    first, other, alike = _cases(ws, clock)
    links.link(ws, other, first, "terkait")
    with pytest.raises(DumasError, match="Alasan menghapus tautan"):
        links.unlink(ws, other, first, "  ")
    with pytest.raises(NotFound, match="tidak bertaut"):
        links.unlink(ws, alike, first, "salah")
    with pytest.raises(NotAllowed):
        links.unlink(acting(ws, "pengarah"), other, first, "salah")
    with ws.db.read() as session:
        number = session.get(Complaint, first).agenda_number
    closure.close(ws, alike, "duplikat", "Sama dengan pengaduan sebelumnya", duplicate_of=number)
    with pytest.raises(NotAllowed, match="ditutup sebagai duplikat dari"):
        links.unlink(ws, first, alike, "ternyata berbeda")
    assert {v.other_id for v in links.links_of(ws, first)} == {other, alike}
    links.unlink(ws, other, first, "salah")
    assert [v.other_id for v in links.links_of(ws, first)] == [alike]


def test_the_unlink_command_removes_a_link_with_its_reason(ws, clock, data_file, capsys):
    first, _other, alike = _cases(ws, clock)
    links.link(ws, alike, first, "terkait")
    with ws.db.read() as session:
        numbers = {i: session.get(Complaint, i).agenda_number for i in (first, alike)}
    ws.db.close()
    argv = ["unlink", "--data", str(data_file), "--case", numbers[alike], "--from", numbers[first]]
    assert main([*argv, "--reason", "salah tautan"]) == 0
    assert f"Tautan antara {numbers[alike]} dan {numbers[first]} dihapus." in capsys.readouterr().out
    assert main([*argv, "--reason", "salah tautan"]) == 2
    assert "tidak bertaut" in capsys.readouterr().err
    assert main([*argv, "--reason", " "]) == 2
    assert "Alasan menghapus tautan" in capsys.readouterr().err
    db = open_database(data_file)
    try:
        assert links.links_of(Workspace(db), first) == []
    finally:
        db.close()
