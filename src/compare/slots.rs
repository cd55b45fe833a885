//! Slots: the one list claims are held in while they move from the parts
//! they were extracted in into their groups, never held twice at once.

/// Claims in slots, in runs of [`Slots::RUN`]: a list that is filled run
/// by run as the parts it is gathered from are freed, and emptied from its
/// end run by run, each run freed as it empties, so that claims are never
/// held twice at once (a run's room is taken again by the next run or
/// group, not kept beside it).
pub(super) struct Slots<T> {
    runs: Vec<Vec<Option<T>>>,
    pub(super) len: usize,
}

impl<T> Slots<T> {
    /// Slots a run: about 38 KB of claims, the size of the lists the parts
    /// come in, so the room a freed part leaves is taken again by the runs
    /// that follow (the allocator reuses freed room for requests of about
    /// its size; runs of megabytes took fresh memory, 125 MB more at the
    /// peak over the 100 MB archive corpus).
    const RUN: usize = 128;

    /// The items of `parts`, in order; each part is freed once moved.
    pub(super) fn gather(parts: Vec<Vec<T>>) -> Self {
        let mut slots = Slots { runs: Vec::new(), len: 0 };
        for part in parts {
            for item in part {
                if slots.len % Self::RUN == 0 {
                    slots.runs.push(Vec::with_capacity(Self::RUN));
                }
                slots.runs.last_mut().expect("a run was made").push(Some(item));
                slots.len += 1;
            }
        }
        slots
    }

    pub(super) fn get(&self, k: usize) -> Option<&T> {
        self.runs[k / Self::RUN][k % Self::RUN].as_ref()
    }

    fn take(&mut self, k: usize) -> Option<T> {
        self.runs[k / Self::RUN][k % Self::RUN].take()
    }

    fn put(&mut self, k: usize, item: Option<T>) {
        self.runs[k / Self::RUN][k % Self::RUN] = item;
    }

    /// Puts the items in `order`: the item at `order[p]` moves to `p`
    /// (`order` is a permutation of the positions), in place, each item
    /// moved once.
    pub(super) fn permute(&mut self, order: &[usize]) {
        debug_assert_eq!(self.len, order.len());
        let mut placed = vec![false; self.len];
        for start in 0..self.len {
            if placed[start] {
                continue;
            }
            // Follow the cycle through `start`: each position takes the
            // item from the position `order` names; the first closes it.
            let first = self.take(start);
            let mut p = start;
            loop {
                placed[p] = true;
                let q = order[p];
                if q == start {
                    self.put(p, first);
                    break;
                }
                let item = self.take(q);
                self.put(p, item);
                p = q;
            }
        }
    }

    /// The last `n` items, in order, out of the slots; a run is freed as it empties.
    pub(super) fn split_off_last(&mut self, n: usize) -> Vec<T> {
        // Taken from the end, run by run: the pieces come back to front,
        // and are joined in order once, each item moved once.
        let mut pieces: Vec<Vec<Option<T>>> = Vec::new();
        let mut taken = 0;
        while taken < n {
            let run = self.runs.last_mut().expect("as many items as asked for");
            let from = run.len().saturating_sub(n - taken);
            let piece = run.split_off(from);
            taken += piece.len();
            pieces.push(piece);
            if run.is_empty() {
                self.runs.pop();
            }
        }
        self.len -= n;
        let mut out = Vec::with_capacity(n);
        out.extend(pieces.into_iter().rev().flatten().map(|c| c.expect("an item is taken once")));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Slots gathered from parts, put in an order and cut from the end
        /// hold what the parts held, in that order, whatever the sizes.
        #[test]
        fn slots_gather_permute_and_give_back_every_item_once(
            sizes in proptest::collection::vec(0usize..300, 0..8),
            seed in 0u64..1000,
            cuts in proptest::collection::vec(1usize..200, 0..20),
        ) {
            let mut next = 0;
            let parts: Vec<Vec<usize>> = sizes.iter().map(|&n| (0..n).map(|_| { next += 1; next - 1 }).collect()).collect();
            let total = next;
            // A permutation from the seed: positions sorted by a hash of themselves.
            let mut order: Vec<usize> = (0..total).collect();
            order.sort_by_key(|&k| (k as u64 ^ seed).wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let mut slots = Slots::gather(parts);
            proptest::prop_assert_eq!(slots.len, total);
            slots.permute(&order);
            let mut back: Vec<Vec<usize>> = Vec::new();
            let mut left = total;
            for &cut in cuts.iter().chain(std::iter::repeat(&usize::MAX)) {
                if left == 0 {
                    break;
                }
                let n = cut.min(left);
                back.push(slots.split_off_last(n));
                left -= n;
            }
            back.reverse();
            proptest::prop_assert_eq!(back.concat(), order);
            proptest::prop_assert!(slots.runs.is_empty());
        }
    }
}
