//! `sensitive-attachment`: attachments named as case files (`Verslag huisbezoek Daan.pdf`,
//! `Beschikking OTS.pdf`, `zorgplan_v2.docx`), from the word list `case_file_names.txt`.
//! Medium confidence: a case file does not leave the organisation unencrypted.
//!
//! And `unreadable-attachment`: an attachment whose content could not be read (or not all of it)
//! is never taken for clean; the user is told to look for themselves.

use aho_corasick::automaton::{Automaton, OverlappingState};
use aho_corasick::nfa::noncontiguous::NFA;
use aho_corasick::Input;

use super::folded::Folded;
use super::Scan;
use crate::messages::Message;
use crate::policy::{Language, Level};
use crate::snapshot::Snapshot;
use crate::verdict::{Confidence, Field, Finding, Rule};

const NAMES: &str = include_str!("case_file_names.txt");

pub struct CaseFileNames {
    /// aho-corasick's plain automaton, not its DFA: it builds in a fraction of the time, and a
    /// file name is too short for the DFA's faster search to matter.
    matcher: Option<NFA>,
    /// Per pattern: whether it names an ordinary document (`!jaarverslag`).
    ordinary: Vec<bool>,
}

/// A file name folded for matching: lower case, no diacritics, `_`, `-` and `.` as spaces.
fn normalise(name: &str) -> String {
    Folded::new(name).text.chars().map(|c| if matches!(c, '_' | '-' | '.') { ' ' } else { c.to_ascii_lowercase() }).collect()
}

impl CaseFileNames {
    pub fn new() -> Self {
        let mut patterns = Vec::new();
        let mut ordinary = Vec::new();
        for line in NAMES.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let (word, is_ordinary) = match line.strip_prefix('!') {
                Some(word) => (word, true),
                None => (line, false),
            };
            patterns.push(normalise(word));
            ordinary.push(is_ordinary);
        }
        CaseFileNames { matcher: NFA::new(&patterns).ok(), ordinary }
    }

    pub fn scan(&self, scan: &Scan, findings: &mut Vec<Finding>) {
        let Some(matcher) = &self.matcher else { return };
        let name = scan.part.text;
        let normalised = normalise(name);
        let mut found = None;
        let input = Input::new(&normalised);
        let mut state = OverlappingState::start();
        while let Some(m) = matcher.try_find_overlapping(&input, &mut state).ok().and_then(|()| state.get_match()) {
            if self.ordinary[m.pattern().as_usize()] {
                return;
            }
            found = found.or(Some((m.start(), m.end())));
        }
        let Some((start, end)) = found else { return };
        // Normalising keeps the folded text's byte offsets; the fold maps them back.
        let folded = Folded::new(name);
        let (start, end) = (folded.original(start, false), folded.original(end, true));
        let term = &name[start..end];
        let message = Message::SensitiveAttachment { name, term }.render(scan.language);
        findings.push(scan.finding(Rule::SensitiveAttachment, start, end, Confidence::Medium, term.to_string(), message));
    }
}

/// An `unreadable-attachment` finding for each attachment whose content, or part of it, could not
/// be read.
pub fn unreadable(snapshot: &Snapshot, language: Language, findings: &mut Vec<Finding>) {
    for (index, attachment) in snapshot.attachments.iter().enumerate() {
        let Some(reason) = &attachment.unreadable else { continue };
        let partly = !attachment.texts.is_empty();
        let message = Message::UnreadableAttachment { name: &attachment.name, reason, partly }.render(language);
        findings.push(Finding { index: Some(index), ..Finding::new(Rule::UnreadableAttachment, Level::Info, Field::Attachments, message) });
    }
}
