#!/usr/bin/env python3
"""The report's L=1 loop in plain PyTorch (CPU, float32, one thread) on the rows and initial weights freqlab bench hands it;
prints one JSON line with its speed. Run by `freqlab bench` with Debian's /usr/bin/python3 (python3-torch).

Per row, as the report trains: zero_grad; forward one step (seq 1, batch 1) of nn.LSTM(I, H) + nn.Linear(H, 1) with the carried
(h, c); MSELoss; backward; clip_grad_norm_(1.0); Adam step; detach (h, c). Rows are used in order, cyclically.
With --window L > 1, truncated BPTT as scripts/trainer_reference.py trains it: per window of L rows, zero_grad; forward the
rows as one (L, 1, I) sequence from the carried (h, c); MSELoss over the window (its mean); backward through the L steps;
clip_grad_norm_(1.0); Adam step; detach. --steps then counts rows (whole windows; the row count must be a multiple of L).

Inputs (raw little-endian float32 files written by freqlab): --rows FILE holds N rows of I inputs followed by N targets;
--weights FILE holds the parameters in PyTorch's model.parameters() order (lstm.weight_ih_l0, weight_hh_l0, bias_ih_l0,
bias_hh_l0, fc.weight, fc.bias). Output: steps, wall and CPU seconds (process time: on a shared machine, the time the loop
actually ran), steps per wall and per CPU second, mean loss of the timed steps, peak resident set (ru_maxrss), torch version.
"""
import argparse
import json
import resource
import time

import numpy as np
import torch
from torch import nn

from reference_model import Model


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", required=True)
    ap.add_argument("--row-count", type=int, required=True)
    ap.add_argument("--weights", required=True)
    ap.add_argument("--input-size", type=int, default=5)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--steps", type=int, default=4000)
    ap.add_argument("--warmup", type=int, default=400)
    ap.add_argument("--warmup-seconds", type=float, default=1.0)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--window", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(1)

    n, i, h = a.row_count, a.input_size, a.hidden
    raw = np.fromfile(a.rows, dtype="<f4")
    if raw.size != n * (i + 1):
        raise SystemExit(f"{a.rows}: {raw.size} floats, expected {n} rows of {i} inputs + {n} targets")
    xs = torch.from_numpy(raw[: n * i].reshape(n, 1, 1, i).copy())
    ys = torch.from_numpy(raw[n * i:].reshape(n, 1, 1, 1).copy())
    L = a.window
    if L < 1 or n % L != 0:
        raise SystemExit(f"--window {L} must be at least 1 and divide the {n} rows")
    xw = xs.view(n, 1, i)  # rows as one sequence: a window is xw[r:r+L], (L, 1, I)
    yw = ys.view(n)

    model = Model(i, h)
    params = list(model.parameters())
    flat = np.fromfile(a.weights, dtype="<f4")
    if flat.size != sum(p.numel() for p in params):
        raise SystemExit(f"{a.weights}: {flat.size} floats, expected {sum(p.numel() for p in params)}")
    with torch.no_grad():
        at = 0
        for p in params:
            p.copy_(torch.from_numpy(flat[at: at + p.numel()].reshape(p.shape).copy()))
            at += p.numel()
    opt = torch.optim.Adam(params, lr=a.lr)
    loss_fn = nn.MSELoss()
    state = [torch.zeros(1, 1, h), torch.zeros(1, 1, h), 0]

    def run(count):
        hh, cc, r = state
        total = 0.0
        for _ in range(count):
            opt.zero_grad()
            y, (hh, cc) = model(xs[r], (hh, cc))
            loss = loss_fn(y, ys[r])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            hh, cc = hh.detach(), cc.detach()
            total += loss.item()
            r = (r + 1) % n
        state[:] = [hh, cc, r]
        return total

    def run_windows(count):
        """count rows in whole windows of L: one loss, one backward, one step per window."""
        hh, cc, r = state
        total = 0.0
        for _ in range(count // L):
            opt.zero_grad()
            y, (hh, cc) = model(xw[r: r + L], (hh, cc))
            loss = loss_fn(y.reshape(L), yw[r: r + L])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            hh, cc = hh.detach(), cc.detach()
            total += loss.item() * L
            r = (r + L) % n
        state[:] = [hh, cc, r]
        return total

    step = run if L == 1 else run_windows
    steps = -(-a.steps // L) * L  # whole windows
    warm = time.perf_counter()
    step(-(-a.warmup // L) * L)
    while time.perf_counter() - warm < a.warmup_seconds:
        step(100 if L == 1 else 10 * L)
    start, cpu_start = time.perf_counter(), time.process_time()
    total = step(steps)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    print(json.dumps({"steps": steps, "window": L, "seconds": seconds, "cpu_seconds": cpu_seconds,
                      "steps_per_second": steps / seconds, "steps_per_cpu_second": steps / cpu_seconds,
                      "mean_loss": total / steps,
                      "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                      "torch": torch.__version__, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
