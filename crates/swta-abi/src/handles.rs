//! Generation-checked handle arenas: a handle is `slot | generation << 16`, so a freed handle
//! (or a made-up number) is rejected instead of touching another object.

pub struct Arena<T> {
    slots: Vec<(u16, Option<T>)>,
    free: Vec<u16>,
}

impl<T> Arena<T> {
    pub const fn new() -> Arena<T> {
        Arena { slots: Vec::new(), free: Vec::new() }
    }

    /// Store `value`; None when all 65,535 slots are taken.
    pub fn insert(&mut self, value: T) -> Option<u32> {
        if let Some(i) = self.free.pop() {
            let slot = &mut self.slots[i as usize];
            slot.0 = slot.0.wrapping_add(1).max(1);
            slot.1 = Some(value);
            return Some(pack(i, slot.0));
        }
        if self.slots.len() >= 0xffff {
            return None;
        }
        self.slots.push((1, Some(value)));
        Some(pack((self.slots.len() - 1) as u16, 1))
    }

    pub fn get_mut(&mut self, h: u32) -> Option<&mut T> {
        let (i, g) = unpack(h);
        match self.slots.get_mut(i as usize) {
            Some((gen, Some(v))) if *gen == g => Some(v),
            _ => None,
        }
    }

    pub fn remove(&mut self, h: u32) -> Option<T> {
        let (i, g) = unpack(h);
        match self.slots.get_mut(i as usize) {
            Some((gen, v)) if *gen == g && v.is_some() => {
                self.free.push(i);
                v.take()
            }
            _ => None,
        }
    }

    pub fn live(&self) -> usize {
        self.slots.iter().filter(|s| s.1.is_some()).count()
    }
}

impl<T> Default for Arena<T> {
    fn default() -> Self {
        Arena::new()
    }
}

fn pack(i: u16, g: u16) -> u32 {
    i as u32 | (g as u32) << 16
}

fn unpack(h: u32) -> (u16, u16) {
    (h as u16, (h >> 16) as u16)
}

/// Declare a thread-local arena for one object type and `with_<name>` access, e.g.
/// `arena!(NETS, Network)`. (Wasm and Node's main thread are single-threaded.)
#[macro_export]
macro_rules! arena {
    ($name:ident, $t:ty) => {
        thread_local! {
            pub static $name: std::cell::RefCell<$crate::handles::Arena<$t>> =
                std::cell::RefCell::new($crate::handles::Arena::new());
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_handles_are_rejected() {
        let mut a = Arena::new();
        let h1 = a.insert(1).unwrap();
        assert_eq!(a.remove(h1), Some(1));
        let h2 = a.insert(2).unwrap();
        assert_ne!(h1, h2, "same slot, new generation");
        assert!(a.get_mut(h1).is_none());
        assert_eq!(*a.get_mut(h2).unwrap(), 2);
        assert!(a.get_mut(12345).is_none());
        assert_eq!(a.live(), 1);
    }
}
