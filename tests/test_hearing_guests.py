"""Step 6 of the Sanggau SOP invites "pelapor, terlapor, saksi, dan/atau pihak terkait":
a witness or related party not named in the complaint is added by the plan and invited."""

from __future__ import annotations

from datetime import datetime

import pytest

from dumas_desktop.domain.errors import DumasError
from dumas_desktop.services import case_file, documents, hearing
from dumas_desktop.services.hearing import Guest, HearingPlan, TeamMember

from .test_lifecycle_sanggau import drive_to_hearing, receive_and_register

TEAM = (TeamMember("Fransiskus Asisi", "Anggota KPU"),)


def plan(case_id, ws, guests, invited=None):
    detail = case_file.case_detail(ws, case_id)
    return hearing.plan_hearing(
        ws,
        case_id,
        HearingPlan(
            scheduled_at=datetime(2026, 3, 5, 9, 0),
            place="Ruang Rapat KPU Kabupaten Sanggau",
            team=TEAM,
            invited_party_ids=tuple(p.id for p in detail.parties) if invited is None else invited,
            guests=guests,
        ),
    )


@pytest.mark.both_backends
def test_witness_and_related_party_are_added_and_each_invited(ws, clock):
    case_id = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, case_id, hearing_needed=True)
    plan(case_id, ws, (Guest("witness", "Benediktus  Ajun", "Warga"), Guest("related", "Ketua PPK Kapuas", "Atasan")))
    detail = case_file.case_detail(ws, case_id)
    roles = {p.name: p.role for p in detail.parties}
    assert roles["Benediktus Ajun"] == "witness" and roles["Ketua PPK Kapuas"] == "related"
    invited = {(role, name) for _, role, name, _ in detail.hearing_participants if role != "tim"}
    assert ("saksi", "Benediktus Ajun") in invited and ("pihak_terkait", "Ketua PPK Kapuas") in invited
    letters = {o.addressee for o in documents.offers(ws, case_id) if o.kind == "surat_undangan"}
    assert {"Benediktus Ajun", "Ketua PPK Kapuas"} <= letters

    # Planned again: the guests are parties now, invited by id like the others, not added twice.
    plan(case_id, ws, ())
    again = case_file.case_detail(ws, case_id)
    assert [p.name for p in again.parties].count("Benediktus Ajun") == 1
    assert ("saksi", "Benediktus Ajun") in {(r, n) for _, r, n, _ in again.hearing_participants}


@pytest.mark.both_backends
def test_a_guest_without_a_name_is_refused_and_nothing_is_saved(ws, clock):
    case_id = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, case_id, hearing_needed=True)
    before = case_file.case_detail(ws, case_id).parties
    with pytest.raises(DumasError, match="Nama saksi"):
        plan(case_id, ws, (Guest("witness", "", "Warga Desa Beringin"),))
    detail = case_file.case_detail(ws, case_id)
    assert detail.hearing_id is None and detail.parties == before


@pytest.mark.both_backends
def test_guests_alone_are_enough_to_invite(ws, clock):
    case_id = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, case_id, hearing_needed=True)
    plan(case_id, ws, (Guest("related", "Ketua PPK Kapuas"),), invited=())
    detail = case_file.case_detail(ws, case_id)
    invited = [(role, name) for _, role, name, _ in detail.hearing_participants if role != "tim"]
    assert invited == [("pihak_terkait", "Ketua PPK Kapuas")]
