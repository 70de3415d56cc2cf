#!/usr/bin/env python3
"""Reference trace of torch.optim.lr_scheduler.ReduceLROnPlateau (the installed PyTorch, 1.13 on Debian).

Usage: plateau_reference.py JSON
JSON: {"lr": 0.001, "factor": 0.1, "patience": 10, "threshold": 1e-4, "threshold_mode": "rel",
       "cooldown": 0, "min_lr": 0.0, "eps": 1e-8, "metrics": [0.3, 0.4, ...]}
Prints one JSON object: {"torch": version, "steps": [{"lr", "best", "num_bad_epochs", "cooldown_counter"}, ...]},
one entry per metric (non-finite numbers as the strings "NaN", "Infinity"), read after each scheduler.step(metric). Metric values may be "nan", "inf".
"""
import json
import sys

import torch


def number(x):
    """JSON has no NaN or infinity: write them as the strings .NET reads with AllowNamedFloatingPointLiterals."""
    x = float(x)
    if x != x:
        return "NaN"
    if x in (float("inf"), float("-inf")):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def main():
    spec = json.loads(sys.argv[1])
    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=spec["lr"])
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(
        optimizer, mode="min", factor=spec["factor"], patience=spec["patience"],
        threshold=spec["threshold"], threshold_mode=spec["threshold_mode"],
        cooldown=spec["cooldown"], min_lr=spec["min_lr"], eps=spec["eps"])
    steps = []
    for metric in spec["metrics"]:
        scheduler.step(float(metric))
        steps.append({
            "lr": optimizer.param_groups[0]["lr"],
            "best": number(scheduler.best),
            "num_bad_epochs": scheduler.num_bad_epochs,
            "cooldown_counter": scheduler.cooldown_counter,
        })
    print(json.dumps({"torch": torch.__version__, "steps": steps}, allow_nan=False))


if __name__ == "__main__":
    main()
