//! The spike space of one population for the current step: indices and times (ms) of the neurons
//! that fired. Capacity n is reserved once, so pushing never allocates.

#[derive(Clone, Debug, Default)]
pub struct SpikeSpace {
    pub ids: Vec<u32>,
    pub t_ms: Vec<f64>,
}

impl SpikeSpace {
    pub fn with_capacity(n: usize) -> SpikeSpace {
        SpikeSpace { ids: Vec::with_capacity(n), t_ms: Vec::with_capacity(n) }
    }

    #[inline]
    pub fn clear(&mut self) {
        self.ids.clear();
        self.t_ms.clear();
    }

    #[inline]
    pub fn push(&mut self, id: u32, t_ms: f64) {
        self.ids.push(id);
        self.t_ms.push(t_ms);
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}
