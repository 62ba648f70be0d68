"""Writes the planix JSON files of the loading benchmark (BENCHMARKS.md, "Loading and
validating large plans"): `python3 benches/gen_load.py SHAPE N OUT.json`.

Shapes: `flat` (`{"id":N,"name":"T"}` only), `chain` (one FS link per task), `wbs` (a
summary per 100 tasks, two links per leaf), `deep` (each task the parent of the next).
"""

import sys

HEAD = (
    '{"format":"planix","version":1,"name":"p",'
    '"schedule_from":{"start":"2027-03-01T08:00:00"},"calendar":1,'
    '"calendars":{"1":{"name":"S","week":{"monday":["08:00-17:00"]},'
    '"minutes_per_day":480,"minutes_per_week":2400}},'
)


def main() -> None:
    shape, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    tasks, links = [], []
    if shape == "flat":
        tasks = ['{"id":%d,"name":"T"}' % i for i in range(1, n + 1)]
    elif shape == "chain":
        tasks = ['{"id":%d,"name":"T"}' % i for i in range(1, n + 1)]
        links = [(i, i + 1) for i in range(1, n)]
    elif shape == "deep":
        tasks = ['{"id":1,"name":"T"}'] + [
            '{"id":%d,"name":"T","parent":%d}' % (i, i - 1) for i in range(2, n + 1)
        ]
    elif shape == "wbs":
        leaves = []
        for i in range(1, n + 1):
            if i % 100 == 1:
                tasks.append('{"id":%d,"name":"S"}' % i)
                summary = i
            else:
                tasks.append('{"id":%d,"name":"T","parent":%d}' % (i, summary))
                leaves.append(i)
        for k, leaf in enumerate(leaves):
            for back in (1, 2):
                if k >= back:
                    links.append((leaves[k - back], leaf))
    else:
        sys.exit(f"unknown shape {shape!r}: flat, chain, wbs or deep")
    with open(out, "w") as f:
        f.write(HEAD + '"tasks":[' + ",".join(tasks) + "]")
        if links:
            f.write(
                ',"dependencies":['
                + ",".join('{"predecessor":%d,"successor":%d}' % l for l in links)
                + "]"
            )
        f.write("}")


if __name__ == "__main__":
    main()
