//! Models: a structure becomes a Hamiltonian and its operators.

pub mod electrons;
pub mod tight_binding;
