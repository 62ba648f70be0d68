//! A compact ordered map for the project's tasks and links.
//!
//! `std`'s `BTreeMap` filled in ascending key order (the way plans are written and
//! grown) keeps its leaves about 55% full, which made a plain task cost ~460 bytes of map
//! for a 248-byte [`Task`](super::Task). [`SortedMap`] keeps the entries in one sorted
//! `Vec` (full, so the map costs the entry and a key), with two side structures that keep
//! every operation within O(log n) amortised:
//!
//! - appends (a key above every key held, the usual case) push onto the vector;
//! - a key inserted below the last one goes to a small `BTreeMap` (the *side*), merged
//!   into the vector in one linear pass when it grows past an eighth of the map;
//! - a removal leaves a tombstone in the vector (a re-insert of the same key reuses it),
//!   and the vector is compacted when half of it is tombstones.
//!
//! Iteration merges the vector and the side in key order, so every reader sees one
//! ordered map. A property test compares it with `BTreeMap` over random operations.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::collections::btree_map;
use std::iter::Peekable;

/// An ordered map stored as a sorted vector plus a small side map (see the module docs).
#[derive(Clone)]
pub struct SortedMap<K, V> {
    // The vector part, as two parallel vectors: the keys (searched) and the values
    // (`None` for a removed entry, a tombstone that keeps its key's place).
    keys: Vec<K>,
    main: Vec<Option<V>>,
    dead: usize,
    side: BTreeMap<K, V>,
}

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        SortedMap {
            keys: Vec::new(),
            main: Vec::new(),
            dead: 0,
            side: BTreeMap::new(),
        }
    }
}

impl<K, V> SortedMap<K, V> {
    /// An empty map, as a constant (for statics).
    pub const EMPTY: SortedMap<K, V> = SortedMap {
        keys: Vec::new(),
        main: Vec::new(),
        dead: 0,
        side: BTreeMap::new(),
    };
}

impl<K: Ord + Copy, V> SortedMap<K, V> {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.main.len() - self.dead + self.side.len()
    }

    /// Whether the map holds no entry.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn find(&self, k: &K) -> Result<usize, usize> {
        self.keys.binary_search(k)
    }

    /// The value stored under `k`.
    pub fn get(&self, k: &K) -> Option<&V> {
        match self.find(k) {
            Ok(i) => self.main[i].as_ref(),
            Err(_) => self.side.get(k),
        }
    }

    /// The value stored under `k`, mutably.
    pub fn get_mut(&mut self, k: &K) -> Option<&mut V> {
        match self.find(k) {
            Ok(i) => self.main[i].as_mut(),
            Err(_) => self.side.get_mut(k),
        }
    }

    /// Whether `k` is held.
    pub fn contains_key(&self, k: &K) -> bool {
        self.get(k).is_some()
    }

    /// Stores `v` under `k`, returning the value it replaces.
    pub fn insert(&mut self, k: K, v: V) -> Option<V> {
        match self.keys.last() {
            None => {
                if let Some(old) = self.side.get_mut(&k) {
                    return Some(std::mem::replace(old, v));
                }
                if self.side.is_empty() {
                    self.keys.push(k);
                    self.main.push(Some(v));
                    return None;
                }
            }
            Some(last) if *last < k => {
                // The side never holds a key that the vector holds, so a key above the
                // vector's last may still be in the side.
                if let Some(old) = self.side.get_mut(&k) {
                    return Some(std::mem::replace(old, v));
                }
                self.keys.push(k);
                self.main.push(Some(v));
                return None;
            }
            Some(_) => {}
        }
        match self.find(&k) {
            Ok(i) => {
                let old = self.main[i].replace(v);
                if old.is_none() {
                    self.dead -= 1;
                }
                old
            }
            Err(_) => {
                let old = self.side.insert(k, v);
                if old.is_none() && self.side.len() > 32.max(self.main.len() / 8) {
                    self.merge();
                }
                old
            }
        }
    }

    /// Removes `k`, returning its value.
    pub fn remove(&mut self, k: &K) -> Option<V> {
        match self.find(k) {
            Ok(i) => {
                let old = self.main[i].take();
                if old.is_some() {
                    self.dead += 1;
                    if self.dead > 32.max(self.main.len() / 2) {
                        self.merge();
                    }
                }
                old
            }
            Err(_) => self.side.remove(k),
        }
    }

    /// Keeps the entries for which `f` returns true.
    pub fn retain(&mut self, mut f: impl FnMut(&K, &mut V) -> bool) {
        for (k, slot) in self.keys.iter().zip(&mut self.main) {
            if let Some(v) = slot
                && !f(k, v)
            {
                *slot = None;
                self.dead += 1;
            }
        }
        self.side.retain(|k, v| f(k, v));
        self.merge();
    }

    /// Folds the side map and the tombstones into one sorted, full vector (linear).
    fn merge(&mut self) {
        if self.side.is_empty() && self.dead == 0 {
            return;
        }
        let keys = std::mem::take(&mut self.keys);
        let main = std::mem::take(&mut self.main);
        let side = std::mem::take(&mut self.side);
        let n = main.len() - self.dead + side.len();
        let (mut ok, mut ov) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let mut a = keys
            .into_iter()
            .zip(main)
            .filter(|(_, v)| v.is_some())
            .peekable();
        let mut b = side.into_iter().peekable();
        loop {
            let take_a = match (a.peek(), b.peek()) {
                (Some((ka, _)), Some((kb, _))) => ka < kb,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            let (k, v) = if take_a {
                match a.next() {
                    Some(e) => e,
                    None => break,
                }
            } else {
                match b.next() {
                    Some((k, v)) => (k, Some(v)),
                    None => break,
                }
            };
            ok.push(k);
            ov.push(v);
        }
        self.keys = ok;
        self.main = ov;
        self.dead = 0;
    }

    /// The entries in key order.
    pub fn iter(&self) -> Iter<'_, K, V> {
        Iter {
            a: self.keys.iter().zip(self.main.iter()).peekable(),
            b: self.side.range(..).peekable(),
            left: self.len(),
        }
    }

    /// The entries whose keys fall in `r`, in key order.
    pub fn range<R: std::ops::RangeBounds<K>>(&self, r: R) -> impl Iterator<Item = (&K, &V)> + '_ {
        use std::ops::Bound;
        let lo = match r.start_bound() {
            Bound::Included(k) => self.keys.partition_point(|x| x < k),
            Bound::Excluded(k) => self.keys.partition_point(|x| x <= k),
            Bound::Unbounded => 0,
        };
        let hi = match r.end_bound() {
            Bound::Included(k) => self.keys.partition_point(|x| x <= k),
            Bound::Excluded(k) => self.keys.partition_point(|x| x < k),
            Bound::Unbounded => self.keys.len(),
        }
        .max(lo);
        let b = self.side.range(r);
        // `left` only feeds `size_hint`, which a range (not `ExactSizeIterator`) does not
        // promise; it is kept at its upper bound.
        let left = usize::MAX;
        Iter {
            a: self.keys[lo..hi]
                .iter()
                .zip(self.main[lo..hi].iter())
                .peekable(),
            b: b.peekable(),
            left,
        }
    }

    /// The entries in key order, values mutable.
    pub fn iter_mut(&mut self) -> IterMut<'_, K, V> {
        let left = self.len();
        IterMut {
            a: self.keys.iter().zip(self.main.iter_mut()).peekable(),
            b: self.side.range_mut(..).peekable(),
            left,
        }
    }

    /// The keys in order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &K> + '_ {
        self.iter().map(|(k, _)| k)
    }

    /// The values in key order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = &V> + '_ {
        self.iter().map(|(_, v)| v)
    }

    /// The values in key order, mutable.
    pub fn values_mut(&mut self) -> impl ExactSizeIterator<Item = &mut V> + '_ {
        self.iter_mut().map(|(_, v)| v)
    }

    /// The largest key held.
    pub fn last_key(&self) -> Option<&K> {
        let a = self
            .keys
            .iter()
            .zip(&self.main)
            .rev()
            .find(|(_, v)| v.is_some())
            .map(|e| e.0);
        let b = self.side.keys().next_back();
        match (a, b) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        }
    }

    /// Reserves room for `n` more appended entries.
    pub fn reserve(&mut self, n: usize) {
        self.keys.reserve(n);
        self.main.reserve(n);
    }

    /// Releases spare capacity (after a bulk load).
    pub fn shrink_to_fit(&mut self) {
        self.merge();
        self.keys.shrink_to_fit();
        self.main.shrink_to_fit();
    }
}

/// Iterator over a [`SortedMap`] in key order.
#[derive(Debug)]
pub struct Iter<'a, K, V> {
    a: Peekable<std::iter::Zip<std::slice::Iter<'a, K>, std::slice::Iter<'a, Option<V>>>>,
    b: Peekable<btree_map::Range<'a, K, V>>,
    left: usize,
}

impl<'a, K: Ord, V> Iterator for Iter<'a, K, V> {
    // `size_hint` is exact for `iter()`; `range()` hides the type, so its
    // `usize::MAX` placeholder only reads as "at most that many".
    type Item = (&'a K, &'a V);
    fn next(&mut self) -> Option<Self::Item> {
        while let Some((_, None)) = self.a.peek() {
            self.a.next();
        }
        let ord = match (self.a.peek(), self.b.peek()) {
            (Some((ka, _)), Some((kb, _))) => ka.cmp(kb),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => return None,
        };
        self.left = self.left.saturating_sub(1);
        if ord == Ordering::Less {
            self.a.next().and_then(|(k, v)| v.as_ref().map(|v| (k, v)))
        } else {
            self.b.next()
        }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.left == usize::MAX {
            (0, None)
        } else {
            (self.left, Some(self.left))
        }
    }
}

impl<K: Ord, V> ExactSizeIterator for Iter<'_, K, V> {}

/// Mutable iterator over a [`SortedMap`] in key order.
#[derive(Debug)]
pub struct IterMut<'a, K, V> {
    a: Peekable<std::iter::Zip<std::slice::Iter<'a, K>, std::slice::IterMut<'a, Option<V>>>>,
    b: Peekable<btree_map::RangeMut<'a, K, V>>,
    left: usize,
}

impl<'a, K: Ord, V> Iterator for IterMut<'a, K, V> {
    type Item = (&'a K, &'a mut V);
    fn next(&mut self) -> Option<Self::Item> {
        while let Some((_, None)) = self.a.peek() {
            self.a.next();
        }
        let ord = match (self.a.peek(), self.b.peek()) {
            (Some((ka, _)), Some((kb, _))) => ka.cmp(kb),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => return None,
        };
        self.left -= 1;
        if ord == Ordering::Less {
            self.a.next().and_then(|(k, v)| v.as_mut().map(|v| (k, v)))
        } else {
            self.b.next()
        }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl<K: Ord, V> ExactSizeIterator for IterMut<'_, K, V> {}

impl<'a, K: Ord + Copy, V> IntoIterator for &'a SortedMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = Iter<'a, K, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a, K: Ord + Copy, V> IntoIterator for &'a mut SortedMap<K, V> {
    type Item = (&'a K, &'a mut V);
    type IntoIter = IterMut<'a, K, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

impl<K: Ord + Copy, V> std::ops::Index<&K> for SortedMap<K, V> {
    type Output = V;
    /// Panics when `k` is not held, as `BTreeMap`'s `Index` does: the model indexes only
    /// keys it has just checked (the same call sites indexed a `BTreeMap` before).
    #[allow(clippy::expect_used)]
    fn index(&self, k: &K) -> &V {
        self.get(k).expect("key held by the map")
    }
}

impl<K: Ord + Copy, V: PartialEq> PartialEq for SortedMap<K, V> {
    fn eq(&self, o: &Self) -> bool {
        self.len() == o.len() && self.iter().eq(o.iter())
    }
}

impl<K: Ord + Copy + std::fmt::Debug, V: std::fmt::Debug> std::fmt::Debug for SortedMap<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: Ord + Copy, V> FromIterator<(K, V)> for SortedMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(it: I) -> Self {
        let mut m = SortedMap::new();
        m.extend(it);
        m
    }
}

impl<K: Ord + Copy, V> Extend<(K, V)> for SortedMap<K, V> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, it: I) {
        for (k, v) in it {
            self.insert(k, v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Insert(u16, u32),
        Remove(u16),
        Retain(u16),
        GetMut(u16, u32),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            6 => (0u16..400, any::<u32>()).prop_map(|(k, v)| Op::Insert(k, v)),
            // appends above everything held, the common case
            3 => (400u16..2000, any::<u32>()).prop_map(|(k, v)| Op::Insert(k, v)),
            4 => (0u16..2000).prop_map(Op::Remove),
            1 => (2u16..9).prop_map(Op::Retain),
            2 => (0u16..2000, any::<u32>()).prop_map(|(k, v)| Op::GetMut(k, v)),
        ]
    }

    proptest! {
        #[test]
        fn behaves_as_a_btreemap(ops in prop::collection::vec(op(), 0..600)) {
            let mut m = SortedMap::new();
            let mut r = BTreeMap::new();
            for o in ops {
                match o {
                    Op::Insert(k, v) => prop_assert_eq!(m.insert(k, v), r.insert(k, v)),
                    Op::Remove(k) => prop_assert_eq!(m.remove(&k), r.remove(&k)),
                    Op::Retain(d) => {
                        m.retain(|k, _| k % d != 0);
                        r.retain(|k, _| k % d != 0);
                    }
                    Op::GetMut(k, v) => {
                        if let Some(x) = m.get_mut(&k) { *x = v; }
                        if let Some(x) = r.get_mut(&k) { *x = v; }
                    }
                }
                prop_assert_eq!(m.len(), r.len());
            }
            prop_assert!(m.iter().eq(r.iter()));
            prop_assert!(m.iter().len() == r.len());
            for (_, v) in m.iter_mut() { *v = v.wrapping_add(1); }
            for v in r.values_mut() { *v = v.wrapping_add(1); }
            prop_assert!(m.values().eq(r.values()));
            prop_assert_eq!(m.last_key(), r.keys().next_back());
            for k in 0..2000u16 {
                prop_assert_eq!(m.get(&k), r.get(&k));
            }
            let mut c = m.clone();
            c.shrink_to_fit();
            prop_assert!(c == m);
        }
    }

    #[test]
    fn descending_inserts_stay_fast_and_ordered() {
        // 200,000 keys inserted top down: every one goes below the vector's last key, so
        // this exercises the side map and its merges (quadratic if they were per insert).
        let mut m = SortedMap::new();
        for k in (0..200_000u32).rev() {
            m.insert(k, k);
        }
        assert_eq!(m.len(), 200_000);
        assert!(m.keys().copied().eq(0..200_000));
        for k in (0..200_000u32).step_by(2) {
            m.remove(&k);
        }
        assert!(m.keys().copied().eq((1..200_000).step_by(2)));
    }
}
