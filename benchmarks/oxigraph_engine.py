"""Named queries on the embedded store, timed in a child process that can be stopped.

``python -m benchmarks.oxigraph_engine STORE RUNS BUDGET VALUES NAME...`` opens the store read-only
(as the explorer and `contractkg query` do) and runs each named query through the project's runner,
``RUNS`` times or until it has used ``BUDGET`` seconds; VALUES is a JSON object of parameter values
per query. It prints a JSON line when a query starts, after each run and when a query is done, so
the parent can stop it when a query runs past its timeout (an Oxigraph query cannot be interrupted
from Python), keep the runs that finished, and go on with the next query in a new child.
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path
from time import perf_counter

from contractkg.queries import runner
from contractkg.store.embedded import EmbeddedStore


def main(argv: list[str]) -> int:
    store_path, runs, budget, values = Path(argv[0]), int(argv[1]), float(argv[2]), json.loads(argv[3])
    store = EmbeddedStore(store_path, read_only=True)
    for name in argv[4:]:
        print(json.dumps({"start": name}), flush=True)
        start = perf_counter()
        try:
            for _ in range(runs):
                t0 = perf_counter()
                res = runner.run(store, name, values.get(name, {}))
                rows = len(res.rows) if res.kind == "select" else len(res.triples or [])
                print(json.dumps({"run": perf_counter() - t0, "rows": rows}), flush=True)
                if perf_counter() - start > budget:
                    break
            line: dict[str, object] = {"done": name}
        except Exception as e:  # noqa: BLE001 - a benchmark reports, it does not crash
            line = {"done": name, "error": f"{type(e).__name__}: {e}"[:300]}
        line["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        print(json.dumps(line), flush=True)
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
