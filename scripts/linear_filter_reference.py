#!/usr/bin/python3
"""Independent reference for FrequencyLab.Validation.CausalLinearFilter: numpy's lstsq (SVD, minimum norm) on the
explicit zero-padded design matrix X[n, j] = S[n - j] (S[n < 0] = 0), one filter per target.

Usage: linear_filter_reference.py INPUT.json
INPUT: {"train_s": [...], "train_y": [[...], ...], "test_s": [...], "test_y": [[...], ...], "taps": [K, ...]}
Prints {"numpy": version, "filters": [{"taps": K, "train_mse": [per target], "test_mse": [...], "weights": [[...], ...]}]}.
"""
import json
import sys

import numpy as np


def design(s, k):
    n = len(s)
    x = np.zeros((n, k))
    for j in range(k):
        x[j:, j] = s[:n - j]
    return x


def main():
    spec = json.load(open(sys.argv[1]))
    train_s, test_s = np.array(spec["train_s"]), np.array(spec["test_s"])
    train_y, test_y = np.array(spec["train_y"]), np.array(spec["test_y"])
    out = []
    for k in spec["taps"]:
        x_train, x_test = design(train_s, k), design(test_s, k)
        weights, train_mse, test_mse = [], [], []
        for y, y_test in zip(train_y, test_y):
            w = np.linalg.lstsq(x_train, y, rcond=None)[0]
            weights.append(w.tolist())
            train_mse.append(float(np.mean((x_train @ w - y) ** 2)))
            test_mse.append(float(np.mean((x_test @ w - y_test) ** 2)))
        out.append({"taps": k, "train_mse": train_mse, "test_mse": test_mse, "weights": weights})
    print(json.dumps({"numpy": np.__version__, "filters": out}))


if __name__ == "__main__":
    main()
