//! The dictionary's matcher: a leftmost-longest Aho-Corasick DFA in one flat table that the
//! search loop indexes directly, built straight from the words. It finds what aho-corasick's
//! `MatchKind::LeftmostLongest` with ASCII case folding finds (a property test holds it to that),
//! but builds in a fraction of the time: aho-corasick builds a sparse automaton and then asks it
//! for every transition by following failure links, which made starting an engine cost tens of
//! milliseconds (`docs/performance.md`); here each transition is one table copy.

/// Marks a state that is not a match state in [`Dfa::patterns`].
const NO_PATTERN: u32 = u32::MAX;
/// The dead state (no match can start or grow from it) and the start state, while building.
const DEAD: u32 = 0;
const START: u32 = 1;

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
    /// Builds the matcher; `None` when the table would not fit 32-bit offsets. An empty word
    /// never matches; of two words that differ only in ASCII case, the first is reported.
    ///
    /// The classic construction: a trie of the words, then, breadth first, each state's failure
    /// state (the longest proper suffix of its path that is also a path) and its missing
    /// transitions copied from the failure state's row. For leftmost matches, as aho-corasick
    /// does it: a state that ends a word, and everything after it, fails to the dead state
    /// instead (a match once seen is reported before any match that starts later), and a state
    /// that does not end a word itself reports the word its failure state reports.
    pub fn new<P: AsRef<[u8]>>(words: &[P]) -> Option<Dfa> {
        let classes = byte_classes(words);
        let stride = usize::from(classes.iter().copied().max().unwrap_or(0)) + 1;
        // The trie, as rows of `stride` next states (DEAD = none yet), and the word each state
        // ends; state 0 is the dead state, state 1 the start.
        // At most one state per byte of the words: rows for all of them at once, in zeroed memory
        // that costs next to nothing (growing row by row wrote every cell), up to a bound; a
        // policy with many more words doubles the table as its states come. Cut to size below.
        let most = 2 + words.iter().map(|w| w.as_ref().len()).sum::<usize>();
        let mut table = vec![DEAD; most.min(INITIAL_CELLS / stride).max(2) * stride];
        let mut own = vec![NO_PATTERN; 2];
        for (pattern, word) in words.iter().enumerate() {
            let word = word.as_ref();
            if word.is_empty() {
                continue;
            }
            let mut state = START as usize;
            for &byte in word {
                let cell = state * stride + usize::from(classes[usize::from(byte)]);
                if table[cell] == DEAD {
                    if (own.len() + 1) * stride > table.len() {
                        table.resize(table.len().checked_mul(2)?, DEAD);
                    }
                    table[cell] = u32::try_from(own.len()).ok()?;
                    own.push(NO_PATTERN);
                }
                state = table[cell] as usize;
            }
            if own[state] == NO_PATTERN {
                own[state] = u32::try_from(pattern).ok()?;
            }
        }

        // Breadth first: a state's failure state is shallower, so its row is complete by then.
        let states = own.len();
        table.truncate(states * stride);
        let mut fail = vec![DEAD; states];
        let mut reports = own.clone();
        let mut queue = Vec::with_capacity(states);
        for class in 0..stride {
            let child = table[START as usize * stride + class];
            if child == DEAD {
                table[START as usize * stride + class] = START;
            } else {
                fail[child as usize] = if own[child as usize] == NO_PATTERN { START } else { DEAD };
                queue.push(child);
            }
        }
        let mut failure_row = vec![DEAD; stride];
        let mut at = 0;
        while at < queue.len() {
            let state = queue[at] as usize;
            at += 1;
            let failure = fail[state] as usize;
            failure_row.copy_from_slice(&table[failure * stride..][..stride]);
            for (cell, &by_failure) in table[state * stride..][..stride].iter_mut().zip(&failure_row) {
                let child = *cell as usize;
                if child == DEAD as usize {
                    *cell = by_failure;
                    continue;
                }
                if own[child] == NO_PATTERN {
                    fail[child] = by_failure;
                    reports[child] = reports[by_failure as usize];
                }
                queue.push(child as u32);
            }
        }

        // Renumber: dead, then match states, then the rest, so one comparison finds either.
        let is_match = |state: usize| state != DEAD as usize && reports[state] != NO_PATTERN;
        let order: Vec<usize> = std::iter::once(DEAD as usize)
            .chain((0..states).filter(|&state| is_match(state)))
            .chain((1..states).filter(|&state| !is_match(state)))
            .collect();
        let mut row = vec![0u32; states];
        for (new, &old) in order.iter().enumerate() {
            row[old] = u32::try_from(new.checked_mul(stride)?).ok()?;
        }
        let mut next = vec![0u32; states * stride];
        for (new_row, &old) in next.chunks_exact_mut(stride).zip(&order) {
            for (cell, &target) in new_row.iter_mut().zip(&table[old * stride..][..stride]) {
                *cell = row[target as usize];
            }
        }
        let specials = 1 + (0..states).filter(|&state| is_match(state)).count();
        let patterns = order[..specials].iter().map(|&state| reports[state]).collect();
        let lengths = words.iter().map(|w| u32::try_from(w.as_ref().len()).unwrap_or(u32::MAX)).collect();
        Some(Dfa {
            classes,
            stride,
            next,
            specials_end: u32::try_from(specials * stride).ok()?,
            patterns,
            lengths,
            start: row[START as usize],
        })
    }

    /// Every non-overlapping leftmost-longest match in `text`, in order (as aho-corasick's
    /// `find_iter` with the same settings).
    ///
    /// The walk through the table is a chain of lookups, each waiting for the one before. So a
    /// long text is cut into [`LANES`] pieces, after bytes that no word contains (no match spans
    /// such a byte, so each piece can be searched on its own), and the pieces are walked side by
    /// side: the processor then overlaps their lookups.
    pub fn find_iter(&self, text: &[u8], mut found: impl FnMut(Match)) {
        // Room for a word every [`BYTES_PER_MATCH`] bytes, so the lists seldom grow while found.
        let lane = |(start, end): (usize, usize)| Lane {
            at: start,
            end,
            state: self.start,
            last: None,
            found: Vec::with_capacity((end - start) / BYTES_PER_MATCH),
        };
        let mut lanes = self.pieces(text).map(lane);
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

/// Cells of the table made at once while building (16 MB): the built-in word list needs under
/// half a million.
const INITIAL_CELLS: usize = 1 << 22;

/// About how many bytes of ordinary text hold one word of the dictionary (its context words are
/// common: "de moeder", "hij"); lists of matches are given room for this many.
pub const BYTES_PER_MATCH: usize = 32;

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
    use aho_corasick::{AhoCorasick, MatchKind};
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

    /// A list too large for the table made at once (every byte value in a word, so 256 classes,
    /// and more states than the first table has rows): the table grows, the matches stay right.
    #[test]
    fn a_large_list_grows_the_table() {
        let mut words: Vec<Vec<u8>> = (0..20_000).map(|i| format!("w{i:06}x").into_bytes()).collect();
        words.push((1..=255u8).collect());
        let text: Vec<u8> = (0..3_000).flat_map(|i| format!("w{:06}x {i} ", i * 7 % 25_000).into_bytes()).collect();
        let Some(dfa) = Dfa::new(&words) else { panic!("no DFA") };
        assert!(dfa.stride > 200, "{} classes", dfa.stride);
        assert!(dfa.next.len() / dfa.stride > INITIAL_CELLS / dfa.stride, "the table grew");
        let mut found = Vec::new();
        dfa.find_iter(&text, |m| found.push(m));
        let Ok(ac) = AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).ascii_case_insensitive(true).build(&words) else {
            panic!("no reference")
        };
        let expected: Vec<Match> =
            ac.find_iter(&text).map(|m| Match { pattern: m.pattern().as_usize(), start: m.start(), end: m.end() }).collect();
        assert_eq!(found, expected);
        assert!(found.len() > 2_000, "{} found", found.len());
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
