"""Run one command and report its wall time and peak RSS (the largest of it and its descendants).

    python benchmarks/measure.py CMD [ARG ...]   →   BENCH {"seconds": …, "peak_rss_mb": …, "returncode": …}

The wrapper is a process of its own so that RUSAGE_CHILDREN covers only the command it ran (LibreOffice's
``soffice`` is a launcher that starts ``soffice.bin``: its descendants count too). The time is measured
here, around the command only, so the wrapper's own start-up is not counted.
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

if __name__ == "__main__":
    t0 = time.monotonic()
    proc = subprocess.run(sys.argv[1:], capture_output=True, text=True)
    seconds = time.monotonic() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kilobytes on Linux
    print("BENCH " + json.dumps({"seconds": seconds, "peak_rss_mb": peak_kb / 1024, "returncode": proc.returncode,
                                 "stderr": proc.stderr[-2000:], "stdout": proc.stdout[-2000:]}), flush=True)
