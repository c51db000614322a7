//! The conductance-based network simulator: populations, receptors, CSR projections with delays and
//! short-term plasticity, inputs, monitors, and the step loop.

mod input;
mod integrate;
mod monitor;
mod network;
mod population;
mod projection;
mod receptor;
mod spikes;

pub use input::{CurrentInput, CURRENT_PARAMS};
pub use monitor::{RateMonitor, SpikeRecord, StateMonitor, VAR_CONDUCTANCE, VAR_CURRENT};
pub use network::{AnyNetwork, NetConfig, Network};
pub use population::{Kind, Noise, Population};
pub use projection::{Projection, ProjectionSpec, Rule, Stp, PROJECTION_PARAMS};
pub use receptor::{peak_norm, Receptor, RECEPTOR_PARAMS};
pub use spikes::SpikeSpace;
