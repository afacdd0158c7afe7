//! Chemical elements known to clusterspec, with the bulk data the builders
//! and models need.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// An element, parsed case-insensitively from its symbol.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Element {
    H,
    C,
    N,
    O,
    P,
    S,
    Na,
    K,
    Ni,
    Cu,
    Pd,
    Ag,
    Pt,
    Au,
}

/// All elements, in atomic-number order.
pub const ALL_ELEMENTS: [Element; 14] = [
    Element::H,
    Element::C,
    Element::N,
    Element::O,
    Element::Na,
    Element::P,
    Element::S,
    Element::K,
    Element::Ni,
    Element::Cu,
    Element::Pd,
    Element::Ag,
    Element::Pt,
    Element::Au,
];

impl Element {
    /// The chemical symbol, e.g. "Au".
    pub fn symbol(self) -> &'static str {
        match self {
            Element::H => "H",
            Element::C => "C",
            Element::N => "N",
            Element::O => "O",
            Element::P => "P",
            Element::S => "S",
            Element::Na => "Na",
            Element::K => "K",
            Element::Ni => "Ni",
            Element::Cu => "Cu",
            Element::Pd => "Pd",
            Element::Ag => "Ag",
            Element::Pt => "Pt",
            Element::Au => "Au",
        }
    }

    /// Atomic number.
    pub fn atomic_number(self) -> u32 {
        match self {
            Element::H => 1,
            Element::C => 6,
            Element::N => 7,
            Element::O => 8,
            Element::Na => 11,
            Element::P => 15,
            Element::S => 16,
            Element::K => 19,
            Element::Ni => 28,
            Element::Cu => 29,
            Element::Pd => 46,
            Element::Ag => 47,
            Element::Pt => 78,
            Element::Au => 79,
        }
    }

    /// Nearest-neighbour distance of the bulk metal at room temperature, Å
    /// (Kittel, *Introduction to Solid State Physics*, 8th ed., table 1.4;
    /// fcc for Ni Cu Pd Ag Pt Au, bcc for Na K). `None` for non-metals.
    pub fn bulk_nearest_neighbour(self) -> Option<f64> {
        match self {
            Element::Na => Some(3.659),
            Element::K => Some(4.544),
            Element::Ni => Some(2.492),
            Element::Cu => Some(2.556),
            Element::Pd => Some(2.751),
            Element::Ag => Some(2.889),
            Element::Pt => Some(2.775),
            Element::Au => Some(2.884),
            _ => None,
        }
    }

    /// True for the metals clusterspec builds clusters from.
    pub fn is_metal(self) -> bool {
        self.bulk_nearest_neighbour().is_some()
    }
}

impl fmt::Display for Element {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

impl FromStr for Element {
    type Err = Error;

    /// Parses a symbol case-insensitively ("au", "AU", "Au").
    fn from_str(s: &str) -> Result<Self, Error> {
        ALL_ELEMENTS
            .iter()
            .copied()
            .find(|e| e.symbol().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                let known: Vec<_> = ALL_ELEMENTS.iter().map(|e| e.symbol()).collect();
                Error::invalid(format!(
                    "unknown element `{s}` (known: {})",
                    known.join(" ")
                ))
            })
    }
}

impl TryFrom<String> for Element {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        s.parse()
    }
}

impl From<Element> for String {
    fn from(e: Element) -> String {
        e.symbol().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_parse_case_insensitively() {
        for e in ALL_ELEMENTS {
            assert_eq!(e.symbol().to_uppercase().parse::<Element>().unwrap(), e);
            assert_eq!(e.symbol().to_lowercase().parse::<Element>().unwrap(), e);
        }
        assert!("Xx".parse::<Element>().is_err());
    }
}
