//! The limits against hostile files. A file past a limit is `too-large` (see [`crate::Reason`]);
//! the text read before it still counts. Chosen so that ordinary case files (a 20-page report, a
//! spreadsheet of a few thousand rows, a 50-page scan-free PDF) stay far below them, and so that
//! the worst file costs at most about a second and a few hundred megabytes.

/// The largest file read at all (webmail caps attachments at 20 to 25 MB).
pub const MAX_FILE_BYTES: usize = 32 << 20;

/// The most entries a zip-based document may have (a 300-page Word file has a few dozen).
pub const MAX_ZIP_ENTRIES: usize = 10_000;

/// The most bytes decompressed from all entries or streams of one file together.
pub const MAX_INFLATED_BYTES: usize = 128 << 20;

/// The most bytes decompressed from one entry or stream.
pub const MAX_ENTRY_BYTES: usize = 64 << 20;

/// A zip bomb: an entry that inflates more than this many times its compressed size (XML of
/// real documents compresses 5 to 30 times) once past [`RATIO_FREE_BYTES`].
pub const MAX_INFLATE_RATIO: usize = 200;

/// Inflated bytes of an entry before the ratio is checked (tiny entries compress any way).
pub const RATIO_FREE_BYTES: usize = 1 << 20;

/// The most text kept from one file, in bytes of UTF-8 (about 1,500 pages).
pub const MAX_TEXT_BYTES: usize = 4 << 20;

/// The most PDF pages read.
pub const MAX_PAGES: usize = 2_000;

/// The most content-stream operations read from one PDF: the time budget of the PDF reader
/// (a text page has a few thousand).
pub const MAX_PDF_OPERATIONS: usize = 5_000_000;

/// Forwarded mail inside forwarded mail: the most messages around an attachment.
pub const MAX_NESTING: usize = 3;
