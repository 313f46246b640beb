"""Appointments: booking without double booking (decided by the database, under concurrency),
rescheduling, cancelling, day and week views, check-in; permissions, isolation, audit."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import text
from tests.integration.conftest import World, make_patient
from tests.integration.factories_scheduling_labs import (
    at,
    audit_rows,
    book,
    fresh_day,
    fresh_week,
    hospital_in_zone,
    iso,
    make_doctor,
    make_user,
    midday_zone,
    now_slot,
    scalar,
    slot,
)

from hms.pipeline.permissions import ROLE_PERMISSIONS, Permission, Role
from hms.platform.db import Database


async def test_book_and_read(http, world: World) -> None:
    desk = world.headers("receptionist")
    patient = await make_patient(http, desk, name="Ada Booking")
    doctor = await make_user(http, world, "doctor", name="Dr Grace Hopper")
    when = slot(fresh_day(), 9)
    r = await book(http, desk, patient_id=patient["id"], doctor_id=doctor["id"], when=when)
    assert r.status_code == 201, r.text
    got = r.json()
    assert got["status"] == "booked" and got["version"] == 1 and got["encounterId"] is None
    assert got["patient"] == {"id": patient["id"], "name": "Ada Booking", "mrn": patient["mrn"]}
    assert got["doctor"] == {"id": doctor["id"], "name": "Dr Grace Hopper"}
    assert got["startsAt"].startswith(when["startsAt"][:16])
    read = await http.get(f"/api/v1/appointments/{got['id']}", headers=world.headers("nurse"))
    assert read.status_code == 200 and read.json()["reason"] == "Follow-up"


async def test_concurrent_bookings_of_one_doctor_exactly_one_wins(
    http, world: World, db: Database
) -> None:
    desk = world.headers("receptionist")
    doctor = await make_doctor(http, world)
    patients = [await make_patient(http, desk, name=f"Rush {i}") for i in range(10)]
    day = fresh_day()
    # Ten different patients, ten overlapping slots (10:00-10:30, 10:02-10:32, ...).
    attempts = [
        book(http, desk, patient_id=p["id"], doctor_id=doctor, when=slot(day, 10, 2 * i))
        for i, p in enumerate(patients)
    ]
    responses = await asyncio.gather(*attempts)
    codes = sorted(r.status_code for r in responses)
    assert codes == [201] + [409] * 9, [r.text for r in responses]
    winner = next(r.json() for r in responses if r.status_code == 201)
    for r in responses:
        if r.status_code == 409:
            body = r.json()
            assert body["clash"] == "doctor" and "already booked" in body["detail"]
            assert body["conflictingAppointmentId"] == winner["id"]
    booked = await scalar(
        db,
        "SELECT count(*) FROM hospital_alpha.appointments WHERE doctor_id = :d",
        d=uuid.UUID(doctor),
    )
    assert booked == 1


async def test_concurrent_bookings_of_one_patient_exactly_one_wins(http, world: World) -> None:
    desk = world.headers("receptionist")
    patient = await make_patient(http, desk, name="Double Trouble")
    doctors = [await make_doctor(http, world) for _ in range(10)]
    day = fresh_day()
    responses = await asyncio.gather(
        *(
            book(http, desk, patient_id=patient["id"], doctor_id=d, when=slot(day, 14, i))
            for i, d in enumerate(doctors)
        )
    )
    assert sorted(r.status_code for r in responses) == [201] + [409] * 9
    losers = [r.json() for r in responses if r.status_code == 409]
    assert all(body["clash"] == "patient" for body in losers)


async def test_adjacent_slots_do_not_clash(http, world: World) -> None:
    desk = world.headers("receptionist")
    doctor = await make_doctor(http, world)
    day = fresh_day()
    first = await make_patient(http, desk, name="Early Bird")
    second = await make_patient(http, desk, name="Next In Line")
    a = await book(http, desk, patient_id=first["id"], doctor_id=doctor, when=slot(day, 10))
    b = await book(http, desk, patient_id=second["id"], doctor_id=doctor, when=slot(day, 10, 30))
    assert (a.status_code, b.status_code) == (201, 201)


async def test_reschedule_into_a_clash_is_409_and_changes_nothing(http, world: World) -> None:
    desk = world.headers("receptionist")
    doctor = await make_doctor(http, world)
    day = fresh_day()
    p1 = await make_patient(http, desk, name="Fixed Slot")
    p2 = await make_patient(http, desk, name="Moving Slot")
    a = (await book(http, desk, patient_id=p1["id"], doctor_id=doctor, when=slot(day, 9))).json()
    b = (await book(http, desk, patient_id=p2["id"], doctor_id=doctor, when=slot(day, 11))).json()
    clash = await http.post(
        f"/api/v1/appointments/{b['id']}/reschedule", json=slot(day, 9, 15), headers=desk
    )
    assert clash.status_code == 409
    assert clash.json()["conflictingAppointmentId"] == a["id"]
    unchanged = (await http.get(f"/api/v1/appointments/{b['id']}", headers=desk)).json()
    assert unchanged["startsAt"] == b["startsAt"] and unchanged["version"] == 1
    moved = await http.post(
        f"/api/v1/appointments/{b['id']}/reschedule",
        json={**slot(day, 12, minutes=45), "version": 1},
        headers=world.headers("doctor"),
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["version"] == 2 and moved.json()["startsAt"].startswith(iso(at(day, 12)))
    stale = await http.post(
        f"/api/v1/appointments/{b['id']}/reschedule",
        json={**slot(day, 13), "version": 1},
        headers=desk,
    )
    assert stale.status_code == 409 and stale.json()["currentVersion"] == 2
    huge = await http.post(
        f"/api/v1/appointments/{b['id']}/reschedule",
        json={**slot(day, 13), "version": 10**20},
        headers=desk,
    )
    assert huge.status_code == 422 and "version" in huge.json()["detail"], huge.text


async def test_cancel_frees_the_slot(http, world: World) -> None:
    desk = world.headers("receptionist")
    doctor = await make_doctor(http, world)
    when = slot(fresh_day(), 15)
    p1 = await make_patient(http, desk, name="Cancels Early")
    p2 = await make_patient(http, desk, name="Gets The Slot")
    first = (await book(http, desk, patient_id=p1["id"], doctor_id=doctor, when=when)).json()
    assert (
        await book(http, desk, patient_id=p2["id"], doctor_id=doctor, when=when)
    ).status_code == 409
    no_reason = await http.post(f"/api/v1/appointments/{first['id']}/cancel", json={}, headers=desk)
    assert no_reason.status_code == 422 and no_reason.json()["errors"][0]["field"] == "reason"
    cancelled = await http.post(
        f"/api/v1/appointments/{first['id']}/cancel",
        json={"reason": "Patient is travelling"},
        headers=desk,
    )
    assert cancelled.status_code == 200, cancelled.text
    body = cancelled.json()
    assert body["status"] == "cancelled" and body["cancelReason"] == "Patient is travelling"
    assert body["cancelledAt"] is not None
    again = await http.post(
        f"/api/v1/appointments/{first['id']}/cancel", json={"reason": "twice"}, headers=desk
    )
    assert again.status_code == 409
    taken = await book(http, desk, patient_id=p2["id"], doctor_id=doctor, when=when)
    assert taken.status_code == 201, taken.text
    moved = await http.post(
        f"/api/v1/appointments/{first['id']}/reschedule", json=slot(fresh_day(), 9), headers=desk
    )
    assert moved.status_code == 409 and "cancelled" in moved.json()["detail"]


async def test_day_and_week_views(http, world: World) -> None:
    desk = world.headers("receptionist")
    doctor = await make_doctor(http, world)
    monday = fresh_week()
    patients = [await make_patient(http, desk, name=f"Week Patient {i}") for i in range(5)]
    plan = [
        (monday, 9),
        (monday, 16),
        (monday + timedelta(days=2), 10),
        (monday + timedelta(days=6), 22),  # Sunday 22:00 UTC = Monday 07:00 in Tokyo
        (monday + timedelta(days=7), 9),  # the next week
    ]
    ids = []
    for p, (day, hour) in zip(patients, plan, strict=True):
        r = await book(http, desk, patient_id=p["id"], doctor_id=doctor, when=slot(day, hour))
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    cancelled = await http.post(
        f"/api/v1/appointments/{ids[1]}/cancel", json={"reason": "clinic closed"}, headers=desk
    )
    assert cancelled.status_code == 200
    nurse = world.headers("nurse")
    view = f"/api/v1/appointments?doctorId={doctor}"

    day_view = (await http.get(f"{view}&date={monday.isoformat()}", headers=nurse)).json()
    assert [i["id"] for i in day_view["items"]] == [ids[0]]
    assert day_view["windowStart"].startswith(monday.isoformat())
    with_cancelled = (
        await http.get(f"{view}&date={monday.isoformat()}&includeCancelled=true", headers=nurse)
    ).json()
    assert [i["id"] for i in with_cancelled["items"]] == [ids[0], ids[1]]

    iso_week = "{}-W{:02d}".format(*monday.isocalendar()[:2])
    week_view = (await http.get(f"{view}&week={iso_week}", headers=nurse)).json()
    assert [i["id"] for i in week_view["items"]] == [ids[0], ids[2], ids[3]]
    assert week_view["total"] == 3
    by_date = (
        await http.get(f"{view}&week={(monday + timedelta(days=3)).isoformat()}", headers=nurse)
    ).json()
    assert [i["id"] for i in by_date["items"]] == [ids[0], ids[2], ids[3]]
    # In Tokyo (UTC+9) Sunday 22:00 UTC falls on the next Monday.
    tokyo = (await http.get(f"{view}&week={iso_week}&tz=Asia/Tokyo", headers=nurse)).json()
    assert [i["id"] for i in tokyo["items"]] == [ids[0], ids[2]]
    paged = (await http.get(f"{view}&week={iso_week}&page=2&pageSize=2", headers=nurse)).json()
    assert [i["id"] for i in paged["items"]] == [ids[3]] and paged["total"] == 3
    patient_view = (
        await http.get(f"/api/v1/appointments?patientId={patients[4]['id']}", headers=nurse)
    ).json()
    assert [i["id"] for i in patient_view["items"]] == [ids[4]]

    hospital_day = (await http.get(f"/api/v1/appointments?date={monday}", headers=nurse)).json()
    assert [i["id"] for i in hospital_day["items"]] == [ids[0]]
    today = await http.get("/api/v1/appointments", headers=nurse)
    assert today.status_code == 200 and today.json()["windowStart"]
    for bad in (
        f"?doctorId={doctor}&date={monday.isoformat()}&week={iso_week}",
        f"?doctorId={doctor}&week=2031-W60",
        f"?doctorId={doctor}&week=soon",
        f"?doctorId={doctor}&date=2031-02-30",
        f"?doctorId={doctor}&date={monday.isoformat()}&tz=Mars/Olympus",
        f"?doctorId={doctor}&pageSize=101",
    ):
        r = await http.get(f"/api/v1/appointments{bad}", headers=nurse)
        assert r.status_code == 422, (bad, r.text)


async def test_check_in_opens_an_outpatient_encounter(http, world: World, db: Database) -> None:
    desk = world.headers("receptionist")
    doctor = await make_doctor(http, world)
    patient = await make_patient(http, desk, name="Walks In")
    appt = (
        await book(
            http,
            desk,
            patient_id=patient["id"],
            doctor_id=doctor,
            when=now_slot(),
            reason="Persistent cough",
        )
    ).json()
    check_in = f"/api/v1/appointments/{appt['id']}/check-in"
    denied = await http.post(check_in, headers=world.headers("doctor"))
    assert denied.status_code == 403 and "patients:checkin" in denied.json()["detail"]
    async with hospital_in_zone(http, world, midday_zone()):
        r = await http.post(check_in, headers=desk)
        assert r.status_code == 200, r.text
        twice = await http.post(check_in, headers=desk)
    body = r.json()
    assert body["status"] == "checked-in" and body["checkedInAt"] and body["encounterId"]
    kind, reason, patient_id = await _row(
        db,
        "SELECT kind, reason, patient_id FROM hospital_alpha.encounters WHERE id = :e",
        e=uuid.UUID(body["encounterId"]),
    )
    assert (kind, reason, str(patient_id)) == ("outpatient", "Persistent cough", patient["id"])
    assert twice.status_code == 409 and "is checked-in" in twice.json()["detail"]
    cancel = await http.post(
        f"/api/v1/appointments/{appt['id']}/cancel", json={"reason": "late"}, headers=desk
    )
    assert cancel.status_code == 409
    encounters = await scalar(
        db,
        "SELECT count(*) FROM hospital_alpha.encounters WHERE patient_id = :p",
        p=uuid.UUID(patient["id"]),
    )
    assert encounters == 1


async def test_check_in_is_open_only_on_the_appointment_day(
    http, world: World, db: Database
) -> None:
    desk = world.headers("receptionist")
    today, yesterday, tomorrow = [
        await make_patient(http, desk, name=f"Check-in Day {n}") for n in range(3)
    ]
    appts = {}
    for patient, days in ((today, 0), (yesterday, 0), (tomorrow, 1)):
        doctor = await make_doctor(http, world)
        when = now_slot(days=days)
        r = await book(http, desk, patient_id=patient["id"], doctor_id=doctor, when=when)
        assert r.status_code == 201, r.text
        appts[patient["id"]] = r.json()
    # Bookings cannot be made in the past: yesterday's appointment is moved there directly.
    await _move(db, appts[yesterday["id"]]["id"], "starts_at - interval '1 day'")
    since = await scalar(db, "SELECT now()")

    async with hospital_in_zone(http, world, midday_zone()) as tz:
        for patient, word in ((yesterday, "reschedule"), (tomorrow, None)):
            path = f"/api/v1/appointments/{appts[patient['id']]['id']}"
            appt = (await http.get(path, headers=desk)).json()
            r = await http.post(f"{path}/check-in", headers=desk)
            assert r.status_code == 409, r.text
            body = r.json()
            day = body["appointmentDate"]
            assert day == appt["startsAt"][:10] and day != body["today"]
            assert body["timeZone"] == tz
            assert f"is on {day}, not today" in body["detail"]
            assert f"in the hospital's time zone ({tz})" in body["detail"]
            assert "check-in opens on that day" in body["detail"]
            assert (word in body["detail"]) if word else "reschedule" not in body["detail"]
            assert (await http.get(path, headers=desk)).json() == appt
            assert await _encounters(db, patient["id"]) == 0

        ok = await http.post(
            f"/api/v1/appointments/{appts[today['id']]['id']}/check-in", headers=desk
        )
    assert ok.status_code == 200 and ok.json()["status"] == "checked-in", ok.text
    assert await _encounters(db, today["id"]) == 1

    refusals = 0
    for _ in range(100):  # refusals are audited through the batched queue
        refusals = await scalar(
            db,
            "SELECT count(*) FROM hospital_alpha.audit_log WHERE action = 'appointment.check-in' "
            "AND outcome = 'refused:409' AND at >= :since AND patient_id IN (:one, :two)",
            since=since,
            one=uuid.UUID(yesterday["id"]),
            two=uuid.UUID(tomorrow["id"]),
        )
        if refusals >= 2:
            break
        await asyncio.sleep(0.05)
    assert refusals == 2  # each under the patient whose appointment it was


def _differing_zone() -> str:
    """A zone whose calendar day is not UTC's now, with hours to spare before its midnight:
    UTC+14 from 10:00 UTC (its 00:00–14:00 of the next day), else UTC-12 (12:00–22:00 of
    the day before)."""
    return "Etc/GMT-14" if datetime.now(UTC).hour >= 10 else "Etc/GMT+12"


def _hour_on(hospital_day: date, utc_day: date, zone: ZoneInfo) -> datetime:
    """An hour within a day and a half of now on ``hospital_day`` in the hospital's zone and
    ``utc_day`` in UTC."""
    base = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    for hours in range(-36, 37):
        moment = base + timedelta(hours=hours)
        if moment.astimezone(zone).date() == hospital_day and moment.date() == utc_day:
            return moment
    raise AssertionError(f"no hour on {hospital_day} in {zone.key} and {utc_day} in UTC")


async def test_check_in_and_day_views_follow_the_hospital_zone_not_the_client(
    http, world: World, db: Database
) -> None:
    """Check-in is decided in the hospital's zone whatever ``tz`` a client sends; views use
    that zone unless ``tz`` asks for another."""
    desk = world.headers("receptionist")
    name = _differing_zone()
    zone = ZoneInfo(name)
    hospital_today = datetime.now(zone).date()
    utc_today = datetime.now(UTC).date()
    assert hospital_today != utc_today
    # hospital's today (not UTC's), and UTC's today (not the hospital's)
    moments = [_hour_on(hospital_today, hospital_today, zone), _hour_on(utc_today, utc_today, zone)]
    doctor = await make_doctor(http, world)
    ids = []
    for n, moment in enumerate(moments):
        patient = await make_patient(http, desk, name=f"Zone Day {n}")
        r = await book(
            http, desk, patient_id=patient["id"], doctor_id=doctor, when=slot(fresh_day(), 9 + n)
        )
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
        await _move(db, ids[-1], f"'{moment.isoformat()}'::timestamptz")
    hospital_days, utc_days = ids

    async with hospital_in_zone(http, world, name):
        view = f"/api/v1/appointments?doctorId={doctor}"
        in_hospital = (await http.get(f"{view}&date={hospital_today}", headers=desk)).json()
        assert [i["id"] for i in in_hospital["items"]] == [hospital_days]
        in_utc = (await http.get(f"{view}&date={utc_today}&tz=UTC", headers=desk)).json()
        assert [i["id"] for i in in_utc["items"]] == [utc_days]
        whole = (await http.get("/api/v1/appointments", headers=desk)).json()
        midnight = datetime.combine(hospital_today, time(0), tzinfo=zone)
        assert datetime.fromisoformat(whole["windowStart"]) == midnight

        # UTC's today is not the hospital's: a client saying tz=UTC changes nothing.
        refused = await http.post(f"/api/v1/appointments/{utc_days}/check-in?tz=UTC", headers=desk)
        assert refused.status_code == 409, refused.text
        body = refused.json()
        assert (body["appointmentDate"], body["today"], body["timeZone"]) == (
            utc_today.isoformat(),
            hospital_today.isoformat(),
            name,
        )
        assert f"in the hospital's time zone ({name})" in body["detail"]
        ok = await http.post(f"/api/v1/appointments/{hospital_days}/check-in", headers=desk)
        assert ok.status_code == 200 and ok.json()["status"] == "checked-in", ok.text


async def _move(db: Database, appointment_id: str, starts_at: str) -> None:
    """Move an appointment (keeping its length) where booking cannot: into the past."""
    async with db.engine.begin() as conn:
        await conn.execute(
            text(
                f"UPDATE hospital_alpha.appointments SET starts_at = {starts_at}, "
                f"ends_at = {starts_at} + (ends_at - starts_at) WHERE id = :a"
            ),
            {"a": uuid.UUID(appointment_id)},
        )


async def _encounters(db: Database, patient_id: str) -> int:
    return int(
        await scalar(
            db,
            "SELECT count(*) FROM hospital_alpha.encounters WHERE patient_id = :p",
            p=uuid.UUID(patient_id),
        )
    )


async def _row(db: Database, sql: str, **params):
    async with db.engine.connect() as conn:
        return (await conn.execute(text(sql), params)).one()


async def test_booking_validation(http, world: World) -> None:
    desk = world.headers("receptionist")
    doctor = await make_doctor(http, world)
    nurse = await make_user(http, world, "nurse")
    beta_doctor = await make_doctor(http, world, "beta")
    patient = await make_patient(http, desk, name="Valid Ation")
    beta_patient = await make_patient(http, world.headers("receptionist", "beta"), name="Beta Pt")
    day = fresh_day()
    base = {"patientId": patient["id"], "doctorId": doctor, "reason": "Check"}
    cases = [
        ({**base, **slot(day, 9, minutes=4)}, 422, "endsAt"),
        ({**base, **slot(day, 9, minutes=241)}, 422, "endsAt"),
        ({**base, "startsAt": "2031-03-03T09:00:00", "endsAt": "2031-03-03T09:30:00"}, 422, None),
        ({**base, **slot(day, 9), "reason": ""}, 422, "reason"),
        ({**base, **slot(day, 9), "status": "checked-in"}, 422, "status"),
        ({**base, **slot(day, 9), "doctorId": nurse["id"]}, 422, "doctorId"),
        ({**base, **slot(day, 9), "doctorId": beta_doctor}, 404, None),
        ({**base, **slot(day, 9), "patientId": beta_patient["id"]}, 404, None),
        (
            {**base, "startsAt": "2020-01-01T09:00:00Z", "endsAt": "2020-01-01T09:30:00Z"},
            422,
            "startsAt",
        ),
    ]
    for body, status, field in cases:
        r = await http.post("/api/v1/appointments", json=body, headers=desk)
        assert r.status_code == status, (body, r.text)
        if field:
            assert field in [e["field"] for e in r.json()["errors"]], r.text
    ok = await http.post(
        "/api/v1/appointments", json={**base, **slot(day, 9, minutes=240)}, headers=desk
    )
    assert ok.status_code == 201


async def test_permissions_of_each_endpoint(http, world: World) -> None:
    desk = world.headers("receptionist")
    doctor = await make_doctor(http, world)
    patient = await make_patient(http, desk, name="Perm Probe")
    appt = (
        await book(
            http, desk, patient_id=patient["id"], doctor_id=doctor, when=slot(fresh_day(), 9)
        )
    ).json()
    endpoints = [
        ("POST", "/api/v1/appointments", Permission.MANAGE_APPOINTMENTS),
        ("POST", f"/api/v1/appointments/{appt['id']}/reschedule", Permission.MANAGE_APPOINTMENTS),
        ("POST", f"/api/v1/appointments/{appt['id']}/cancel", Permission.MANAGE_APPOINTMENTS),
        ("POST", f"/api/v1/appointments/{appt['id']}/check-in", Permission.CHECKIN),
        ("GET", f"/api/v1/appointments?doctorId={doctor}", Permission.VIEW_PATIENTS),
        ("GET", f"/api/v1/appointments/{appt['id']}", Permission.VIEW_PATIENTS),
        ("GET", "/api/v1/doctors", Permission.VIEW_PATIENTS),
    ]
    for role in Role:
        for method, path, permission in endpoints:
            if permission in ROLE_PERMISSIONS[role]:
                continue
            r = await http.request(method, path, json={}, headers=world.headers(role))
            assert r.status_code == 403, (role, path, r.text)
            assert permission.value in r.json()["detail"]
    for role in ("receptionist", "doctor", "hospital_admin"):
        r = await book(
            http,
            world.headers(role),
            patient_id=(await make_patient(http, desk))["id"],
            doctor_id=doctor,
            when=slot(fresh_day(), 9),
        )
        assert r.status_code == 201, (role, r.text)


async def test_other_hospital_sees_nothing(http, world: World) -> None:
    desk = world.headers("receptionist")
    doctor = await make_doctor(http, world)
    patient = await make_patient(http, desk, name="Alpha Only")
    day = fresh_day()
    appt = (
        await book(http, desk, patient_id=patient["id"], doctor_id=doctor, when=slot(day, 9))
    ).json()
    beta = world.headers("receptionist", "beta")
    assert (await http.get(f"/api/v1/appointments/{appt['id']}", headers=beta)).status_code == 404
    listed = await http.get(
        f"/api/v1/appointments?doctorId={doctor}&date={day.isoformat()}", headers=beta
    )
    assert listed.status_code == 200 and listed.json()["items"] == []
    for action, body in (
        ("cancel", {"reason": "x"}),
        ("reschedule", slot(day, 11)),
        ("check-in", None),
    ):
        r = await http.post(f"/api/v1/appointments/{appt['id']}/{action}", json=body, headers=beta)
        assert r.status_code == 404, (action, r.text)
    # Booking alpha's doctor from beta is refused: the doctor is not beta's.
    other = await make_patient(http, beta, name="Beta Booker")
    r = await book(http, beta, patient_id=other["id"], doctor_id=doctor, when=slot(day, 13))
    assert r.status_code == 404
    alpha_doctors = (await http.get("/api/v1/doctors?pageSize=100", headers=desk)).json()
    beta_doctors = (await http.get("/api/v1/doctors?pageSize=100", headers=beta)).json()
    assert doctor in [d["id"] for d in alpha_doctors["items"]]
    assert doctor not in [d["id"] for d in beta_doctors["items"]]
    assert "doctor of beta" in [d["name"] for d in beta_doctors["items"]]
    assert "doctor of beta" not in [d["name"] for d in alpha_doctors["items"]]
    still = (await http.get(f"/api/v1/appointments/{appt['id']}", headers=desk)).json()
    assert still["status"] == "booked"


async def test_writes_and_reads_are_audited(http, world: World, db: Database) -> None:
    desk = world.headers("receptionist")
    doctor = await make_doctor(http, world)
    patient = await make_patient(http, desk, name="Audit Appointments")
    day = fresh_day()
    appt = (
        await book(http, desk, patient_id=patient["id"], doctor_id=doctor, when=slot(day, 9))
    ).json()
    await http.post(
        f"/api/v1/appointments/{appt['id']}/reschedule", json=slot(day, 10), headers=desk
    )
    await http.get(
        f"/api/v1/appointments?doctorId={doctor}&date={day.isoformat()}",
        headers=world.headers("nurse"),
    )
    # Moved to today, when the patient comes: check-in is open on the appointment's day only.
    await http.post(f"/api/v1/appointments/{appt['id']}/reschedule", json=now_slot(), headers=desk)
    async with hospital_in_zone(http, world, midday_zone()):
        checked_in = await http.post(f"/api/v1/appointments/{appt['id']}/check-in", headers=desk)
    assert checked_in.status_code == 200, checked_in.text
    denied = await book(
        http,
        world.headers("pharmacist"),
        patient_id=patient["id"],
        doctor_id=doctor,
        when=slot(day, 12),
    )
    assert denied.status_code == 403
    # patient.create, book, reschedule twice, encounter.open, check-in, and the batched list row
    rows = await audit_rows(db, "hospital_alpha", patient["id"], want=7)
    for expected in (
        ("appointment.book", "ok", "receptionist"),
        ("appointment.reschedule", "ok", "receptionist"),
        ("appointment.list", "ok", "nurse"),
        ("encounter.open", "ok", "receptionist"),
        ("appointment.check-in", "ok", "receptionist"),
    ):
        assert expected in rows, (expected, rows)
    assert await audit_rows(db, "hospital_beta", patient["id"]) == []
