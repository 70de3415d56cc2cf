#!/usr/bin/python3
"""Golden vectors for FrequencyLab.Signals.SignalGenerator, made by real NumPy.

Run with Debian's interpreter (numpy 1.24): /usr/bin/python3 scripts/golden_numpy.py --out data/golden
(the committed files were made with: --out data/golden --seeds 1 2 --head 256).
With --no-avx512 numpy's AVX-512 dispatch is switched off (NPY_DISABLE_CPU_FEATURES) and np.sin equals math.sin.

The recipe below IS the contract that SignalGenerator follows (see its remarks): one generator per series,
all amplitudes drawn as a K x N (or K x 1) array, then all phases, then the mixture.

    rng = np.random.default_rng(seed)
    t   = np.arange(N) / fs
    A   = rng.uniform(a_min, a_max, (K, N))     # per-series: (K, 1)
    phi = rng.uniform(p_min, p_max, (K, N))     # per-series: (K, 1)
    X   = A * np.sin(2 * np.pi * f[:, None] * t + phi)
    S   = X.sum(axis=0) / K
    targets = np.sin(2 * np.pi * f[:, None] * t)

    # additive (no A or phi drawn: A = 1, phi = 0); the stream's first draws are N normals (numpy's ziggurat):
    noise = rng.normal(0.0, noise_std, N)
    S = np.sin(2 * np.pi * f[:, None] * t).sum(axis=0) / K + noise

np.sin is CPU dependent: on a CPU with AVX512_SKX, numpy 1.22-1.24 computes float64 sin with Intel SVML
(numpy/core/src/umath/svml), elsewhere with the C library's sin. So the script also computes S and targets with
Python's math.sin (the C library's sin, glibc here, the same function .NET's Math.Sin calls) and records both,
with the largest difference between them. A, phi and the additive noise do not involve sin and are the same on every
machine (rng.normal's ziggurat has no SIMD path; it calls the C library's exp and log1p).

For each seed it writes, under --out:
  <name>-seed<S>-A.npy, -phi.npy               K x H   (H = --head first samples, 0 = all N)
  <name>-seed<S>-S.npy, -S_libm.npy            H       (mixture with np.sin / with math.sin)
  <name>-seed<S>-targets.npy, -targets_libm.npy K x H
  <name>-seed<S>-noise.npy                     H       (additive mode only: rng.normal(0, noise_std, N))
and <name>.json: numpy version, SIMD dispatch, spec, and per seed the SHA-256 of every full array
(float64 little-endian bytes, C order) plus the max |S - S_libm| and max ULP distance.
"""
import argparse
import hashlib
import json
import math
import os
import platform
import sys

# numpy is imported in main(), after --no-avx512 has had the chance to set NPY_DISABLE_CPU_FEATURES.
np = None
AVX512 = "AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL"


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--name", default="default", help="file name prefix")
    p.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    p.add_argument("--frequencies", default="1,3,5,7", help="comma separated Hz")
    p.add_argument("--fs", type=float, default=1000.0)
    p.add_argument("--duration", type=float, default=10.0)
    p.add_argument("--amplitude-min", type=float, default=0.8)
    p.add_argument("--amplitude-max", type=float, default=1.2)
    p.add_argument("--phase-min", type=float, default=0.0)
    p.add_argument("--phase-max", type=float, default=2 * math.pi)
    p.add_argument("--noise", choices=["per-sample", "per-series", "additive"], default="per-sample")
    p.add_argument("--noise-std", type=float, default=0.1, help="standard deviation of the additive noise")
    p.add_argument("--head", type=int, default=256, help="samples kept in the .npy files (0 = all)")
    p.add_argument("--no-avx512", action="store_true",
                   help="re-run with NPY_DISABLE_CPU_FEATURES set so that np.sin takes numpy's baseline (C library) path")
    return p.parse_args(argv)


def generate(spec, seed, sin):
    f = np.array(spec["frequencies"], dtype=np.float64)
    k = len(f)
    n = int(round(spec["duration"] * spec["sampleRate"]))
    rng = np.random.default_rng(seed)
    t = np.arange(n) / spec["sampleRate"]
    angle = 2 * np.pi * f[:, None] * t
    if spec["noise"] == "additive":
        a, phi = np.ones((k, 1)), np.zeros((k, 1))
        noise = rng.normal(0.0, spec["noiseStd"], n)
        targets = sin(angle)
        s = targets.sum(axis=0) / k + noise
    else:
        draws = n if spec["noise"] == "per-sample" else 1
        a = rng.uniform(spec["amplitudeMin"], spec["amplitudeMax"], (k, draws))
        phi = rng.uniform(spec["phaseMin"], spec["phaseMax"], (k, draws))
        x = a * sin(angle + phi)
        s = x.sum(axis=0) / k
        targets = sin(angle)
        noise = None
    return np.broadcast_to(a, (k, n)).copy(), np.broadcast_to(phi, (k, n)).copy(), s, targets, noise


def libm(fn):
    """Elementwise math.<fn>: the C library's function, independent of numpy's SIMD dispatch."""
    def apply(x):
        flat = np.ascontiguousarray(x, dtype=np.float64).ravel()
        return np.fromiter((fn(v) for v in flat), dtype=np.float64, count=flat.size).reshape(np.shape(x))
    return apply


def sha256(a):
    return hashlib.sha256(np.ascontiguousarray(a, dtype="<f8").tobytes()).hexdigest()


def ulp_distance(a, b):
    """|a - b| in units in the last place, counted on the ordered integer line of doubles."""
    def ordered(v):
        i = np.ascontiguousarray(v, dtype="<f8").view(np.int64)
        return np.where(i < 0, np.int64(-(2**63)) - i, i)
    return np.abs(ordered(a) - ordered(b))


def main(argv):
    global np
    args = parse_args(argv)
    if args.no_avx512 and os.environ.get("NPY_DISABLE_CPU_FEATURES") != AVX512:
        os.environ["NPY_DISABLE_CPU_FEATURES"] = AVX512
        os.execv(sys.executable, [sys.executable, os.path.abspath(__file__)] + argv)
    import numpy
    np = numpy
    spec = {
        "frequencies": [float(v) for v in args.frequencies.split(",")],
        "sampleRate": args.fs,
        "duration": args.duration,
        "amplitudeMin": args.amplitude_min,
        "amplitudeMax": args.amplitude_max,
        "phaseMin": args.phase_min,
        "phaseMax": args.phase_max,
        "noise": args.noise,
    }
    if args.noise == "additive":
        spec["noiseStd"] = args.noise_std
    features = np.core._multiarray_umath.__cpu_features__
    manifest = {
        "script": "scripts/golden_numpy.py",
        "argv": argv,
        "numpy": np.__version__,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "npSinUsesSvml": bool(features.get("AVX512_SKX", False)),
        "disabledCpuFeatures": os.environ.get("NPY_DISABLE_CPU_FEATURES", ""),
        "spec": spec,
        "head": args.head,
        "seeds": [],
    }
    for seed in args.seeds:
        a, phi, s, targets, noise = generate(spec, seed, np.sin)
        a2, phi2, s_libm, targets_libm, _ = generate(spec, seed, libm(math.sin))
        assert np.array_equal(a, a2) and np.array_equal(phi, phi2)
        n = s.size
        head = n if args.head <= 0 else min(args.head, n)
        prefix = f"{args.out}/{args.name}-seed{seed}"
        for label, arr in (("A", a), ("phi", phi), ("targets", targets), ("targets_libm", targets_libm)):
            np.save(f"{prefix}-{label}.npy", np.ascontiguousarray(arr[:, :head]))
        for label, arr in (("S", s), ("S_libm", s_libm), ("noise", noise)):
            if arr is not None:
                np.save(f"{prefix}-{label}.npy", np.ascontiguousarray(arr[:head]))
        entry = {
            "seed": seed,
            "samples": n,
            "sha256": {
                "A": sha256(a), "phi": sha256(phi),
                "S": sha256(s), "S_libm": sha256(s_libm),
                "targets": sha256(targets), "targets_libm": sha256(targets_libm),
            },
            "S_vs_libm": {
                "differing": int(np.count_nonzero(s != s_libm)),
                "maxAbs": float(np.max(np.abs(s - s_libm))),
                "maxUlp": int(np.max(ulp_distance(s, s_libm))),
            },
            "targets_vs_libm": {
                "differing": int(np.count_nonzero(targets != targets_libm)),
                "maxAbs": float(np.max(np.abs(targets - targets_libm))),
                "maxUlp": int(np.max(ulp_distance(targets, targets_libm))),
            },
        }
        if noise is not None:
            entry["sha256"]["noise"] = sha256(noise)
        manifest["seeds"].append(entry)
    with open(f"{args.out}/{args.name}.json", "w") as fh:
        json.dump(manifest, fh, indent=2)
        fh.write("\n")
    print(json.dumps({s["seed"]: s["S_vs_libm"] for s in manifest["seeds"]}))


if __name__ == "__main__":
    main(sys.argv[1:])
