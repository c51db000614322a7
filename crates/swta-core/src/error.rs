//! The core's error type: what went wrong and where (a field path and an index), so that the ABI can
//! hand TypeScript a sentence naming the bad field.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(i32)]
pub enum ErrorKind {
    /// A parameter is out of its allowed range (NaN, negative time constant, probability > 1 ...).
    InvalidArgument = 1,
    /// A reference to something that does not exist (population, receptor, core, handle).
    NotFound = 2,
    /// The request would exceed a stated memory or size budget.
    Budget = 3,
    /// The operation is not allowed in the current state (e.g. adding a population after build).
    State = 4,
    /// A numerical failure (an integrator could not meet its tolerance, a state became non-finite).
    Numerical = 5,
    /// Malformed input data (model files, spike files).
    Parse = 6,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    pub kind: ErrorKind,
    /// Dotted path of the offending field, e.g. "populations[2].tau_m_ms".
    pub field: String,
    pub message: String,
}

impl Error {
    pub fn new(kind: ErrorKind, field: impl Into<String>, message: impl Into<String>) -> Error {
        Error { kind, field: field.into(), message: message.into() }
    }
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidArgument, field, message)
    }
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

pub type Result<T> = core::result::Result<T, Error>;
