//! The dictionary's matcher: aho-corasick's leftmost-longest DFA, copied into one flat table that
//! the search loop indexes directly. aho-corasick keeps its table in a `Vec` whose indexing, at
//! the size-optimised level the Wasm build uses, is a function call per byte of text; this loop
//! is the same walk without that call, and the dictionary pass is the largest per-byte cost of an
//! analysis (`docs/performance.md`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use aho_corasick::automaton::Automaton;
use aho_corasick::automaton::StateID;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind};

/// Marks a state that is not a match state in [`Dfa::patterns`].
const NO_PATTERN: u32 = u32::MAX;

/// A leftmost-longest, ASCII-case-insensitive matcher for a list of non-empty words.
pub struct Dfa {
    /// Equivalence class of each byte: bytes no word contains share one class, and an ASCII
    /// letter shares its class with its other case.
    classes: [u8; 256],
    /// Number of classes: the stride of a state's row in `next`.
    stride: usize,
    /// `next[state * stride + class]`: the next state, as its row offset (`state * stride`).
    next: Vec<u32>,
    /// States are numbered dead first, then match states, then the rest; a row offset below
    /// this is one of the first two kinds.
    specials_end: u32,
    /// For each match state (by number), the word it ends; `NO_PATTERN` for the dead state.
    patterns: Vec<u32>,
    /// Length in bytes of each word.
    lengths: Vec<u32>,
    start: u32,
}

/// One word found: its index in the list and its byte range in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub pattern: usize,
    pub start: usize,
    pub end: usize,
}

impl Dfa {
    /// Builds the matcher; `None` when aho-corasick cannot (too many states for its IDs).
    pub fn new<P: AsRef<[u8]>>(words: &[P]) -> Option<Dfa> {
        let dfa = DFA::builder().match_kind(MatchKind::LeftmostLongest).ascii_case_insensitive(true).prefilter(false).build(words).ok()?;
        let classes = byte_classes(words);
        let stride = usize::from(classes.iter().copied().max().unwrap_or(0)) + 1;
        let mut representative = vec![0u8; stride];
        for byte in (0..=255u8).rev() {
            representative[usize::from(classes[usize::from(byte)])] = byte;
        }

        // Every state reachable from the unanchored start, in the order first seen.
        let start = dfa.start_state(Anchored::No).ok()?;
        let mut order: Vec<StateID> = vec![start];
        let mut seen: HashMap<StateID, usize, BuildHasherDefault<StateHasher>> = HashMap::default();
        seen.insert(start, 0);
        let mut at = 0;
        while at < order.len() {
            let state = order[at];
            for &byte in &representative {
                let next = dfa.next_state(Anchored::No, state, byte);
                seen.entry(next).or_insert_with(|| {
                    order.push(next);
                    order.len() - 1
                });
            }
            at += 1;
        }

        // Renumber: dead, then match states, then the rest, so one comparison finds either.
        let rank = |state: StateID| {
            if dfa.is_dead(state) {
                0
            } else if dfa.is_match(state) {
                1
            } else {
                2
            }
        };
        let mut numbering: Vec<usize> = (0..order.len()).collect();
        numbering.sort_unstable_by_key(|&i| rank(order[i]));
        let mut number = vec![0u32; order.len()];
        for (new, &old) in numbering.iter().enumerate() {
            number[old] = u32::try_from(new * stride).ok()?;
        }
        // The table, asking aho-corasick again rather than keeping its answers from above: a
        // policy with tens of thousands of terms has hundreds of thousands of states.
        let mut next = vec![0u32; order.len() * stride];
        for (old, &state) in order.iter().enumerate() {
            let row = number[old] as usize;
            for (class, &byte) in representative.iter().enumerate() {
                next[row + class] = number[*seen.get(&dfa.next_state(Anchored::No, state, byte))?];
            }
        }
        let specials = numbering.iter().take_while(|&&i| rank(order[i]) < 2).count();
        let patterns = numbering[..specials]
            .iter()
            .map(|&i| if dfa.is_match(order[i]) { dfa.match_pattern(order[i], 0).as_u32() } else { NO_PATTERN })
            .collect();
        let lengths = (0..dfa.patterns_len()).map(|p| u32::try_from(words[p].as_ref().len()).unwrap_or(u32::MAX)).collect();
        Some(Dfa { classes, stride, next, specials_end: u32::try_from(specials * stride).ok()?, patterns, lengths, start: number[0] })
    }

    /// Every non-overlapping leftmost-longest match in `text`, in order (as aho-corasick's
    /// `find_iter` with the same settings).
    ///
    /// The walk through the table is a chain of lookups, each waiting for the one before. So a
    /// long text is cut into [`LANES`] pieces, after bytes that no word contains (no match spans
    /// such a byte, so each piece can be searched on its own), and the pieces are walked side by
    /// side: the processor then overlaps their lookups.
    pub fn find_iter(&self, text: &[u8], mut found: impl FnMut(Match)) {
        let mut lanes = self.pieces(text).map(|(start, end)| Lane { at: start, end, state: self.start, last: None, found: Vec::new() });
        let next: &[u32] = &self.next;
        let classes = &self.classes;
        let special = self.specials_end as usize;
        while lanes.iter().all(|lane| lane.at < lane.end) {
            let steps = lanes.iter().map(|lane| lane.end - lane.at).min().unwrap_or(0);
            let [l0, l1, l2, l3] = &lanes;
            let (t0, t1, t2, t3) = (&text[l0.at..][..steps], &text[l1.at..][..steps], &text[l2.at..][..steps], &text[l3.at..][..steps]);
            let (mut s0, mut s1, mut s2, mut s3) = (l0.state as usize, l1.state as usize, l2.state as usize, l3.state as usize);
            let mut step = 0;
            while step < steps {
                s0 = next[s0 + usize::from(classes[usize::from(t0[step])])] as usize;
                s1 = next[s1 + usize::from(classes[usize::from(t1[step])])] as usize;
                s2 = next[s2 + usize::from(classes[usize::from(t2[step])])] as usize;
                s3 = next[s3 + usize::from(classes[usize::from(t3[step])])] as usize;
                step += 1;
                if s0 < special || s1 < special || s2 < special || s3 < special {
                    break;
                }
            }
            let states = [s0, s1, s2, s3];
            for (i, lane) in lanes.iter_mut().enumerate() {
                let state = states[i];
                lane.state = state as u32;
                lane.at += step;
                if state < special || lane.at == lane.end {
                    self.after_step(lane);
                }
            }
        }
        // What is left of each piece, one at a time.
        for lane in &mut lanes {
            while lane.at < lane.end {
                let mut state = lane.state as usize;
                for &byte in &text[lane.at..lane.end] {
                    state = next[state + usize::from(classes[usize::from(byte)])] as usize;
                    lane.at += 1;
                    if state < special {
                        break;
                    }
                }
                lane.state = state as u32;
                self.after_step(lane);
            }
        }
        lanes.into_iter().flat_map(|lane| lane.found).for_each(&mut found);
    }

    /// Up to [`LANES`] pieces of `text` that end after a byte no word contains (or at the end);
    /// the unused ones are empty, at the end of the text.
    fn pieces(&self, text: &[u8]) -> [(usize, usize); LANES] {
        let mut ends = [text.len(); LANES];
        if text.len() >= LANES * MIN_PIECE {
            for (lane, end) in ends.iter_mut().enumerate().take(LANES - 1) {
                let from = text.len() * (lane + 1) / LANES;
                let cut = text[from..].iter().position(|&b| self.classes[usize::from(b)] == 0);
                *end = cut.map_or(text.len(), |i| from + i + 1);
            }
        }
        ends.sort_unstable();
        let mut start = 0;
        ends.map(|end| {
            let piece = (start, end);
            start = end;
            piece
        })
    }

    /// Deals with the state a lane has just entered: remembers a match, and reports it when the
    /// match can grow no longer (the dead state, or the end of the piece); the search then goes
    /// on from its end.
    fn after_step(&self, lane: &mut Lane) {
        if lane.state < self.specials_end {
            let pattern = self.patterns[lane.state as usize / self.stride];
            if pattern == NO_PATTERN {
                self.report(lane);
                return;
            }
            lane.last = Some((pattern, lane.at));
        }
        if lane.at == lane.end {
            self.report(lane);
        }
    }

    /// Reports the lane's pending match and restarts after it; without one the piece is done.
    fn report(&self, lane: &mut Lane) {
        match lane.last.take() {
            Some((pattern, end)) => {
                let pattern = pattern as usize;
                lane.found.push(Match { pattern, start: end - self.lengths[pattern] as usize, end });
                lane.at = end;
                lane.state = self.start;
            }
            None => lane.at = lane.end,
        }
    }
}

/// Hashes aho-corasick's state ids (a `u32` each) with one multiplication; building the table asks
/// for hundreds of thousands of them, which SipHash makes a noticeable part of starting the engine.
#[derive(Default)]
struct StateHasher(u64);

impl Hasher for StateHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u32(u32::from(byte));
        }
    }

    fn write_u32(&mut self, n: u32) {
        // Fibonacci hashing; the ids are multiples of a power of two, so the high half, which the
        // multiplication mixes best, is folded into the low bits the table indexes with.
        let product = (self.0 ^ u64::from(n)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = product ^ (product >> 32);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Pieces of a text searched side by side (see [`Dfa::find_iter`]).
const LANES: usize = 4;
/// Texts shorter than `LANES` times this are searched as one piece.
const MIN_PIECE: usize = 64;

/// The search through one piece of the text.
struct Lane {
    at: usize,
    end: usize,
    state: u32,
    /// The longest match so far that may still grow: its word and end.
    last: Option<(u32, usize)>,
    found: Vec<Match>,
}

/// Byte classes for the words, matched ASCII-case-insensitively: each byte that occurs in a word
/// (with an ASCII letter's other case) gets a class of its own; all other bytes share class 0.
fn byte_classes<P: AsRef<[u8]>>(words: &[P]) -> [u8; 256] {
    let mut used = [false; 256];
    for byte in words.iter().flat_map(|w| w.as_ref().iter()) {
        used[usize::from(byte.to_ascii_lowercase())] = true;
    }
    let mut classes = [0u8; 256];
    let mut count = 0u8;
    for byte in 0..=255u8 {
        if used[usize::from(byte)] && !byte.is_ascii_uppercase() {
            count += 1;
            classes[usize::from(byte)] = count;
        }
    }
    for byte in b'A'..=b'Z' {
        classes[usize::from(byte)] = classes[usize::from(byte.to_ascii_lowercase())];
    }
    classes
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasick;
    use proptest::prelude::*;

    fn reference(words: &[&str], text: &str) -> Vec<Match> {
        let Ok(ac) = AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).ascii_case_insensitive(true).build(words) else {
            return Vec::new();
        };
        ac.find_iter(text).map(|m| Match { pattern: m.pattern().as_usize(), start: m.start(), end: m.end() }).collect()
    }

    fn ours(words: &[&str], text: &str) -> Vec<Match> {
        let mut found = Vec::new();
        if let Some(dfa) = Dfa::new(words) {
            dfa.find_iter(text.as_bytes(), |m| found.push(m));
        }
        found
    }

    #[test]
    fn leftmost_longest_and_case_insensitive() {
        let words = ["hij", "hijs", "uit huis", "uithuisplaatsing", "ggz", "ots"];
        let text = "Hij werd UIThuisplaatsing na uit huis, GGZ-ots; hijskraan";
        assert_eq!(ours(&words, text), reference(&words, text));
        assert_eq!(ours(&words, text).len(), 6);
    }

    #[test]
    fn long_texts_with_few_or_no_cuts() {
        let words = ["ab", "bab", "ba b"];
        let no_cut = "ab ba bab ".repeat(60);
        let one_cut = format!("{}\n{}", "bab ab".repeat(50), "ba b".repeat(50));
        for text in [no_cut, one_cut] {
            assert_eq!(ours(&words, &text), reference(&words, &text));
            assert!(!ours(&words, &text).is_empty());
        }
    }

    // Every byte value, the words overlapping and nested: the table gives what aho-corasick gives.
    proptest! {
        #[test]
        fn same_matches_as_aho_corasick(
            words in proptest::collection::vec("[a-dA-D é.-]{1,6}", 1..12),
            text in "[a-eA-E é.\u{2022}\n-]{0,600}",
        ) {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            prop_assert_eq!(ours(&words, &text), reference(&words, &text));
        }
    }
}
