"""Risk register, matrix, EMV, alerts, exposure, CSV/JSON and the risk-adjusted
forecast through the Python binding. Expected numbers are worked by hand in comments."""

from datetime import date, datetime

import pytest

import planix

D = 480  # working minutes per day on the standard calendar


def register():
    reg = planix.RiskRegister()
    reg.add("R1", "Key developer leaves", owner="Delivery lead", category="People")
    reg.add("R2", "Client approvals late", tasks=[])
    reg.add("O1", "Reuse the client's test suite", kind="opportunity")
    reg.assess("R1", 0.3, 4, date=date(2027, 2, 1), cost=20_000)
    reg.assess("R2", 0.6, 3, date=date(2027, 2, 1), cost=8_000)
    reg.assess("O1", 0.5, 2, date=date(2027, 2, 1), cost=6_000)
    return reg


def test_emv_scores_ratings_hand_worked():
    reg = register()
    # EMV = P × cost; threats negative: −6,000, −4,800, +3,000 → net −7,800.
    assert reg.emv("R1") == pytest.approx(-6_000)
    assert reg.total_emv() == pytest.approx({"threats": -10_800, "opportunities": 3_000, "net": -7_800})
    # Default 5×5: "Possible" (30–50%) × 4 → high; "Likely" × 3 → high; P×I 1.2 and 1.8.
    assert reg.rating("R1") == "high"
    assert reg.score("R2") == pytest.approx(1.8)
    assert reg.top(2) == ["R2", "R1"]
    assert len(reg) == 3 and reg.ids == ["R1", "R2", "O1"]


def test_dimensions_matrix_heatmap_and_custom_matrix():
    reg = planix.RiskRegister()
    reg.add("R1", "Legacy ERP integration")
    reg.assess("R1", 0.35, date=date(2027, 1, 4), impacts={"schedule": 4, "cost": 3})
    assert reg.get("R1")["inherent"]["impact"] == 4
    cell = next(c for c in reg.heatmap() if c["risks"])
    assert (cell["probability_label"], cell["impact_label"], cell["rating"]) == ("Possible", "High", "high")
    m = reg.matrix
    m["scoring"] = "matrix"
    band = planix.RiskRegister(matrix=m)
    band.add("R1", "x")
    band.assess("R1", 0.35, 4, date=date(2027, 1, 4))
    assert band.score("R1") == 12.0  # band 3 × impact 4
    with pytest.raises(planix.RiskError):
        planix.RiskRegister(matrix={**m, "cells": m["cells"][:-1]})
    with pytest.raises(ValueError):
        reg.assess("R1", 0.3, date=date(2027, 1, 4), impacts={"mood": 2})


def test_bad_input_is_typed_and_changes_nothing():
    reg = register()
    before = reg.to_json()
    with pytest.raises(planix.RiskError) as e:
        reg.assess("R1", 1.5, 3, date=date(2027, 2, 2))
    assert e.value.risk == "R1"
    with pytest.raises(planix.RiskError):
        reg.assess("R1", 0.5, 9, date=date(2027, 2, 2))
    with pytest.raises(planix.RiskError) as e:
        reg.assess("nope", 0.5, 3, date=date(2027, 2, 2))
    assert e.value.risk == "nope"
    with pytest.raises(planix.RiskError):
        reg.add("R1", "duplicate")
    with pytest.raises(planix.RiskError):
        reg.respond("R1", "exploit")  # an opportunity strategy on a threat
    with pytest.raises(ValueError):
        reg.respond("R1", "mitigate", [{"description": "x", "ownr": "typo"}])
    with pytest.raises(ValueError):
        reg.add("R9", "x", kind="danger")
    assert reg.to_json() == before


def test_responses_alerts_and_status():
    reg = register()
    reg.respond(
        "R2",
        "mitigate",
        [{"description": "Weekly approval slot", "owner": "PM", "due": date(2027, 2, 20), "cost": 500}],
    )
    alerts = reg.alerts(date(2027, 3, 1))
    kinds = [(a["type"], a["risk"]) for a in alerts]
    assert kinds == [
        ("high_without_response", "R1"),
        ("high_without_owner", "R2"),
        ("action_overdue", "R2"),
    ]
    reg.set_status("R1", "closed", date(2027, 3, 1))
    assert reg.get("R1")["closed"] == date(2027, 3, 1)
    assert all(a["risk"] != "R1" for a in reg.alerts(date(2027, 3, 1)))


def test_exposure_follows_history():
    reg = planix.RiskRegister()
    reg.add("T1", "Legacy interface", identified=date(2027, 1, 4))
    reg.assess("T1", 0.5, 3, date=date(2027, 1, 4), cost=10_000)
    reg.assess("T1", 0.2, 3, date=date(2027, 2, 1), cost=10_000, residual=True)
    e = reg.exposure(date(2027, 1, 1), date(2027, 2, 28), "month")
    # 1 Jan: not yet identified; 1 Feb: residual 20% × 10,000.
    assert [(x["date"], x["open"], x["threats"]) for x in e] == [
        (date(2027, 1, 1), 0, 0.0),
        (date(2027, 2, 1), 1, -2_000.0),
    ]


def test_csv_and_json_round_trip():
    reg = register()
    reg.add("R3", 'ERP "legacy", phase 2', tasks=[4, 7], triggers=["No API docs", "Vendor silent"])
    reg.assess("R3", 0.4, 5, date=date(2027, 2, 1), cost=30_000, delay=(2 * D, 5 * D, 15 * D), distribution="triangular")
    text = reg.to_csv()
    assert planix.RiskRegister.from_csv(text, date(2027, 2, 1)) == reg
    assert planix.RiskRegister.from_json(reg.to_json()) == reg
    header = text.splitlines()[0]
    with pytest.raises(planix.RiskError) as e:
        planix.RiskRegister.from_csv(header + "\nR9,T,danger" + "," * (header.count(",") - 2), date(2027, 2, 1))
    assert (e.value.row, e.value.column) == (1, "kind")


def test_to_pandas():
    pd = pytest.importorskip("pandas")
    df = register().to_pandas()
    assert list(df.index) == ["R1", "R2", "O1"]
    assert df.loc["R1", "emv"] == pytest.approx(-6_000)
    assert df.loc["R2", "rating"] == "high"
    assert isinstance(df, pd.DataFrame)


def network():
    """A (5 d) → B (5 d); C (2 d) in parallel with 8 days of float."""
    p = planix.Project("p", datetime(2027, 1, 4, 8))
    a = p.add_task("A", duration=5 * D)
    b = p.add_task("B", duration=5 * D)
    c = p.add_task("C", duration=2 * D)
    p.link(a, b)
    return p, a, c


def test_forecast_hand_worked():
    p, a, c = network()
    reg = planix.RiskRegister()
    reg.add("RC", "Test rig late", tasks=[c])
    reg.add("RA", "Legacy API", tasks=[a])
    reg.assess("RA", 0.5, 3, date=date(2027, 1, 4), cost=10_000, delay=(2 * D, 2 * D, 2 * D), distribution="fixed")
    reg.assess("RC", 0.5, 2, date=date(2027, 1, 4), delay=(3 * D, 3 * D, 3 * D), distribution="fixed")
    f = reg.forecast(p, iterations=4_000, seed=3)
    # Planned finish Fri 15 Jan 17:00; RA (50%) on the critical path adds 2 working days.
    assert f.percentile_without_risks(80) == datetime(2027, 1, 15, 17)
    assert f.percentile(80) == datetime(2027, 1, 19, 17)
    assert [b["id"] for b in f.tornado] == ["RA", "RC"]
    assert f.tornado[0]["finish_shift"] == 2 * D
    r = f.reserve
    assert (r["emv"], r["schedule"], r["schedule_from_risks"], r["cost"]) == (5_000.0, 2 * D, 2 * D, 10_000.0)
    assert f.simulation.iterations == 4_000
    # Same seed, same bytes.
    assert reg.forecast(p, iterations=4_000, seed=3).to_json() == f.to_json()
    reg.add("RX", "Ghost", tasks=[99])
    with pytest.raises(planix.RiskError) as e:
        reg.forecast(p, iterations=10)
    assert e.value.risk == "RX"
