#!/usr/bin/env python3
"""Peer for bench/mann_kendall.sh: pymannkendall original test, Hamed-Rao test and Sen slope
on one value per line of FILE. Prints one JSON line."""
import json
import sys
import time

import numpy as np
import pymannkendall as mk

x = np.loadtxt(sys.argv[1])
t0 = time.perf_counter()
o = mk.original_test(x)
h = mk.hamed_rao_modification_test(x)
s = mk.sens_slope(x)
print(json.dumps({"tool": "pymannkendall", "n": len(x), "seconds": time.perf_counter() - t0, "s": float(o.s), "p": float(o.p), "hr_p": float(h.p), "sen": float(s.slope)}))
