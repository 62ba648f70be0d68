"""Progress, baselines, earned value, earned schedule, S-curve and DCMA through the Python
binding (the same hand-worked cases as core/tests/control.rs and core/tests/dcma.rs)."""

from datetime import date, datetime

import pytest

import planix

D = 480


def two_tasks():
    """A (5 d, 5,000) → B (5 d, 10,000) from Mon 4 Jan 2027."""
    p = planix.Project("evm", datetime(2027, 1, 4, 8))
    a = p.add_task("A", duration=5 * D)
    b = p.add_task("B", duration=5 * D)
    p.set_cost(a, fixed_cost=5_000)
    p.set_cost(b, fixed_cost=10_000)
    p.link(a, b)
    return p, a, b


def evm_project(b_pct=25):
    """Two tasks; baseline Mon 4 – Fri 15 Jan; status Mon 11 17:00."""
    p, a, b = two_tasks()
    p.save_baseline(0, date(2027, 1, 1))
    p.set_status_date(datetime(2027, 1, 11, 17))
    p.set_progress(a, actual_start=datetime(2027, 1, 4, 8), actual_finish=datetime(2027, 1, 8, 17), percent_complete=100, actual_cost=6_000)
    if b_pct:
        p.set_progress(b, actual_start=datetime(2027, 1, 11, 8), percent_complete=b_pct, actual_cost=2_000)
    return p, a, b


def test_earned_value_and_schedule_hand_worked():
    p, a, b = evm_project()
    r = p.earned_value()
    f = r["project"]
    # PV 5,000 + 2,000; EV 5,000 + 2,500; AC 8,000 → CPI 0.9375, EAC = BAC / CPI = 16,000.
    assert (f["bac"], f["pv"], f["ev"], f["ac"]) == (15_000, 7_000, 7_500, 8_000)
    assert f["cpi"] == pytest.approx(0.9375) and f["eac_cpi"] == pytest.approx(16_000)
    es = r["earned_schedule"]
    # ES = 6 + (7,500 − 7,000) / (9,000 − 7,000) = 6.25 days; IEAC(t) = 10 / (6.25 / 6) = 9.6.
    assert es["es"] == pytest.approx(6.25) and es["ieac_t"] == pytest.approx(9.6)
    assert es["forecast_finish"] == datetime(2027, 1, 15, 13, 48)
    t = p.earned_value_table().to_pandas()
    assert list(t["name"]) == ["A", "B"] and list(t["ev"]) == [5_000, 2_500]
    curve = p.s_curve(period="week").rows
    assert [(c["pv"], c["ev"], c["ac"]) for c in curve] == [(5_000, 5_000, 6_000), (15_000, 7_500, 8_000)]


def test_reschedule_variance_and_bad_progress():
    p = planix.Project("p", datetime(2027, 1, 4, 8))
    a = p.add_task("A", duration=4 * D)
    b = p.add_task("B", duration=4 * D)
    p.link(a, b)
    p.save_baseline()
    assert p.baselines == [0]
    p.set_status_date(datetime(2027, 1, 6, 17))
    p.set_progress(a, actual_start=datetime(2027, 1, 4, 8), percent_complete=50)
    s = p.reschedule()
    # Three days worked, two remain from the status date (Thu, Fri); B Mon 11 – Thu 14.
    assert str(s.finish) == "2027-01-14 17:00:00"
    v = p.variance()
    assert v["finish_variance"] == D and v["slipped_tasks"] == [a, b]
    vt = p.variance_table().to_pandas()
    assert list(vt["finish_variance"]) == [D, D]
    with pytest.raises(planix.ModelError):
        p.set_progress(a, percent_complete=101)
    with pytest.raises(planix.ModelError):
        p.set_progress(a, actual_start=datetime(2027, 1, 7, 8), percent_complete=10)  # after the status date
    with pytest.raises(planix.ModelError):
        p.set_status_date(datetime(2027, 1, 1, 8))  # before the start
    with pytest.raises(planix.ControlError):
        p.variance(5)
    back = planix.Project.from_json(p.to_json())
    assert back.to_json() == p.to_json()


def test_dcma_table():
    pd = pytest.importorskip("pandas")
    p, _, _ = evm_project()
    df = p.dcma().to_pandas()
    assert list(df["number"]) == list(range(1, 15))
    logic = df.set_index("name").loc["Logic"]
    assert logic["value"] == 0.0 and bool(logic["pass"])
    assert isinstance(df, pd.DataFrame)


def test_health_and_status_report():
    p, a, b = evm_project()
    reg = planix.RiskRegister()
    reg.add("R1", "Vendor fails")
    reg.assess("R1", 0.6, 4, date=date(2027, 1, 4))
    h = p.health(risks=reg)
    # CPI 0.9375 < 0.95 (amber); an unowned high risk without response (red).
    assert [(f["rule"], f["severity"]) for f in h["findings"]] == [("cpi", "warning"), ("risk_unowned", "critical")]
    assert h["overall"] == "red"
    assert "risk_unowned" in planix.HEALTH_RULES
    assert p.health(risks=reg, disabled=["cpi", "risk_unowned"])["overall"] == "green"
    md = p.status_report(risks=reg)
    assert "**Overall: RED**" in md and "## Top risks" in md


def test_baseline_timephased_by_week():
    """A (5 d, fixed 5,000) → B (5 d, fixed 10,000) with Ana (100/h) on B: week 1 is A's
    5,000; week 2 is B's 10,000 own cost and Ana's 40 h × 100 = 4,000."""
    p, a, b = two_tasks()
    ana = p.add_resource("Ana", standard_rate=100)
    p.assign(b, ana)
    p.save_baseline(1)
    rows = p.baseline_timephased(1, period="week").rows
    got = [(r["task"], r["resource"], r["period"], r["work"], r["cost"]) for r in rows]
    assert got == [
        (a, None, date(2027, 1, 4), 0, 5_000),
        (b, None, date(2027, 1, 11), 0, 10_000),
        (b, ana, date(2027, 1, 11), 40, 4_000),
    ]
    with pytest.raises(planix.ControlError):
        p.baseline_timephased(7)
    with pytest.raises(ValueError):
        p.baseline_timephased(1, period="fortnight")
