"""Result classes: NumPy arrays in the units of the command line's CSV,
the JSON run record as a dict, and the command line's files on request."""

from __future__ import annotations

import json
import os
from typing import Any, Dict, List, NamedTuple, Optional

import numpy as np


class Peak(NamedTuple):
    """A band maximum of the spectrum."""

    energy: float
    """Position, eV."""
    wavelength: float
    """Position as a vacuum wavelength, nm."""
    epsilon: float
    """Molar absorption coefficient at the maximum, M⁻¹ cm⁻¹."""
    f: float
    """Oscillator strength of the band (∫ S dE between its minima)."""
    fwhm: Optional[float]
    """Full width at half maximum, eV (None: the band does not fall to half)."""
    density: float
    """Oscillator-strength density at the maximum, eV⁻¹."""


class _Result:
    """What every result shares: columns, the record, notes and files."""

    def __init__(self, native: Any) -> None:
        self._native = native
        self.columns: Dict[str, np.ndarray] = dict(native.columns())
        """Every CSV column by its name (the unit is in the name)."""
        self.report: Dict[str, Any] = json.loads(native.report_json())
        """The JSON run record the command line writes, as a dict."""
        self.notes: List[str] = list(native.notes)
        """Choices made for you (a default replaced, a range widened)."""
        self.warnings: List[str] = list(native.warnings)
        """Warnings (a line width the grid undersamples, a cut distribution)."""

    def to_csv(self, path: "str | os.PathLike[str]") -> None:
        """Writes the command line's CSV table to ``path``."""
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(self._native.csv())

    def save(
        self,
        prefix: "str | os.PathLike[str]",
        svg: bool = False,
        all_lines: bool = False,
        wavelength_axis: bool = False,
    ) -> List[str]:
        """Writes exactly the files the command writes under ``prefix``
        (PNG, CSV, JSON; SVG too with ``svg``; every transition in
        PREFIX_lines.npz with ``all_lines``; plots against wavelength with
        ``wavelength_axis``), all or none. Returns their paths."""
        paths = self._native.save(os.fspath(prefix), svg, all_lines, wavelength_axis)
        return [os.fspath(p) for p in paths]


class Spectrum(_Result):
    """An absorption (or CD, or jellium) spectrum.

    Arrays on the energy grid, in the CSV's units: ``energy`` (eV),
    ``wavelength`` (nm), ``epsilon`` (M⁻¹ cm⁻¹), ``cross_section`` (Å²),
    ``density`` (oscillator strength per eV); ``delta_epsilon``
    (M⁻¹ cm⁻¹) and ``g_abs`` for CD. ``single_particle`` holds the
    independent-particle reference curves of a collective response (same
    names), ``lines`` the discrete excitations, ``peaks`` the band maxima.
    """

    def __init__(self, native: Any) -> None:
        super().__init__(native)
        c = self.columns
        self.energy: np.ndarray = c["energy_eV"]
        self.wavelength: np.ndarray = c["wavelength_nm"]
        self.epsilon: np.ndarray = c["epsilon_per_M_per_cm"]
        self.cross_section: np.ndarray = c["cross_section_A2"]
        self.density: np.ndarray = c["osc_strength_density_per_eV"]
        self.delta_epsilon: Optional[np.ndarray] = c.get("delta_epsilon_per_M_per_cm")
        self.g_abs: Optional[np.ndarray] = c.get("g_abs")
        self.single_particle: Optional[Dict[str, np.ndarray]] = _component(c, "single_particle")
        lines = native.lines()
        self.lines: Optional[Dict[str, np.ndarray]] = None if lines is None else dict(lines)
        """energy (eV), oscillator_strength, dipole (Å, N×3), rotatory_strength
        (10⁻⁴⁰ esu² cm², the lowest lines only); None for a density."""
        self.peaks: List[Peak] = [
            Peak(
                p["energy_ev"],
                p["wavelength_nm"],
                p["epsilon"],
                p["oscillator_strength"],
                p["fwhm_ev"],
                p["density_per_ev"],
            )
            for p in self.report.get("peaks", [])
        ]

    def __repr__(self) -> str:
        title = self.report.get("system", {}).get("name", "")
        model = self.report.get("model_description", "")
        return f"<clusterspec.Spectrum {title}: {model}; {len(self.peaks)} peaks>"

    def plot(self, ax: Any = None, label: Optional[str] = None, single_particle: bool = True) -> Any:
        """Draws ε against photon energy on a matplotlib axis (a new figure
        when ``ax`` is None), the single-particle reference dashed; returns
        the axis."""
        ax = _axis(ax)
        ax.plot(self.energy, self.epsilon, label=label or self.report.get("model_description"))
        if single_particle and self.single_particle is not None:
            ax.plot(
                self.energy,
                self.single_particle["epsilon"],
                "--",
                label="single particle",
            )
        ax.set_xlabel("photon energy (eV)")
        ax.set_ylabel("ε (M⁻¹ cm⁻¹)")
        ax.legend()
        return ax


class Emission(_Result):
    """A photoluminescence spectrum: ``energy`` (eV), ``wavelength`` (nm),
    ``absorption`` and ``emission`` normalised to 1 per unit energy;
    ``radiative_lifetime`` (s), ``peak_energy`` (eV), ``g_lum``."""

    def __init__(self, native: Any) -> None:
        super().__init__(native)
        c = self.columns
        self.energy: np.ndarray = c["energy_eV"]
        self.wavelength: np.ndarray = c["wavelength_nm"]
        self.absorption: np.ndarray = c["absorption_normalised"]
        self.emission: np.ndarray = c["emission_normalised"]
        em = self.report["emission"]
        self.peak_energy: Optional[float] = em.get("peak_energy")
        self.radiative_rate: float = em["radiative_rate"]
        self.radiative_lifetime: float = em["radiative_lifetime"]
        self.g_lum: Optional[float] = em.get("g_lum")
        lines = native.lines()
        self.lines: Optional[Dict[str, np.ndarray]] = None if lines is None else dict(lines)

    def plot(self, ax: Any = None) -> Any:
        """Draws the normalised absorption and emission; returns the axis."""
        ax = _axis(ax)
        ax.plot(self.energy, self.absorption, label="absorption (ε)")
        ax.plot(self.energy, self.emission, label="emission")
        ax.set_xlabel("photon energy (eV)")
        ax.set_ylabel("normalised intensity (per eV)")
        ax.legend()
        return ax


class MieSpectrum(_Result):
    """A classical spectrum of one particle: ``wavelength`` (nm),
    ``energy`` (eV), ``extinction``, ``scattering``, ``absorption``
    (cross-sections, nm²) and their efficiencies Q = σ/(πr²);
    ``bands`` (strongest first) from the record."""

    def __init__(self, native: Any) -> None:
        super().__init__(native)
        c = self.columns
        self.energy: np.ndarray = c["energy_eV"]
        self.wavelength: np.ndarray = c["wavelength_nm"]
        self.extinction: np.ndarray = c["extinction_cross_section_nm2"]
        self.scattering: np.ndarray = c["scattering_cross_section_nm2"]
        self.absorption: np.ndarray = c["absorption_cross_section_nm2"]
        self.extinction_efficiency: np.ndarray = c["extinction_efficiency"]
        self.bands: List[Dict[str, float]] = self.report["items"][0]["bands"]

    def plot(self, ax: Any = None) -> Any:
        """Draws the three cross-sections against wavelength."""
        ax = _axis(ax)
        ax.plot(self.wavelength, self.extinction, label="extinction")
        ax.plot(self.wavelength, self.scattering, "--", label="scattering")
        ax.plot(self.wavelength, self.absorption, "--", label="absorption")
        ax.set_xlabel("wavelength (nm)")
        ax.set_ylabel("cross-section σ (nm²)")
        ax.legend()
        return ax


class Sweep(_Result):
    """A composition sweep: ``energy`` (eV), ``fractions``, and per
    fraction (rows) ``mean_epsilon`` and ``sd_epsilon`` (M⁻¹ cm⁻¹) over
    the configurations; ``peak_energy`` and ``peak_sd`` (eV, NaN without a
    band maximum)."""

    def __init__(self, native: Any) -> None:
        super().__init__(native)
        comps = self.report["compositions"]
        self.energy: np.ndarray = self.columns["energy_eV"]
        self.fractions: np.ndarray = np.array([c["fraction"] for c in comps])
        self.mean_epsilon: np.ndarray = np.array([c["mean_epsilon"] for c in comps])
        self.sd_epsilon: np.ndarray = np.array([c["sd_epsilon"] for c in comps])
        nan = float("nan")
        self.peak_energy: np.ndarray = np.array(
            [nan if c["mean_peak_energy"] is None else c["mean_peak_energy"] for c in comps]
        )
        self.peak_sd: np.ndarray = np.array(
            [nan if c["sd_peak_energy"] is None else c["sd_peak_energy"] for c in comps]
        )

    def plot(self, ax: Any = None) -> Any:
        """Draws the mean ε of each fraction with its ±1σ band."""
        ax = _axis(ax)
        for x, m, sd in zip(self.fractions, self.mean_epsilon, self.sd_epsilon):
            (line,) = ax.plot(self.energy, m, label=f"x = {x:g}")
            ax.fill_between(self.energy, m - sd, m + sd, color=line.get_color(), alpha=0.2)
        ax.set_xlabel("photon energy (eV)")
        ax.set_ylabel("ε, mean ± 1σ (M⁻¹ cm⁻¹)")
        ax.legend()
        return ax


def _component(columns: Dict[str, np.ndarray], key: str) -> Optional[Dict[str, np.ndarray]]:
    """The columns of a reference component ``key`` under their short names."""
    names = {
        "epsilon": f"epsilon_{key}_per_M_per_cm",
        "cross_section": f"cross_section_{key}_A2",
        "density": f"osc_strength_density_{key}_per_eV",
    }
    if names["epsilon"] not in columns:
        return None
    return {short: columns[full] for short, full in names.items() if full in columns}


def _axis(ax: Any) -> Any:
    if ax is not None:
        return ax
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("plot() needs matplotlib: pip install matplotlib") from e
    _, ax = plt.subplots()
    return ax
