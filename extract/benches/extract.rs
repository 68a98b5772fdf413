//! `make bench`, the extractors' part: how long reading a 2 MB `.docx` and a 5 MB, 50-page text
//! PDF takes natively, and at half and double the size, to show the cost is linear. The inputs are
//! made here (zip and lopdf's writer), so the bench needs no LibreOffice: a Word file whose size
//! is mostly an image (as real ones are) around about 150 pages of text, and a PDF of 50 pages of
//! 40 lines each, uncompressed, with an image that makes up the rest of the 5 MB. Plain `main`, no
//! bench framework. The target-size inputs are written to `target/bench/extract/` for the same
//! figures in Chromium through the extractors' Wasm module (`benches/extract.mjs`).

use std::hint::black_box;
use std::io::Write;
use std::time::Instant;

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream};

/// Words for the text, with a BSN-like number now and then (the text the core will judge).
const WORDS: [&str; 16] = [
    "verslag",
    "huisbezoek",
    "moeder",
    "school",
    "afspraak",
    "jeugdige",
    "gezin",
    "zorgen",
    "contact",
    "week",
    "plan",
    "situatie",
    "kinderrechter",
    "voogd",
    "overleg",
    "thuis",
];

/// A line of text, different for every `n` (a simple generator: the bench is the same every run).
fn line(n: usize) -> String {
    let mut state = n as u64 * 6_364_136_223_846_793_005 + 1;
    let mut words = Vec::new();
    for _ in 0..10 {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        words.push(WORDS[(state >> 60) as usize]);
    }
    format!("{} {}", words.join(" "), 100_000_000 + n)
}

/// `length` bytes that do not compress (the same every run).
fn noise(length: usize) -> Vec<u8> {
    let mut state = 1u64;
    (0..length)
        .map(|_| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (state >> 56) as u8
        })
        .collect()
}

/// A Word file of `paragraphs` paragraphs and an incompressible image of `image` bytes.
fn docx(paragraphs: usize, image: usize) -> Vec<u8> {
    let mut xml =
        String::from(r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#);
    for n in 0..paragraphs {
        xml.push_str(&format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", line(n)));
    }
    xml.push_str("</w:body></w:document>");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let noise = noise(image);
    let written = (|| -> zip::result::ZipResult<Vec<u8>> {
        zip.start_file("word/document.xml", deflated)?;
        zip.write_all(xml.as_bytes())?;
        zip.start_file("word/media/image1.png", stored)?;
        zip.write_all(&noise)?;
        Ok(zip.finish()?.into_inner())
    })();
    written.unwrap_or_else(|e| panic!("docx: {e}"))
}

/// A PDF of `pages` pages, each `lines` lines of text in an uncompressed content stream, and an
/// incompressible image of `image` bytes (a logo, a signature scan: what makes real PDFs large).
fn pdf(pages: usize, lines: usize, image: usize) -> Vec<u8> {
    let mut document = Document::with_version("1.5");
    let pages_id = document.new_object_id();
    let font = document.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
    let picture = document.add_object(Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 1, "Height" => 1, "BitsPerComponent" => 8, "ColorSpace" => "DeviceGray" },
        noise(image),
    ));
    let resources =
        document.add_object(dictionary! { "Font" => dictionary! { "F1" => font }, "XObject" => dictionary! { "Im1" => picture } });
    let mut kids = Vec::new();
    for page in 0..pages {
        let mut operations =
            vec![Operation::new("BT", vec![]), Operation::new("Tf", vec!["F1".into(), 9.into()]), Operation::new("TL", vec![11.into()])];
        for n in 0..lines {
            operations.push(Operation::new("Tj", vec![Object::string_literal(line(page * lines + n))]));
            operations.push(Operation::new("T*", vec![]));
        }
        operations.push(Operation::new("ET", vec![]));
        let content = Content { operations }.encode().unwrap_or_else(|e| panic!("content: {e}"));
        let content = document.add_object(Stream::new(dictionary! {}, content));
        kids.push(document.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content }).into());
    }
    let count = kids.len() as i64;
    let tree = dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources,
    "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()] };
    document.objects.insert(pages_id, Object::Dictionary(tree));
    let catalog = document.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    document.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    document.save_to(&mut bytes).unwrap_or_else(|e| panic!("pdf: {e}"));
    bytes
}

/// The median time of reading `bytes` as `name`, over a few runs, with what was read.
fn time(name: &str, bytes: &[u8]) -> (f64, usize, usize) {
    let mut times = Vec::new();
    let mut read = (0, 0);
    for _ in 0..5 {
        let start = Instant::now();
        let extracted = black_box(zorgvuldig_extract::extract(name, black_box(bytes)));
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        assert!(extracted.unreadable.is_none(), "{name}: {:?}", extracted.unreadable);
        read = (extracted.parts.len(), extracted.parts.iter().map(|p| p.text.len()).sum());
    }
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], read.0, read.1)
}

fn main() {
    println!("extractors, native (release), median of 5 runs");
    println!("{:<34} {:>10} {:>7} {:>11} {:>9} {:>10}", "input", "file B", "parts", "text B", "ms", "ms per MB");
    // Scale 1 is the target size (a 2 MB .docx, a 5 MB 50-page PDF); half and double (text, pages
    // and image) show whether the cost is linear.
    for scale in [0.5, 1.0, 2.0] {
        let paragraphs = (6_000.0 * scale) as usize;
        let inputs = [
            (format!("docx ×{scale}"), "verslag.docx", docx(paragraphs, (1_900_000.0 * scale) as usize)),
            (
                format!("pdf, {pages} pages ×{scale}", pages = (50.0 * scale) as usize),
                "scan.pdf",
                pdf((50.0 * scale) as usize, 40, (4_700_000.0 * scale) as usize),
            ),
        ];
        for (label, name, bytes) in inputs {
            let (ms, parts, text) = time(name, &bytes);
            let mb = bytes.len() as f64 / 1e6;
            println!("{label:<34} {:>10} {parts:>7} {text:>11} {ms:>9.1} {:>10.1}", bytes.len(), ms / mb);
            if scale == 1.0 {
                keep(name, &bytes);
            }
        }
    }
}

/// Writes a target-size input to `target/bench/extract/`, where the browser bench
/// (`benches/extract.mjs`) reads the same bytes through the extractors' Wasm module.
fn keep(name: &str, bytes: &[u8]) {
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("target"))
        .join("bench")
        .join("extract");
    if let Err(error) = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(dir.join(name), bytes)) {
        eprintln!("could not write {name} for the browser bench: {error}");
    }
}
