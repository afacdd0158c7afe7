//! The broadening a user asks for, with each calculation's defaults, and
//! the range widened to show a first bright line below it.

use crate::error::Result;
use crate::response::groups::first_bright;
use crate::response::{Broadening, Calculation};
use crate::spectrum::{EnergyGrid, LineShape};

/// A calculation's own defaults for the broadening.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BroadeningDefaults {
    /// Photon energies, eV.
    pub range: (f64, f64),
    pub points: usize,
    pub shape: LineShape,
    /// eV.
    pub fwhm: f64,
}

/// Tight-binding defaults: Gaussian FWHM 0.1 eV on 1–6 eV (207–1240 nm).
pub const TIGHT_BINDING: BroadeningDefaults = BroadeningDefaults {
    range: (1.0, 6.0),
    points: 1000,
    shape: LineShape::Gaussian,
    fwhm: 0.1,
};

/// Collective-response defaults: Lorentzian FWHM 0.1 eV on 1–6 eV (the
/// frequency route's line shape is its damping, a Lorentzian).
pub const RESPONSE: BroadeningDefaults = BroadeningDefaults {
    range: (1.0, 6.0),
    points: 1000,
    shape: LineShape::Lorentzian,
    fwhm: 0.1,
};

/// Jellium defaults: Lorentzian FWHM 0.1 eV on 0.5–6 eV.
pub const JELLIUM: BroadeningDefaults = BroadeningDefaults {
    range: (0.5, 6.0),
    points: 1101,
    shape: LineShape::Lorentzian,
    fwhm: 0.1,
};

/// Where and how lines are broadened; `None` takes the calculation's
/// default.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BroadeningSettings {
    /// Full width at half maximum, eV.
    pub fwhm: Option<f64>,
    pub lineshape: Option<LineShape>,
    /// Photon energies, eV.
    pub range: Option<(f64, f64)>,
    pub points: Option<usize>,
}

impl BroadeningSettings {
    /// The broadening on `range` (eV) with defaults `d`.
    pub fn on_range(&self, range: (f64, f64), d: &BroadeningDefaults) -> Result<Broadening> {
        let grid = EnergyGrid::new(range.0, range.1, self.points.unwrap_or(d.points))?;
        Broadening::new(
            grid,
            self.lineshape.unwrap_or(d.shape),
            self.fwhm.unwrap_or(d.fwhm),
        )
    }

    /// The broadening with defaults `d`.
    pub fn broadening(&self, d: &BroadeningDefaults) -> Result<Broadening> {
        self.on_range(self.range.unwrap_or(d.range), d)
    }

    /// When no range was given and the first bright line of `calc`'s
    /// main component lies below the start of `b`, the broadening on a
    /// range starting three widths below that line (rounded down to
    /// 0.1 eV, at least 0.1 eV), and a note saying so.
    pub fn widened(
        &self,
        calc: &Calculation,
        b: &Broadening,
        d: &BroadeningDefaults,
    ) -> Result<Option<(Broadening, String)>> {
        let first = calc.main().response.lines().and_then(first_bright);
        let Some(first) = first.filter(|&e| self.range.is_none() && e < b.grid.start) else {
            return Ok(None);
        };
        let start = ((first - 3.0 * b.fwhm) * 10.0).floor().max(1.0) / 10.0;
        let widened = self.on_range((start, b.grid.end), d)?;
        let note = format!(
            "the range starts at {start:.1} eV (the default start is {:.1} eV) to show the \
             first bright transition, at {first:.3} eV; an explicit range sets it",
            b.grid.start
        );
        Ok(Some((widened, note)))
    }
}

/// A warning when `b`'s line width is below twice its grid spacing: the
/// curve then undersamples its lines.
pub fn undersampled(b: &Broadening) -> Option<String> {
    let spacing = b.grid.step();
    (b.fwhm < 2.0 * spacing).then(|| {
        format!(
            "the line width ({} eV) is below twice the grid spacing ({spacing:.3e} eV): the \
             curve undersamples its lines, so heights and widths on the plot are off (the band \
             table's f values are summed from the lines); use more points or a larger width",
            b.fwhm
        )
    })
}
