//! Whole calculations as a user asks for them: the settings with the
//! defaults of the command line, checked before any heavy work (with a
//! memory estimate the caller checks), then run on an engine. The command
//! line and the Python package are thin layers over these, so that the
//! same settings give the same numbers everywhere; neither prints here:
//! notes and warnings come back as text.

pub mod absorption;
pub mod broadening;
pub mod chiroptical;
pub mod jellium;
pub mod mie;
pub mod settings;
pub mod sweep;

pub use absorption::{Absorption, AbsorptionJob, AbsorptionSettings};
pub use settings::{
    BroadeningDefaults, BroadeningSettings, JELLIUM, ModelSettings, RESPONSE, ResponseKind,
    ResponseSettings, TIGHT_BINDING,
};
