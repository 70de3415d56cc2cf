#!/usr/bin/env python3
"""PyTorch reference for StatefulTrainer's epoch loop (the parity oracle for the trainer, not for an engine).

Usage: trainer_reference.py TRAIN.npy TEST.npy JSON
TRAIN/TEST: FrequencyLab dataset files, shape (rows, 1+K+1), columns [S, C1..CK, target] (DatasetIO's .npy layout).
JSON: {"hidden": 8, "init_seed": 0, "lr": 0.01, "epochs": 3, "reset": "per-epoch|per-block|never|stateless",
       "accumulate": 1, "clip": 1.0, "optimizer": "adam|sgd", "momentum": 0.9, "window": 1}

Initial weights: numpy default_rng(init_seed).uniform(-1/sqrt(H), 1/sqrt(H), P) as float32, split in model.parameters()
order (FrequencyLab's ModelInitializer). Per epoch, in float32 on one CPU thread:
  reset (h, c) per policy; for each row: forward one step with the carried state, loss = MSELoss, (loss / k).backward(),
  detach; every k rows and at the epoch's last row: clip_grad_norm_, optimizer.step(), zero_grad().
  window L > 1 instead (truncated BPTT): windows of L rows, cut at a per-block reset; forward the window's rows as one
  (L, 1, I) sequence from the carried state, loss = MSELoss over the window (its mean), backward, detach the last state,
  clip_grad_norm_, step, zero_grad; a row's reported loss is its own (y_hat - y)^2.
  train_loss = mean of loss.item() over the rows (taken before each row's update);
  frozen pass: torch.no_grad(), state zeroed at its start and reset by the same policy, MSE over the rows.
Prints one JSON object: {"torch": version, "epochs": [{"train_loss", "frozen_train", "frozen_test", "grad_norm_mean"}, ...]}.
"""
import json
import sys

import numpy as np
import torch
from torch import nn

from reference_model import Model




def load(path):
    table = np.load(path).astype(np.float64)
    inputs = torch.tensor(table[:, :-1], dtype=torch.float32)  # (rows, I)
    targets = torch.tensor(table[:, -1], dtype=torch.float32)  # (rows,)
    freq = table[:, 1:-1].argmax(axis=1)
    return inputs, targets, freq


def resets_before(policy, freq, row):
    if policy == "stateless":
        return True
    return policy == "per-block" and row > 0 and freq[row] != freq[row - 1]


def zero_state(hidden):
    return torch.zeros(1, 1, hidden), torch.zeros(1, 1, hidden)


def frozen_mse(model, data, policy, hidden):
    inputs, targets, freq = data
    state = zero_state(hidden)
    total = 0.0
    with torch.no_grad():
        for row in range(len(targets)):
            if row > 0 and resets_before(policy, freq, row):
                state = zero_state(hidden)
            y, state = model(inputs[row].view(1, 1, -1), state)
            y = y.reshape(())
            total += float((y - targets[row]) ** 2)
    return total / len(targets)


def main():
    torch.set_num_threads(1)
    train, test = load(sys.argv[1]), load(sys.argv[2])
    spec = json.loads(sys.argv[3])
    hidden, k, policy = spec["hidden"], spec["accumulate"], spec["reset"]
    model = Model(train[0].shape[1], hidden)
    params = list(model.parameters())
    total = sum(p.numel() for p in params)
    bound = 1.0 / np.sqrt(hidden)
    flat = np.random.default_rng(spec["init_seed"]).uniform(-bound, bound, total).astype(np.float32)
    offset = 0
    with torch.no_grad():
        for p in params:
            p.copy_(torch.from_numpy(flat[offset:offset + p.numel()]).view_as(p))
            offset += p.numel()
    if spec["optimizer"] == "sgd":
        optimizer = torch.optim.SGD(params, lr=spec["lr"], momentum=spec["momentum"])
    else:
        optimizer = torch.optim.Adam(params, lr=spec["lr"])
    criterion = nn.MSELoss()
    inputs, targets, freq = train
    rows = len(targets)
    state = zero_state(hidden)
    epochs = []
    window = spec.get("window", 1)
    for epoch in range(spec["epochs"]):
        if policy != "never" or epoch == 0:
            state = zero_state(hidden)
        losses, norms, pending = [], [], 0
        if window > 1:
            row = 0
            while row < rows:
                if resets_before(policy, freq, row):
                    state = zero_state(hidden)
                end = min(row + window, rows)
                if policy == "per-block":
                    for r in range(row + 1, end):
                        if freq[r] != freq[r - 1]:
                            end = r
                            break
                y, state = model(inputs[row:end].view(end - row, 1, -1), state)
                y = y.reshape(end - row)
                loss = criterion(y, targets[row:end])
                loss.backward()
                losses.extend(((y.detach() - targets[row:end]) ** 2).tolist())
                state = (state[0].detach(), state[1].detach())
                norms.append(float(torch.nn.utils.clip_grad_norm_(params, spec["clip"])))
                optimizer.step()
                optimizer.zero_grad()
                row = end
            rows_done = True
        else:
            rows_done = False
        for row in ([] if rows_done else range(rows)):
            if resets_before(policy, freq, row):
                state = zero_state(hidden)
            y, state = model(inputs[row].view(1, 1, -1), state)
            y = y.reshape(())
            loss = criterion(y, targets[row])
            (loss / k).backward()
            losses.append(loss.item())
            state = (state[0].detach(), state[1].detach())
            pending += 1
            if pending == k or row == rows - 1:
                norms.append(float(torch.nn.utils.clip_grad_norm_(params, spec["clip"])))
                optimizer.step()
                optimizer.zero_grad()
                pending = 0
        epochs.append({
            "train_loss": float(np.mean(losses)),
            "frozen_train": frozen_mse(model, train, policy, hidden),
            "frozen_test": frozen_mse(model, test, policy, hidden),
            "grad_norm_mean": float(np.mean(norms)),
        })
    print(json.dumps({"torch": torch.__version__, "epochs": epochs}))


if __name__ == "__main__":
    main()
