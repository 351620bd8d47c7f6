"""One step of a Python user's work per process, with its time and the
process's peak memory (getrusage): what BENCHMARKS.md's before-and-after
table of the Python package measures. Run each step in a fresh process, with
the package to measure installed (a release wheel):

    binhdang sample --scale country --out /tmp/vn
    for step in to_pandas progress dicts validate_loop batch; do
        python tests/bench/python_steps.py $step /tmp/vn
    done
"""
from __future__ import annotations

import json
import pathlib
import resource
import sys
import time

import binhdang

AS_OF = "2026-12-20"
LAI_CHAU = pathlib.Path(__file__).resolve().parents[2] / "examples" / "lai-chau-2024"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    step, data = sys.argv[1], pathlib.Path(sys.argv[2])
    if step == "to_pandas":
        # The path a user takes: a folder Path in, a DataFrame out.
        t = time.perf_counter()
        s = binhdang.aggregate(data / "plan.json", data / "reports", AS_OF)
        t1 = time.perf_counter()
        df = s.to_pandas()
        t2 = time.perf_counter()
        print(f"aggregate {t1 - t:.2f} s, to_pandas {t2 - t1:.2f} s, rows {len(df)}, peak {peak_mb():.0f} MB")
    elif step == "progress":
        s = binhdang.aggregate(data / "plan.json", data / "reports", AS_OF)
        t = time.perf_counter()
        df = s.to_pandas("progress")
        print(f"to_pandas('progress') {time.perf_counter() - t:.2f} s, rows {len(df)}, peak {peak_mb():.0f} MB")
    elif step == "dicts":
        plan = json.loads((data / "plan.json").read_text(encoding="utf-8"))
        reports = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((data / "reports").glob("*.json"))]
        t = time.perf_counter()
        s = binhdang.aggregate(plan, reports, AS_OF)
        t1 = time.perf_counter()
        df = s.to_pandas()
        print(f"from dicts: aggregate {t1 - t:.2f} s, to_pandas {time.perf_counter() - t1:.2f} s, rows {len(df)}, peak {peak_mb():.0f} MB")
    elif step == "validate_loop":
        plan = json.loads((LAI_CHAU / "plan.json").read_text(encoding="utf-8"))
        reports = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((LAI_CHAU / "reports").glob("*.json"))]
        checker = binhdang.Checker(plan)

        def per_call(call: object) -> float:
            best = float("inf")
            for _ in range(5):
                t = time.perf_counter()
                for _ in range(20):
                    for r in reports:
                        call(r)  # type: ignore[operator]
                best = min(best, (time.perf_counter() - t) / (20 * len(reports)))
            return best * 1e6

        plain = per_call(lambda r: binhdang.validate_report(r, plan, as_of="2025-01-15"))
        kept = per_call(lambda r: checker.validate_report(r, as_of="2025-01-15"))
        print(f"validate_report(dict, plan dict) {plain:.0f} us/call; Checker.validate_report(dict) {kept:.0f} us/call")
    elif step == "batch":
        plan = json.loads((data / "plan.json").read_text(encoding="utf-8"))
        reports = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((data / "reports").glob("*.json"))]
        best = float("inf")
        for _ in range(3):
            t = time.perf_counter()
            binhdang.validate_reports(reports, plan, as_of=AS_OF)
            best = min(best, time.perf_counter() - t)
        print(f"validate_reports of {len(reports):,} dicts {best:.2f} s")
    else:
        raise SystemExit(f"unknown step {step!r}")


if __name__ == "__main__":
    main()
