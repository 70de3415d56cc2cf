#!/usr/bin/env python3
"""PyTorch reference for StatefulTrainer's epoch loop (the parity oracle for the trainer, not for an engine).

Usage: trainer_reference.py TRAIN.npy TEST.npy JSON
TRAIN/TEST: FrequencyLab dataset files, shape (rows, 1+K+1), columns [S, C1..CK, target] (DatasetIO's .npy layout).
JSON: {"hidden": 8, "init_seed": 0, "lr": 0.01, "epochs": 3, "reset": "per-epoch|per-block|never|stateless",
       "accumulate": 1, "clip": 1.0, "optimizer": "adam|sgd", "momentum": 0.9, "window": 1,
       "standardize": false, "forget": {"kind": "default|constant|chrono", "value": 1.0, "tmax": 1000},
       "schedule": {"kind": "constant|linear-warmup|cosine|one-cycle", "unit": "step|epoch", "warmup_epochs": 0,
                    "start_factor": 0.5, "floor": 0.0, "pct_start": 0.3, "div": 25, "final_div": 1e4}}

Initial weights: numpy default_rng(init_seed).uniform(-1/sqrt(H), 1/sqrt(H), P) as float32, split in model.parameters()
order (FrequencyLab's ModelInitializer). Per epoch, in float32 on one CPU thread:
  reset (h, c) per policy; for each row: forward one step with the carried state, loss = MSELoss, (loss / k).backward(),
  detach; every k rows and at the epoch's last row: clip_grad_norm_, optimizer.step(), zero_grad().
  window L > 1 instead (truncated BPTT): windows of L rows, cut at a per-block reset; forward the window's rows as one
  (L, 1, I) sequence from the carried state, loss = MSELoss over the window (its mean), backward, detach the last state,
  clip_grad_norm_, step, zero_grad; a row's reported loss is its own (y_hat - y)^2.
  train_loss = mean of loss.item() over the rows (taken before each row's update);
  frozen pass: torch.no_grad(), state zeroed at its start and reset by the same policy, MSE over the rows.
Options (StatefulTrainer's TrainingConfig.InputScaling, ForgetGate, Schedule):
  standardize: S (column 0) of train and test -> (S - mean) / std, mean and std (ddof 0) of the float32 train S in float64.
  forget: constant: bias_ih[H:2H] = value, bias_hh[H:2H] = 0; chrono: after the P initial weights the same numpy stream
    draws u = rng.uniform(1, tmax - 1, H), b_f = log(u): bias_ih[H:2H] = b_f, bias_ih[0:H] = -b_f, bias_hh[0:2H] = 0.
  schedule: torch.optim.lr_scheduler's LinearLR(start_factor, total_iters = warm-up epochs x steps per epoch),
    CosineAnnealingLR(T_max = total, eta_min = floor x lr), OneCycleLR(max_lr = lr, total_steps = total, pct_start,
    div_factor, final_div_factor, anneal_strategy='cos', cycle_momentum=False); total = epochs x optimizer steps per epoch;
    scheduler.step() after every optimizer step (unit "step") or at the end of every epoch (unit "epoch", counts in epochs).
Prints one JSON object: {"torch": version, "epochs": [{"train_loss", "frozen_train", "frozen_test", "grad_norm_mean", "last_lr"}, ...]}
(last_lr: the learning rate of the epoch's last optimizer step).
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


def standardize(train, test):
    s = train[0][:, 0].double()
    mean, std = float(s.mean()), float(np.std(s.numpy()))
    std = std if std > 0 else 1.0
    out = []
    for inputs, targets, freq in (train, test):
        inputs = inputs.clone()
        inputs[:, 0] = ((inputs[:, 0].double() - mean) / std).float()
        out.append((inputs, targets, freq))
    return out


def window_end(row, rows, window, policy, freq):
    """The end (exclusive) of the window starting at row: window rows, cut at the epoch's end and, per block, at a change of
    frequency (the state is reset there). StatefulTrainer.WindowEnd."""
    end = min(row + window, rows)
    if policy == "per-block":
        for r in range(row + 1, end):
            if freq[r] != freq[r - 1]:
                return r
    return end


def steps_per_epoch(rows, window, k, policy, freq):
    if window <= 1:
        return (rows + k - 1) // k
    count, row = 0, 0
    while row < rows:
        count += 1
        row = window_end(row, rows, window, policy, freq)
    return count


def make_scheduler(optimizer, spec, lr, epochs, per_epoch_steps):
    kind = spec.get("kind", "constant")
    unit_epoch = spec.get("unit", "step") == "epoch"
    total = epochs if unit_epoch else epochs * per_epoch_steps
    sched = torch.optim.lr_scheduler
    if kind == "linear-warmup":
        iters = spec["warmup_epochs"] * (1 if unit_epoch else per_epoch_steps)
        return sched.LinearLR(optimizer, start_factor=spec["start_factor"], end_factor=1.0, total_iters=iters), unit_epoch
    if kind == "cosine":
        return sched.CosineAnnealingLR(optimizer, T_max=total, eta_min=spec.get("floor", 0.0) * lr), unit_epoch
    if kind == "one-cycle":
        return sched.OneCycleLR(optimizer, max_lr=lr, total_steps=total, pct_start=spec.get("pct_start", 0.3),
                                anneal_strategy="cos", cycle_momentum=False, div_factor=spec.get("div", 25.0),
                                final_div_factor=spec.get("final_div", 1e4)), unit_epoch
    return None, unit_epoch


def main():
    torch.set_num_threads(1)
    train, test = load(sys.argv[1]), load(sys.argv[2])
    spec = json.loads(sys.argv[3])
    if spec.get("standardize", False):
        train, test = standardize(train, test)
    hidden, k, policy = spec["hidden"], spec["accumulate"], spec["reset"]
    model = Model(train[0].shape[1], hidden)
    params = list(model.parameters())
    total = sum(p.numel() for p in params)
    bound = 1.0 / np.sqrt(hidden)
    rng = np.random.default_rng(spec["init_seed"])
    flat = rng.uniform(-bound, bound, total).astype(np.float32)
    forget = spec.get("forget", {"kind": "default"})
    b_ih = model.lstm.bias_ih_l0.numel()
    ih_at = sum(p.numel() for p in params[:2])  # bias_ih_l0 follows weight_ih_l0 and weight_hh_l0
    hh_at = ih_at + b_ih
    if forget["kind"] == "constant":
        flat[ih_at + hidden:ih_at + 2 * hidden] = forget["value"]
        flat[hh_at + hidden:hh_at + 2 * hidden] = 0
    elif forget["kind"] == "chrono":
        b_f = np.log(rng.uniform(1, forget["tmax"] - 1, hidden))
        flat[ih_at + hidden:ih_at + 2 * hidden] = b_f
        flat[ih_at:ih_at + hidden] = -b_f
        flat[hh_at:hh_at + 2 * hidden] = 0
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
    scheduler, per_epoch = make_scheduler(optimizer, spec.get("schedule", {}), spec["lr"], spec["epochs"],
                                          steps_per_epoch(rows, window, k, policy, freq))

    last_lr = [spec["lr"]]

    def after_step():  # the lr the step just used, then the per-step schedule moves
        last_lr[0] = optimizer.param_groups[0]["lr"]
        if scheduler is not None and not per_epoch:
            scheduler.step()
    for epoch in range(spec["epochs"]):
        if policy != "never" or epoch == 0:
            state = zero_state(hidden)
        losses, norms, pending = [], [], 0
        if window > 1:
            row = 0
            while row < rows:
                if resets_before(policy, freq, row):
                    state = zero_state(hidden)
                end = window_end(row, rows, window, policy, freq)
                y, state = model(inputs[row:end].view(end - row, 1, -1), state)
                y = y.reshape(end - row)
                loss = criterion(y, targets[row:end])
                loss.backward()
                losses.extend(((y.detach() - targets[row:end]) ** 2).tolist())
                state = (state[0].detach(), state[1].detach())
                norms.append(float(torch.nn.utils.clip_grad_norm_(params, spec["clip"])))
                optimizer.step()
                optimizer.zero_grad()
                after_step()
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
                after_step()
                pending = 0
        if scheduler is not None and per_epoch:
            scheduler.step()
        epochs.append({
            "train_loss": float(np.mean(losses)),
            "frozen_train": frozen_mse(model, train, policy, hidden),
            "frozen_test": frozen_mse(model, test, policy, hidden),
            "grad_norm_mean": float(np.mean(norms)),
            "last_lr": last_lr[0],
        })
    print(json.dumps({"torch": torch.__version__, "epochs": epochs}))


if __name__ == "__main__":
    main()
