"""Benchmark: literacy.finance.rates.solver.periodic_irr vs numpy_financial.irr.

A 360-payment mortgage stream (200,000 at 6 % → 1,199.10 a month) plus a few
variants; prints both timings, the speed ratio and the largest difference.
Run: .venv/bin/python bench/bench_apr.py
"""

import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy_financial as npf  # noqa: E402

from literacy.finance.rates.solver import periodic_irr  # noqa: E402

STREAMS = [
    [Decimal(200000)] + [Decimal("-1199.10")] * 360,
    [Decimal(195000)] + [Decimal("-1199.10")] * 360,
    [Decimal(100000)] + [Decimal("-900.00")] * 359 + [Decimal("-5000")],
    [Decimal(50000)] + [Decimal("-450.25")] * 360,
]
REPEAT = 20


def timed(fn, flows):
    start = time.perf_counter()
    for _ in range(REPEAT):
        result = fn(flows)
    return (time.perf_counter() - start) / REPEAT, result


def main() -> None:
    ours_total = theirs_total = 0.0
    max_diff = 0.0
    for flows in STREAMS:
        floats = [float(x) for x in flows]
        t_ours, ours = timed(periodic_irr, flows)
        t_fast, _ = timed(lambda f: periodic_irr(f, polish=False), flows)
        t_np, theirs = timed(npf.irr, floats)
        ours_total += t_ours
        theirs_total += t_np
        diff = abs(float(ours) - float(theirs))
        max_diff = max(max_diff, diff)
        print(
            f"n={len(flows) - 1}: ours {t_ours * 1e3:.3f} ms (float only {t_fast * 1e3:.3f} ms)"
            f"  numpy_financial.irr {t_np * 1e3:.3f} ms  ratio {t_np / t_ours:.1f}x"
            f"  diff {diff:.2e}"
        )
    print(
        f"total: ours {ours_total * 1e3:.3f} ms, numpy_financial {theirs_total * 1e3:.3f} ms, "
        f"ratio {theirs_total / ours_total:.1f}x, max |difference| {max_diff:.2e}"
    )


if __name__ == "__main__":
    main()
