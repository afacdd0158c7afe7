#!/usr/bin/env python3
"""Reference Mie efficiencies for tests/mie.rs, computed by scattnlay.

    python3 -m venv venv && venv/bin/pip install scattnlay==2.4 numpy
    venv/bin/python tests/data/mie/generate.py > tests/data/mie/scattnlay.csv

scattnlay (Pena & Pal, Comput. Phys. Commun. 180, 2348 (2009); Ladutenko
et al., Comput. Phys. Commun. 214, 225 (2017)) evaluates Yang's recurrences
for multilayer spheres. Each row: the layers' size parameters x (outer
radii, ascending, k in the medium) and relative refractive indices m,
separated by ';', and Q_ext, Q_sca, Q_abs.
"""
from importlib.metadata import version

import numpy as np
from scattnlay import scattnlay

# Homogeneous spheres: small to large x; non-absorbing, weakly absorbing,
# metal-like (Ag and Au near their plasmons relative to water) and strongly
# absorbing.
HOMOGENEOUS_M = [1.5 + 0j, 1.33 + 0.01j, 0.04 / 1.333 + 2.9j / 1.333, 0.5 + 2.0j, 2.0 + 1.0j]
HOMOGENEOUS_X = [0.01, 0.1, 1.0, 5.0, 10.0, 30.0, 60.0, 100.0]

# Metals in a dense medium (|m| < 1: gold in n = 5 near 500 nm), across
# a fine run of x where the real argument's Riccati–Bessel ψₙ(x) passes
# through zeros, and up to the size-parameter bound of the program (10⁴).
LOW_INDEX_M = [0.194 + 0.374j, 0.3 + 0.4j]
LOW_INDEX_X = [float(x) for x in np.linspace(30.0, 33.0, 13)] + [np.pi * 10, 1000.0, 5000.0, 9000.0]

# Layered spheres: (size parameters, indices) from the core out.
LAYERED = [
    ([0.5, 1.0], [0.05 + 3.0j, 1.5 + 0j]),
    ([0.5, 1.0], [1.5 + 0.01j, 0.3 + 2.5j]),
    ([5.0, 10.0], [0.05 + 3.0j, 1.5 + 0j]),
    ([5.0, 10.0], [1.2 + 1.9j, 0.1 + 2.2j]),
    ([40.0, 60.0], [1.5 + 0.01j, 0.3 + 2.5j]),
    ([80.0, 100.0], [0.05 + 3.0j, 1.33 + 0j]),
    ([0.3, 0.6, 1.0], [1.5 + 0j, 0.2 + 3.0j, 1.4 + 0j]),
    ([10.0, 20.0, 30.0], [0.2 + 3.0j, 1.6 + 0.05j, 0.3 + 2.0j]),
    ([50.0, 70.0, 100.0], [1.5 + 0.01j, 0.3 + 2.5j, 1.2 + 0j]),
    # Equal materials: must equal the homogeneous sphere of the outer x.
    ([3.0, 10.0], [0.5 + 2.0j, 0.5 + 2.0j]),
]


def fmt(z):
    return f"{z.real!r}{z.imag:+.17g}j"


def row(x, m):
    _, qext, qsca, qabs, *_ = scattnlay(np.array(x), np.array(m, dtype=complex))
    xs = ";".join(repr(v) for v in x)
    ms = ";".join(fmt(complex(v)) for v in m)
    print(f"{xs},{ms},{qext!r},{qsca!r},{qabs!r}")


print(f"# Mie efficiencies from scattnlay {version('scattnlay')} (tests/data/mie/generate.py)")
print("x,m,q_ext,q_sca,q_abs")
for m in HOMOGENEOUS_M:
    for x in HOMOGENEOUS_X:
        row([x], [m])
for m in LOW_INDEX_M:
    for x in LOW_INDEX_X:
        row([x], [m])
for x, m in LAYERED:
    row(x, m)
