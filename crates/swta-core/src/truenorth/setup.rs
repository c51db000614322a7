//! Loading a chip: the neuron-type table, each core's seed, axon types and crossbar, neuron types and
//! destinations, potentials. Every setter checks its input fully and names the bad field
//! (`cores[3].neurons[17].delay`); nothing is changed when it fails.

use super::chip::{Chip, CoreKind, CoreMeta, PACK_NONE, PACK_OUTPUT, VBOUND_UNKNOWN};
use super::crossbar::{pack_rows, unpack_rows};
use super::neuron::{NeuronType, TYPE_FIELDS};
use super::{DEST_NONE, DEST_OUTPUT, DISABLED, MAX_TYPES, N, WORDS};
use crate::error::{Error, ErrorKind, Result};

fn core_field(c: usize, j: usize, f: &str) -> String {
    format!("cores[{}].neurons[{}].{}", c, j, f)
}

impl Chip {
    /// Replace the neuron-type table with `n` types of TYPE_FIELDS i32 each.
    pub fn set_types(&mut self, fields: &[i32], n: u32) -> Result<()> {
        if n > MAX_TYPES || fields.len() != n as usize * TYPE_FIELDS {
            return Err(Error::invalid(
                "types",
                format!("need {} × {} fields (at most {} types), got {}", n, TYPE_FIELDS, MAX_TYPES, fields.len()),
            ));
        }
        let mut types = Vec::with_capacity(n as usize);
        for (i, f) in fields.chunks(TYPE_FIELDS).enumerate() {
            types.push(NeuronType::from_fields(i, f)?);
        }
        if let Some(k) = self.ntype.iter().position(|&t| t != DISABLED && t as u32 >= n) {
            return Err(Error::new(
                ErrorKind::State,
                core_field(k / N, k % N, "type"),
                format!("uses type {} but the new table has {} types", self.ntype[k], n),
            ));
        }
        self.types = types;
        self.refresh_kfast();
        for c in 0..self.n_cores {
            self.refresh_meta(c);
        }
        Ok(())
    }

    /// Core seed, axon types (256 values 0..3) and crossbar (256 rows × 8 u32 words, bit j = neuron j).
    pub fn set_core(&mut self, core: u32, seed: u32, axon_types: &[u8], crossbar: &[u32]) -> Result<()> {
        let c = self.check_core(core)?;
        if axon_types.len() != N || crossbar.len() != N * 8 {
            return Err(Error::invalid(
                format!("cores[{}]", c),
                format!(
                    "need {} axon types and {} crossbar words, got {} and {}",
                    N,
                    N * 8,
                    axon_types.len(),
                    crossbar.len()
                ),
            ));
        }
        if let Some(i) = axon_types.iter().position(|&g| g > 3) {
            return Err(Error::invalid(
                format!("cores[{}].axons[{}].type", c, i),
                format!("must be 0..3, got {}", axon_types[i]),
            ));
        }
        self.seeds[c] = seed;
        self.keys[c] = super::prng::core_key(seed, core);
        for (w, types) in self.atype[c * N / 32..(c + 1) * N / 32].iter_mut().zip(axon_types.chunks_exact(32)) {
            *w = types.iter().enumerate().fold(0, |acc, (i, &g)| acc | (g as u64) << (2 * i));
        }
        pack_rows(&mut self.xbar[c * N..c * N + N], crossbar);
        self.meta[c].settled = false;
        Ok(())
    }

    /// Crossbar rows of `core` as 8 u32 words per axon (inverse of `set_core`).
    pub fn crossbar(&self, core: u32, out: &mut [u32]) -> Result<()> {
        let c = self.check_core(core)?;
        unpack_rows(&self.xbar[c * N..c * N + N], out);
        Ok(())
    }

    fn resolve_dest(&self, c: usize, j: usize, d: &[i32]) -> Result<(i32, u8, u8)> {
        let (dx, dy, axon, delay) = (d[0], d[1], d[2], d[3]);
        if axon == -1 {
            return Ok((DEST_NONE, 0, 1));
        }
        if !(1..=15).contains(&delay) {
            return Err(Error::invalid(core_field(c, j, "delay"), format!("must be in 1..15 ticks, got {}", delay)));
        }
        if axon == -2 {
            return Ok((DEST_OUTPUT, 0, delay as u8));
        }
        if !(0..=255).contains(&axon) {
            return Err(Error::invalid(
                core_field(c, j, "axon"),
                format!("must be 0..255, -1 (none) or -2 (output), got {}", axon),
            ));
        }
        if !(-256..=255).contains(&dx) || !(-256..=255).contains(&dy) {
            return Err(Error::invalid(
                core_field(c, j, "dx"),
                format!("offsets must fit 9 bits (-256..255), got ({}, {})", dx, dy),
            ));
        }
        let x = (c as u32 % self.cols) as i32 + dx;
        let y = (c as u32 / self.cols) as i32 + dy;
        if x < 0 || y < 0 || x >= self.cols as i32 || y >= self.rows as i32 {
            return Ok((DEST_OUTPUT, axon as u8, delay as u8));
        }
        Ok((y * self.cols as i32 + x, axon as u8, delay as u8))
    }

    /// Types (−1 = no neuron) and destinations (dx, dy, axon, delay per neuron; axon −1 = unconnected,
    /// −2 = output connector) of the 256 neurons of `core`. Potentials are set to each type's V.
    pub fn set_neurons(&mut self, core: u32, types: &[i32], dest: &[i32]) -> Result<()> {
        let c = self.check_core(core)?;
        if types.len() != N || dest.len() != N * 4 {
            return Err(Error::invalid(
                format!("cores[{}]", c),
                format!("need {} types and {} destination fields, got {} and {}", N, N * 4, types.len(), dest.len()),
            ));
        }
        for j in 0..N {
            let t = types[j];
            if t < -1 || t >= self.types.len() as i32 {
                return Err(Error::invalid(
                    core_field(c, j, "type"),
                    format!("must be -1 (none) or 0..{}, got {}", self.types.len() as i32 - 1, t),
                ));
            }
            self.resolve_dest(c, j, &dest[4 * j..4 * j + 4])?;
        }
        for j in 0..N {
            let (dc, ax, dl) = self.resolve_dest(c, j, &dest[4 * j..4 * j + 4])?;
            let k = c * N + j;
            self.ntype[k] = if types[j] < 0 { DISABLED } else { types[j] as u16 };
            self.v[k] = if types[j] < 0 { 0 } else { self.types[types[j] as usize].v0 };
            self.dest[k] = match dc {
                DEST_NONE => PACK_NONE,
                DEST_OUTPUT => PACK_OUTPUT,
                _ => (dc as u32) << 12 | (ax as u32) << 4 | dl as u32,
            };
        }
        self.refresh_meta(c);
        Ok(())
    }

    fn refresh_meta(&mut self, c: usize) {
        let nts = &self.ntype[c * N..c * N + N];
        let first = nts[0];
        let same = nts.iter().all(|&t| t == first);
        let quiet = nts
            .iter()
            .all(|&t| t == DISABLED || self.types.get(t as usize).map_or(true, |ty| ty.quiet_without_input()));
        let kind = if nts.iter().all(|&t| t == DISABLED) {
            CoreKind::Empty
        } else if same && self.types.get(first as usize).map_or(false, |ty| ty.stoch == 0) {
            CoreKind::Uniform(first)
        } else {
            CoreKind::Mixed
        };
        let all_fast = nts.iter().all(|&t| {
            t == DISABLED || self.types.get(t as usize).map_or(false, |ty| !ty.c_l && ty.mask == 0 && ty.stoch == 0)
        });
        self.meta[c] = CoreMeta { kind, quiet, settled: false, all_fast };
        self.vbound[c] = VBOUND_UNKNOWN;
        self.refresh_weights(c);
    }

    /// Rebuild the per-type constants of the fast step (after a type or switch change).
    pub(super) fn refresh_kfast(&mut self) {
        let cfg = self.cfg;
        self.kfast = self.types.iter().map(|t| super::fast::K::of(t, &cfg)).collect();
    }

    /// Per-neuron weights of core `c` by axon type (0 for no neuron or a stochastic synapse) and the
    /// masks of neurons with a stochastic synapse per type, for the dense mixed-core integration.
    fn refresh_weights(&mut self, c: usize) {
        for g in 0..4 {
            for w in 0..WORDS {
                self.smask[(c * 4 + g) * WORDS + w] = 0;
            }
            for j in 0..N {
                let nt = self.ntype[c * N + j];
                let (wt, st) = match self.types.get(nt as usize) {
                    Some(t) if nt != DISABLED => {
                        if (t.stoch >> g) & 1 == 1 {
                            (0, true)
                        } else {
                            (t.w[g], false)
                        }
                    }
                    _ => (0, false),
                };
                self.wexp[(c * 4 + g) * N + j] = wt as i16;
                if st {
                    self.smask[(c * 4 + g) * WORDS + j / 64] |= 1u64 << (j % 64);
                }
            }
        }
    }

    pub fn set_potentials(&mut self, core: u32, v: &[i32]) -> Result<()> {
        let c = self.check_core(core)?;
        if v.len() != N {
            return Err(Error::invalid(
                format!("cores[{}].potentials", c),
                format!("need {} values, got {}", N, v.len()),
            ));
        }
        self.v[c * N..c * N + N].copy_from_slice(v);
        self.meta[c].settled = false;
        self.vbound[c] = VBOUND_UNKNOWN;
        Ok(())
    }

    pub fn potentials(&self, core: u32, out: &mut [i32]) -> Result<()> {
        let c = self.check_core(core)?;
        if out.len() != N {
            return Err(Error::invalid("out", format!("need room for {} potentials, got {}", N, out.len())));
        }
        out.copy_from_slice(&self.v[c * N..c * N + N]);
        Ok(())
    }
}
