#!/usr/bin/python3
"""Golden vectors for NumpyRandom.StandardNormal / Normal (numpy's ziggurat), made by real NumPy.

Run with Debian's interpreter (numpy 1.24): /usr/bin/python3 scripts/golden_normal.py --out data/golden
(the committed files were made with: --out data/golden --seeds 1 2 --draws 200000 --head 512).

The recipe below IS the contract that NumpyRandom follows: a fresh generator per array, all draws in one call.

    z    = np.random.default_rng(seed).standard_normal(draws)
    rng  = np.random.default_rng(seed)
    y    = rng.normal(loc, scale, draws)
    next = rng.random()            # the uniform after the normals: proves how many 64-bit outputs they consumed

For each seed it writes, under --out:
  <name>-seed<S>-standard_normal.npy, <name>-seed<S>-normal.npy    first H draws (H = --head, 0 = all)
and <name>.json: numpy version, the arguments, and per seed the SHA-256 of both full arrays (float64 little-endian
bytes), and the uniform drawn after the normals.
"""
import argparse
import hashlib
import json
import platform
import sys

import numpy as np


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--name", default="normal", help="file name prefix")
    p.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    p.add_argument("--draws", type=int, default=200_000)
    p.add_argument("--loc", type=float, default=0.25)
    p.add_argument("--scale", type=float, default=1.75)
    p.add_argument("--head", type=int, default=512, help="draws kept in the .npy files (0 = all)")
    return p.parse_args(argv)


def sha256(a):
    return hashlib.sha256(np.ascontiguousarray(a, dtype="<f8").tobytes()).hexdigest()


def main(argv):
    args = parse_args(argv)
    manifest = {
        "script": "scripts/golden_normal.py",
        "argv": argv,
        "numpy": np.__version__,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "draws": args.draws,
        "loc": args.loc,
        "scale": args.scale,
        "head": args.head,
        "seeds": [],
    }
    for seed in args.seeds:
        z = np.random.default_rng(seed).standard_normal(args.draws)
        rng = np.random.default_rng(seed)
        y = rng.normal(args.loc, args.scale, args.draws)
        after = rng.random()
        head = args.draws if args.head <= 0 else min(args.head, args.draws)
        prefix = f"{args.out}/{args.name}-seed{seed}"
        np.save(f"{prefix}-standard_normal.npy", np.ascontiguousarray(z[:head]))
        np.save(f"{prefix}-normal.npy", np.ascontiguousarray(y[:head]))
        manifest["seeds"].append({
            "seed": seed,
            "sha256": {"standard_normal": sha256(z), "normal": sha256(y)},
            "randomAfterNormals": after,
        })
    with open(f"{args.out}/{args.name}.json", "w") as fh:
        json.dump(manifest, fh, indent=2)
        fh.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
