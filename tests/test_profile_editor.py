"""The profile editor's service: drafts of the office's SOP, checked by the loader,
adopted as new versions that only new complaints follow; versions exported and installed."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from dumas_desktop.domain.errors import DumasError, NotAllowed
from dumas_desktop.domain.sop import StandardTime, parse_profile
from dumas_desktop.domain.sop_draft import Draft, DraftBranch, DraftRequirement, DraftTime
from dumas_desktop.profiles import bundled_profile
from dumas_desktop.services import intake, profile_editor
from dumas_desktop.storage.models import AuditEntry, Complaint

from .builders import acting, complaint


def _bare(profile):
    return dataclasses.replace(profile, text="", sha256="")


@pytest.mark.parametrize("profile_id", ["sanggau-2026", "sumbar-2022"])
def test_each_bundled_profile_round_trips_through_the_editor_unchanged(profile_id):
    profile = bundled_profile(profile_id)
    draft = Draft.of(profile)
    again = parse_profile(draft.to_toml())
    assert _bare(again) == _bare(profile)
    assert Draft.of(again) == draft
    assert profile_editor.check_draft(draft).ok


def test_every_computed_check_has_a_label_for_the_editor():
    from dumas_desktop.domain import catalog
    from dumas_desktop.domain.checks import CHECKS

    assert list(catalog.CHECK_LABELS) == list(CHECKS)


def test_a_draft_with_no_change_is_not_adopted_as_a_new_version(ws):
    draft = profile_editor.start_draft(ws)
    with pytest.raises(NotAllowed, match="sama dengan versi yang berlaku"):
        profile_editor.adopt_draft(ws, draft)
    assert len(profile_editor.versions(ws)) == 1


def test_the_loader_names_the_field_a_broken_change_concerns():
    draft = Draft.of(bundled_profile("sanggau-2026"))
    draft.steps[2].time = DraftTime("hari", 0)
    checked = profile_editor.check_draft(draft)
    assert not checked.ok
    assert (checked.where, checked.field) == ("steps.2.time", "value")
    assert "waktu baku harus lebih dari nol" in checked.message

    draft = Draft.of(bundled_profile("sanggau-2026"))
    draft.steps[4].branches[1].next = "tidak_ada"
    checked = profile_editor.check_draft(draft)
    assert (checked.where, checked.field) == ("steps.4.branches.1", "next")
    assert "\u201ctidak_ada\u201d yang tidak ada" in checked.message

    draft = Draft.of(bundled_profile("sanggau-2026"))
    draft.steps[0].requirements.append(DraftRequirement("check", "bukan_pemeriksaan", "X"))
    checked = profile_editor.check_draft(draft)
    assert (checked.where, checked.field) == ("steps.0.requirements.4", "key")


def test_steps_added_removed_and_moved_keep_the_flow_whole():
    draft = Draft.of(bundled_profile("sumbar-2022"))
    index = draft.add_step(after=1)  # between "nota_dinas" and "penelaahan"
    new = draft.steps[index]
    assert draft.steps[1].next == new.key and new.next == "penelaahan"
    assert profile_editor.check_draft(draft).ok
    assert draft.move_step(index, -1) == 1
    assert [s.next for s in draft.steps[:3]] == [new.key, "nota_dinas", "penelaahan"]  # the flow follows
    checked = profile_editor.check_draft(draft)
    assert checked.profile is not None and [s.no for s in checked.profile.steps] == list(range(1, 10))
    draft.remove_step(1)
    assert draft.steps[1].next == "penelaahan"
    again = profile_editor.check_draft(draft).profile
    assert again is not None and _bare(again) == _bare(bundled_profile("sumbar-2022"))


def test_an_adopted_version_serves_new_complaints_while_earlier_ones_keep_theirs(ws, clock):
    before = intake.receive(ws, complaint(clock()), confirmations={"buku_tamu"})
    draft = profile_editor.start_draft(ws)
    register = draft.steps[draft.step_index("penatausahaan")]
    register.time = DraftTime("jam", 3)
    register.branches.append(DraftBranch("ulang", "Diulang", "penerimaan"))
    register.branches.append(DraftBranch("lanjut", "Lanjut", register.next))
    clock.advance(hours=1)
    adopted = profile_editor.adopt_draft(ws, draft)
    assert adopted.profile.version == 2
    after = intake.receive(ws, complaint(clock()), confirmations={"buku_tamu"})
    with ws.db.read() as session:
        old, new = (session.get(Complaint, c.case_id) for c in (before, after))
        assert old.sop_profile_id != new.sop_profile_id == adopted.record_id
        assert (old.current_due_at - old.received_at).total_seconds() == 20 * 60
        assert (new.current_due_at - new.received_at).total_seconds() == 3 * 3600
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "profil_sop_diganti")).one()
        assert entry.actor == "petugas" and entry.at == datetime(2026, 3, 2, 10, 0)
    kept = profile_editor.versions(ws)
    assert [(v.version, v.active, v.cases) for v in kept] == [(2, True, 1), (1, False, 1)]
    assert kept[0].adopted_by.startswith("petugas, 02-03-2026")
    assert profile_editor.version_profile(ws, kept[1].record_id)[1].step("penatausahaan").time == StandardTime(
        "menit", 20
    )


def test_only_an_administrator_edits_or_adopts(ws):
    clerk = acting(ws, "pelaksana")
    with pytest.raises(NotAllowed, match="Administrator"):
        profile_editor.start_draft(clerk)
    draft = profile_editor.start_draft(ws)
    draft.name = "SOP baru"
    with pytest.raises(NotAllowed, match="Administrator"):
        profile_editor.adopt_draft(clerk, draft)


def test_a_version_exported_installs_in_another_file(ws, sumbar_ws, tmp_path):
    draft = profile_editor.start_draft(ws)
    draft.steps[0].time = DraftTime("menit", 30)
    profile_editor.adopt_draft(ws, draft)
    target = tmp_path / "sop-sanggau-v2.toml"
    profile_editor.export_version(ws, target)
    installed = profile_editor.install_file(sumbar_ws, target)
    assert (installed.id, installed.version) == ("sanggau-2026", 2)
    assert profile_editor.version_profile(sumbar_ws)[1].steps[0].time == StandardTime("menit", 30)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"[profile\nid = 1", "tidak dapat dibaca"),
        (b"\xff\xfe\x00\xd8", "bukan teks"),
        ("[" * 5000, "tidak dapat dibaca"),
        (b'[profile]\nid = "x"\n', "wajib diisi"),
        (
            '[profile]\nid="x"\nversion=1\nname="n"\noffice_level="provinsi"\n[actors]\na="A"\n'
            '[classifications]\nb="B"\n[[steps]]\nkey="a\\nb"\n',
            "kunci langkah \u201ca b\u201d",
        ),
        (b"x" * (profile_editor.MAX_PROFILE_BYTES + 1), "terlalu besar"),
        (
            (Path(__file__).parent.parent / "resources/sop/sanggau-2026.toml")
            .read_text(encoding="utf-8")
            .replace('when = "hearing_needed"', 'when = ["hearing_needed"]'),
            "syarat \u201cwhen\u201d",
        ),
    ],
)
def test_a_hostile_profile_file_is_refused_in_one_line_saying_why(ws, tmp_path, content, reason):
    path = tmp_path / "kiriman.toml"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    with pytest.raises(DumasError) as caught:
        profile_editor.install_file(ws, path)
    message = caught.value.message
    assert reason in message and "\n" not in message
    assert len(profile_editor.versions(ws)) == 1
