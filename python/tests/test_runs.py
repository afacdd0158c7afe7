"""Progress, interruption, plotting and the result classes."""

import threading
import _thread
import time

import numpy as np
import pytest

import clusterspec

ase_cluster = pytest.importorskip("ase.cluster")


def test_a_progress_callback_hears_the_stages():
    heard = []
    clusterspec.absorption(
        ase_cluster.Icosahedron("Ag", 4),
        backend="cpu",
        progress=lambda stage, done, total: heard.append(stage),
    )
    assert heard, "no stage reported"
    assert all(isinstance(s, str) and s for s in heard)


def test_the_text_bar_writes_to_stderr(capsys):
    clusterspec.absorption(ase_cluster.Icosahedron("Ag", 4), backend="cpu", progress=True)
    assert capsys.readouterr().err.strip()


def test_an_error_in_the_callback_stops_the_run():
    def fail(stage, done, total):
        raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        clusterspec.absorption(ase_cluster.Icosahedron("Ag", 4), backend="cpu", progress=fail)


def test_ctrl_c_interrupts_a_long_run():
    # SIGINT lands as KeyboardInterrupt in the main thread while the run
    # waits without the GIL; it must come back long before the run ends.
    timer = threading.Timer(0.5, _thread.interrupt_main)
    start = time.monotonic()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        clusterspec.sweep(
            ase_cluster.Icosahedron("Au", 4), configurations=50, backend="cpu"
        )
    assert time.monotonic() - start < 30


def test_the_spectrum_holds_arrays_in_the_csv_units():
    s = clusterspec.absorption(ase_cluster.Icosahedron("Ag", 3), backend="cpu")
    assert s.energy[0] == pytest.approx(1.0) and s.energy[-1] == pytest.approx(6.0)
    np.testing.assert_allclose(s.wavelength, 1239.841984 / s.energy, rtol=1e-6)
    assert s.single_particle is not None and set(s.single_particle) == {
        "epsilon", "cross_section", "density"
    }
    # ε and σ are the same curve in different units: σ(Å²) = 3.82e-5 ε (M⁻¹ cm⁻¹).
    k = np.argmax(s.epsilon)
    assert s.cross_section[k] / s.epsilon[k] == pytest.approx(3.8235e-5, rel=1e-3)
    assert s.peaks and s.peaks[0].wavelength == pytest.approx(1239.841984 / s.peaks[0].energy, rel=1e-6)
    assert s.report["run"]["program"].startswith("clusterspec")


def test_plot_draws_on_a_matplotlib_axis():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    s = clusterspec.absorption(ase_cluster.Icosahedron("Ag", 3), backend="cpu")
    assert s.plot(ax) is ax
    assert len(ax.lines) == 2  # the response and the single-particle reference
    m = clusterspec.mie(material="Ag", diameter=10)
    m.plot(ax)
    plt.close(fig)


def test_help_teaches_units():
    doc = clusterspec.absorption.__doc__
    for word in ["eV", "model", "response", "fwhm", "energy_range", "GiB", "Returns"]:
        assert word in doc
