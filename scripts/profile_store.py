#!/usr/bin/env python3
"""Where the time of a study went: one line per group of runs in a run store (docs/grid.md), from their history.json.

usage: python3 scripts/profile_store.py STUDY/runs

A group is the runs' folder names without "-seed-N" (or the sweep's "_seed=N"), i.e. the experiment, sweep learning rate or
matrix cell that first trained them. Per group: runs, engine, hidden size, rows per epoch, epochs trained, and the seconds
the runs spent advancing (each epoch records only its own run's time, training and frozen passes together; on a busy
machine that is close to its CPU time).
"""
import json
import os
import re
import sys
from collections import defaultdict


def group_of(name):
    name = re.sub(r"-seed-\d+$", "", name)
    return re.sub(r"_seed=\d+", "", name)


def main():
    if len(sys.argv) < 2 or not os.path.isdir(sys.argv[1]):
        sys.exit("usage: profile_store.py STORE")
    store = sys.argv[1]
    groups = defaultdict(lambda: {"runs": 0, "epochs": 0, "seconds": 0.0, "rows": 0, "engine": set(), "hidden": set(), "window": set()})
    for name in sorted(os.listdir(store)):
        path = os.path.join(store, name, "history.json")
        if not os.path.isfile(path):
            continue
        with open(path) as f:
            h = json.load(f)
        c = h["config"]
        g = groups[group_of(name)]
        g["runs"] += 1
        g["epochs"] += len(h["epochs"])
        g["seconds"] += sum(e["seconds"] for e in h["epochs"])
        g["rows"] = h["trainData"]["rows"]
        g["engine"].add(h["environment"]["engine"])
        g["hidden"].add(c["hiddenSize"])
        g["window"].add(c.get("window", 1))
    print(f"| runs of | runs | engine | H | L | rows/epoch | epochs trained | seconds |")
    print(f"|---|---|---|---|---|---|---|---|")
    total = 0.0
    for key, g in sorted(groups.items(), key=lambda kv: -kv[1]["seconds"]):
        total += g["seconds"]
        print(f"| {key} | {g['runs']} | {'/'.join(sorted(g['engine']))} | {'/'.join(map(str, sorted(g['hidden'])))} | "
              f"{'/'.join(map(str, sorted(g['window'])))} | {g['rows']:,} | {g['epochs']} | {g['seconds']:.1f} |")
    print(f"| **all** | {sum(g['runs'] for g in groups.values())} | | | | | {sum(g['epochs'] for g in groups.values())} | **{total:.1f}** |")


if __name__ == "__main__":
    main()
