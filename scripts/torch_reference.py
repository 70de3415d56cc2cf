#!/usr/bin/env python3
"""PyTorch reference for FrequencyLab's L=1 training loop (the parity oracle for TorchEngine and the fused engine).

Runs, in float32 on CPU, exactly the loop ITrainingEngine describes: nn.LSTM(I, H, num_layers=1) + nn.Linear(H, 1);
per row a forward of one step (seq 1, batch 1) with the carried (h, c), MSELoss on one value, (loss * loss_scale).backward(),
detach; every k rows clip_grad_norm_(max_norm), set the param group's lr, optimizer.step(), zero_grad().
Weights come in FrequencyLab's flat ParameterLayout order (model.parameters() order).

Inputs (float32, .npy or raw little-endian): --weights (P), --inputs (rows x I), --targets (rows).
Outputs in --out, raw little-endian float32:
  losses.f32           per row, the unscaled loss (y_hat - y)^2
  grad_norms.f32       per optimizer step, the total gradient norm before clipping
  grads_step1.f32      the accumulated gradients just before the first optimizer step (before clipping), layout order
  final_weights.f32    the weights after the last step, layout order
  predictions_initial.f32  no-grad stateful pass over the rows from zero state with the initial weights
  predictions.f32      the same pass with the final weights
stdout: one JSON line with rows, steps and the training loop's wall time.
"""
import argparse
import json
import math
import os
import time

import numpy as np
import torch
from torch import nn

NAMES = ["lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0", "lstm.bias_hh_l0", "fc.weight", "fc.bias"]


def load_f32(path):
    data = np.load(path) if path.endswith(".npy") else np.fromfile(path, dtype="<f4")
    return np.ascontiguousarray(data, dtype=np.float32).ravel()


def save_f32(path, values):
    np.asarray(values, dtype="<f4").tofile(path)


class Model(nn.Module):
    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.lstm = nn.LSTM(input_size, hidden_size, num_layers=1)
        self.fc = nn.Linear(hidden_size, 1)

    def forward(self, x, state):
        out, state = self.lstm(x, state)  # x (1, 1, I); out (1, 1, H)
        return self.fc(out), state  # (1, 1, 1)


def flat(model, grads=False):
    return np.concatenate([(p.grad if grads else p).detach().reshape(-1).numpy() for p in model.parameters()])


def set_flat(model, values):
    offset = 0
    with torch.no_grad():
        for p in model.parameters():
            n = p.numel()
            p.copy_(torch.from_numpy(values[offset:offset + n].copy()).view_as(p))
            offset += n
    if offset != values.size:
        raise SystemExit(f"weights: expected {offset} floats, got {values.size}")


def predict_all(model, inputs, hidden):
    out = np.empty(inputs.shape[0], dtype=np.float32)
    with torch.no_grad():
        h = torch.zeros(1, 1, hidden)
        c = torch.zeros(1, 1, hidden)
        for r in range(inputs.shape[0]):
            y, (h, c) = model(torch.from_numpy(inputs[r]).view(1, 1, -1), (h, c))
            out[r] = y.item()
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--weights", required=True)
    ap.add_argument("--inputs", required=True)
    ap.add_argument("--targets", required=True)
    ap.add_argument("--input-size", type=int, default=5)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--optimizer", choices=["adam", "sgd"], default="adam")
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--beta1", type=float, default=0.9)
    ap.add_argument("--beta2", type=float, default=0.999)
    ap.add_argument("--eps", type=float, default=1e-8)
    ap.add_argument("--momentum", type=float, default=0.9)
    ap.add_argument("--weight-decay", type=float, default=0.0)
    ap.add_argument("--nesterov", action="store_true")
    ap.add_argument("--max-grad-norm", type=float, default=1.0, help="'inf' disables clipping")
    ap.add_argument("--accumulate", type=int, default=1, help="rows per optimizer step; loss scale 1/k")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    torch.set_num_threads(a.threads)
    inputs = load_f32(a.inputs).reshape(-1, a.input_size)
    targets = load_f32(a.targets)
    if targets.size != inputs.shape[0]:
        raise SystemExit(f"targets: expected {inputs.shape[0]} values, got {targets.size}")

    model = Model(a.input_size, a.hidden)
    names = [n for n, _ in model.named_parameters()]
    if names != NAMES:
        raise SystemExit(f"unexpected parameter order {names}")
    set_flat(model, load_f32(a.weights))
    predictions_initial = predict_all(model, inputs, a.hidden)

    if a.optimizer == "adam":
        opt = torch.optim.Adam(model.parameters(), lr=a.lr, betas=(a.beta1, a.beta2), eps=a.eps,
                               weight_decay=a.weight_decay, foreach=False)
    else:
        opt = torch.optim.SGD(model.parameters(), lr=a.lr, momentum=a.momentum, weight_decay=a.weight_decay,
                              nesterov=a.nesterov, foreach=False)
    criterion = nn.MSELoss()
    k = a.accumulate
    scale = 1.0 / k
    max_norm = math.inf if math.isinf(a.max_grad_norm) else a.max_grad_norm

    losses = np.empty(inputs.shape[0], dtype=np.float32)
    norms = []
    grads_step1 = None
    h = torch.zeros(1, 1, a.hidden)
    c = torch.zeros(1, 1, a.hidden)
    opt.zero_grad()
    start = time.perf_counter()
    for r in range(inputs.shape[0]):
        x = torch.from_numpy(inputs[r]).view(1, 1, a.input_size)
        y = torch.tensor([[[targets[r]]]], dtype=torch.float32)
        pred, (h, c) = model(x, (h, c))
        loss = criterion(pred, y)
        losses[r] = loss.item()
        (loss if k == 1 else loss * scale).backward()
        h, c = h.detach(), c.detach()
        if (r + 1) % k == 0:
            if grads_step1 is None:
                grads_step1 = flat(model, grads=True)
            norms.append(float(torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)))
            for group in opt.param_groups:
                group["lr"] = a.lr
            opt.step()
            opt.zero_grad()
    seconds = time.perf_counter() - start

    os.makedirs(a.out, exist_ok=True)
    save_f32(os.path.join(a.out, "losses.f32"), losses)
    save_f32(os.path.join(a.out, "grad_norms.f32"), norms)
    save_f32(os.path.join(a.out, "grads_step1.f32"), grads_step1 if grads_step1 is not None else [])
    save_f32(os.path.join(a.out, "final_weights.f32"), flat(model))
    save_f32(os.path.join(a.out, "predictions_initial.f32"), predictions_initial)
    save_f32(os.path.join(a.out, "predictions.f32"), predict_all(model, inputs, a.hidden))
    print(json.dumps({"rows": int(inputs.shape[0]), "steps": len(norms), "seconds": seconds,
                      "rows_per_second": inputs.shape[0] / seconds if seconds > 0 else None,
                      "torch": torch.__version__, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
