"""`kodefag bench hub` reports a run in which some pupils never got a kernel, instead of breaking off."""
import math

from kodefag.hub import bench


def result(cold, cold_failed, warm, warm_failed=(), pupils=4):
    return {"pupils": pupils, "cold": cold, "warm": warm, "cold_failed": list(cold_failed),
            "warm_failed": list(warm_failed), "cpu": 2.0, "hub_cpu": 0.1, "pss": 150.0, "retries": 1}


def test_failed_pupils_are_counted_and_slower_than_everyone_done():
    stock = result([10.0, 11.0, 12.0, 13.0], [], [1.0, 1.0, 1.0, 1.0])
    ours = result([5.0, 6.0, 7.0], ["elev9x04: not done after 600 s"], [0.5, 0.6, 0.7])
    text = bench.report({"stock JupyterHub": stock, "kodefag": ours}, highest_load=9.5, load_before=4.0)
    assert "| kodefag | cold | 7.0 | failed | failed | 3 of 4 |" in text
    assert "| stock JupyterHub | cold | 12.0 | 13.0 | 13.0 | 4 of 4 |" in text
    assert "cold, all 4 done after - s" not in text and "(target <= 30 s: not met)" in text
    assert "- kodefag, cold: elev9x04: not done after 600 s" in text
    assert "4 pupils (not the class of 28" in text
    assert "load average when the run started: 4.0" in text and "9.5" in text


def test_a_side_with_no_server_at_all_still_reports():
    nothing = result([], ["a: x", "b: x"], [], pupils=2)
    nothing["cpu"] = nothing["pss"] = math.nan
    stock = result([3.0, 4.0], [], [1.0, 1.0], pupils=2)
    text = bench.report({"stock JupyterHub": stock, "kodefag": nothing}, highest_load=1.0, load_before=1.0)
    assert "| kodefag | cold | failed | failed | failed | 0 of 2 |" in text
    assert "CPU per pupil -" in text and "about - active pupils" in text
