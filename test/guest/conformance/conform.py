# SPDX-License-Identifier: GPL-2.0
"""
conform.py - runs the conformance cases (cases_*.py) against the bench that
`run` built, or with --table prints the case table (cases.md), or with --list
the name of every case ("conformance/<case>", one a line) that --only keeps:
the host derives the names the guest must print from it.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import glob  # noqa: E402
import importlib  # noqa: E402
import harness  # noqa: E402

# Every cases_*.py registers its cases on import, in file name order.
for _f in sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases_*.py"))):
    importlib.import_module(os.path.basename(_f)[:-3])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--table", action="store_true")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--client")
    ap.add_argument("--server")
    ap.add_argument("--macs")
    ap.add_argument("--only")
    a = ap.parse_args()
    if a.table:
        sys.stdout.write(harness.table())
        return 0
    if a.list:
        for name in harness.selected(a.only):
            print(name)
        return 0
    macs = dict(kv.split("=") for kv in a.macs.split(","))
    bench = harness.Bench(a.client, a.server, macs)
    try:
        bench.setup()
    except harness.Failure as e:
        print("FAIL: conformance/setup")
        print("    %s" % e)
        return 1
    return 1 if harness.run_all(bench, a.only) else 0


if __name__ == "__main__":
    sys.exit(main())
