//! HTML as the text a reader sees (an `.html` attachment, an HTML mail body).

/// Elements whose start or end begins a new line of text.
const BLOCK_TAGS: [&str; 30] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "center",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tr",
];

/// Elements whose content is not text a reader sees.
const HIDDEN_TAGS: [&str; 6] = ["head", "style", "script", "template", "title", "xml"];

/// Converts an HTML body to the text a reader sees: tags, comments, styles and scripts removed,
/// entities decoded, whitespace collapsed, and a line or cell boundary where the layout has one
/// (so `<td>BSN</td><td>111222333</td>` reads `BSN 111222333`, not `BSN111222333`).
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut pending_space = false;
    let mut hidden: Option<String> = None;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if hidden.is_none() {
                push_text(&mut out, rest, &mut pending_space);
            }
            break;
        };
        if hidden.is_none() {
            push_text(&mut out, &rest[..lt], &mut pending_space);
        }
        rest = &rest[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some((tag, after)) = split_tag(rest) else {
            // A lone `<` that starts no tag is text.
            if hidden.is_none() {
                push_text(&mut out, "<", &mut pending_space);
            }
            rest = &rest[1..];
            continue;
        };
        rest = after;
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == ':' || *c == '-')
            .collect::<String>()
            .to_ascii_lowercase();
        let name = name.rsplit(':').next().unwrap_or_default().to_string();
        if let Some(open) = &hidden {
            if closing && *open == name {
                hidden = None;
            }
            continue;
        }
        if HIDDEN_TAGS.contains(&name.as_str()) && !closing && !tag.trim_end().ends_with('/') {
            hidden = Some(name);
        } else if BLOCK_TAGS.contains(&name.as_str()) {
            new_line(&mut out, name == "br");
            pending_space = false;
        } else if matches!(name.as_str(), "td" | "th") && !closing {
            if !out.is_empty() && !out.ends_with('\n') {
                pending_space = true;
            }
        } else if name == "img" {
            pending_space = true;
        }
    }
    let lines: Vec<&str> = out.lines().map(str::trim).collect();
    let mut text = String::with_capacity(out.len());
    let mut blank = 0;
    for line in lines {
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !text.is_empty() {
            text.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        text.push_str(line);
    }
    text.push('\n');
    if text.trim().is_empty() {
        String::new()
    } else {
        text
    }
}

/// Splits `<...>` off the front of `text`, honouring quoted attribute values; `None` when `<`
/// does not start a tag.
fn split_tag(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_prefix('<')?;
    let first = inner.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '/' || first == '!' || first == '?') {
        return None;
    }
    let mut quote: Option<char> = None;
    for (i, c) in inner.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some((&inner[..i], &inner[i + 1..])),
            _ => {}
        }
    }
    Some((inner, ""))
}

/// Starts a new line; `<br>` always does, other blocks only when the line has text.
fn new_line(out: &mut String, always: bool) {
    if always || !(out.is_empty() || out.ends_with('\n')) {
        out.push('\n');
    }
}

/// Appends text content: whitespace runs collapse to one space, entities are decoded.
fn push_text(out: &mut String, text: &str, pending_space: &mut bool) {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() && c != '\u{a0}' {
            *pending_space = true;
            continue;
        }
        let decoded = if c == '&' { decode_entity(&text[i..]) } else { None };
        if *pending_space && !out.is_empty() && !out.ends_with('\n') && !out.ends_with(' ') {
            out.push(' ');
        }
        *pending_space = false;
        match decoded {
            Some((value, len)) => {
                out.push(value);
                while chars.peek().is_some_and(|(j, _)| *j < i + len) {
                    chars.next();
                }
            }
            None => out.push(c),
        }
    }
}

/// Decodes the entity at the start of `text` (`&euml;`, `&#235;`, `&#xEB;`): the character and
/// the length of the entity, or `None` when `&` starts no known entity.
fn decode_entity(text: &str) -> Option<(char, usize)> {
    let end = text.char_indices().take(34).find(|(_, c)| *c == ';').map(|(i, _)| i)?;
    let name = &text[1..end];
    let value = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(code).filter(|c| *c != '\0').unwrap_or(char::REPLACEMENT_CHARACTER)
    } else {
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        // mail-parser knows the whole HTML entity table; ask it about this one name.
        let mut decoded = String::new();
        mail_parser::decoders::html::add_html_token(&mut decoded, &text.as_bytes()[..=end], false);
        let mut chars = decoded.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if decoded != text[..=end] => c,
            _ => return None,
        }
    };
    Some((value, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_layout_becomes_lines_and_cells() {
        let html = "<html><head><title>x</title><style>p{margin:0}</style></head><body>\
                    <!-- [if mso]> 123456782 <![endif] --><p>Beste&nbsp;heer,</p>\
                    <table><tr><td>BSN</td><td>111222333</td></tr></table>No&euml;lle &amp; co&#246;rdinatie<br>\
                    <a href=\"x?a=1&b=2\" title=\"a > b\">link</a> 5 &lt; 6 &unknown; &</body></html>";
        assert_eq!(html_to_text(html), "Beste\u{a0}heer,\nBSN 111222333\nNoëlle & coördinatie\nlink 5 < 6 &unknown; &\n");
    }

    #[test]
    fn inline_markup_does_not_split_words() {
        assert_eq!(html_to_text("<p>huis<b>elijk</b> geweld</p>"), "huiselijk geweld\n");
        assert_eq!(html_to_text(""), "");
    }
}
