#!/usr/bin/env python3
"""Steps per second of the report's L=1 loop in plain PyTorch (CPU, float32, one thread): the baseline the fused engine's
speed is quoted against.

Per row, as the report trains: zero_grad; forward one step (seq 1, batch 1) of nn.LSTM(5, 64) + nn.Linear(64, 1) with the
carried (h, c); MSELoss; backward; clip_grad_norm_(1.0); Adam step; detach (h, c). The row values do not change the cost,
so the rows are random. Prints one JSON line: steps, wall seconds and steps per wall second, CPU seconds (process time, which on a shared
machine is the time the loop actually ran) and steps per CPU second, torch version, threads.
"""
import argparse
import json
import time

import torch
from torch import nn


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    lstm = nn.LSTM(5, a.hidden, num_layers=1)
    fc = nn.Linear(a.hidden, 1)
    params = list(lstm.parameters()) + list(fc.parameters())
    opt = torch.optim.Adam(params, lr=1e-3)
    loss_fn = nn.MSELoss()
    xs = torch.randn(a.steps + a.warmup, 1, 1, 5)
    ys = torch.randn(a.steps + a.warmup, 1, 1, 1)
    h = torch.zeros(1, 1, a.hidden)
    c = torch.zeros(1, 1, a.hidden)
    start = cpu_start = None
    for r in range(a.steps + a.warmup):
        if r == a.warmup:
            start = time.perf_counter()
            cpu_start = time.process_time()
        opt.zero_grad()
        out, (h, c) = lstm(xs[r], (h, c))
        loss = loss_fn(fc(out), ys[r])
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        h, c = h.detach(), c.detach()
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    print(json.dumps({"steps": a.steps, "seconds": seconds, "steps_per_second": a.steps / seconds,
                      "cpu_seconds": cpu_seconds, "steps_per_cpu_second": a.steps / cpu_seconds,
                      "torch": torch.__version__, "threads": a.threads}))


if __name__ == "__main__":
    main()
