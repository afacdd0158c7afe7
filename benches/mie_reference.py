#!/usr/bin/env python3
"""The cases of benches/mie.rs through miepython and scattnlay, timed the
same way (spectra of 601 wavelengths per second), for the README's
comparison. Not run in CI.

    python3 -m venv venv && venv/bin/pip install numpy miepython==3.3.0 scattnlay==2.4
    venv/bin/python benches/mie_reference.py

The optical constants are the shipped Johnson & Christy tables,
interpolated linearly (the timing does not depend on the interpolation);
no size correction of the damping.
"""
import csv
import math
import time
from importlib.metadata import version
from pathlib import Path

import numpy as np
import miepython
from scattnlay import scattnlay

DATA = Path(__file__).resolve().parent.parent / "data" / "optical"
WAVELENGTHS = np.arange(300.0, 901.0, 1.0)
MEDIUM = 1.333


def index(metal):
    rows = [r for r in csv.reader(l for l in open(DATA / f"{metal}_johnson_christy.csv") if not l.startswith("#"))][1:]
    w = np.array([float(r[0]) for r in rows])[::-1]
    n = np.array([float(r[2]) for r in rows])[::-1]
    k = np.array([float(r[3]) for r in rows])[::-1]
    return np.interp(WAVELENGTHS, w, n) + 1j * np.interp(WAVELENGTHS, w, k)


AU, AG = index("Au"), index("Ag")


def homogeneous_miepython(d):
    x = np.pi * d * MEDIUM / WAVELENGTHS
    qext, qsca, _, _ = miepython.efficiencies_mx(AU / MEDIUM, x)
    return qext


def homogeneous_scattnlay(d):
    out = []
    for j, w in enumerate(WAVELENGTHS):
        x = np.array([np.pi * d * MEDIUM / w])
        out.append(scattnlay(x, np.array([AU[j] / MEDIUM]))[1])
    return out


def core_shell_scattnlay():
    out = []
    for j, w in enumerate(WAVELENGTHS):
        k = 2 * np.pi * MEDIUM / w
        x = np.array([k * 5.0, k * 8.0])
        out.append(scattnlay(x, np.array([AG[j] / MEDIUM, AU[j] / MEDIUM]))[1])
    return out


def rate(f, repeats=5):
    f()
    t = time.perf_counter()
    for _ in range(repeats):
        f()
    return repeats / (time.perf_counter() - t)


print(f"miepython {version('miepython')}, scattnlay {version('scattnlay')}; spectra of 601 wavelengths per second")
print(f"homogeneous Au 20 nm, miepython: {rate(lambda: homogeneous_miepython(20.0)):.1f}")
print(f"homogeneous Au 20 nm, scattnlay: {rate(lambda: homogeneous_scattnlay(20.0)):.1f}")
print(f"core-shell Ag 10 nm @ Au 3 nm, scattnlay: {rate(core_shell_scattnlay):.1f}")
sizes = [20.0 * math.exp(0.2 * t) for t in np.linspace(-0.8, 0.8, 41)]
print(f"41 sizes, miepython: {41 * rate(lambda: [homogeneous_miepython(d) for d in sizes], 2):.1f}")
print(f"41 sizes, scattnlay: {41 * rate(lambda: [homogeneous_scattnlay(d) for d in sizes], 1):.1f}")
