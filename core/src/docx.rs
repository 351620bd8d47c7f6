//! The consolidated report ([`crate::document`]) as a Word file (`.docx`),
//! written with docx-rs: A4, the margins and Times New Roman of Decree
//! 30/2020/NĐ-CP, the issuing body and the national motto side by side at
//! the top, the recipients and the signature block side by side at the end.
//! docx-rs makes the XML parts; they are zipped here (see [`package`]).

use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType, Table, TableCell,
    TableRow, WidthType,
};

use crate::document::{Block, Document};

/// Font sizes in half-points: 14 pt text, 12 pt for the top lines and
/// for tables, 11 pt for the recipients.
const TEXT: usize = 28;
const TOP: usize = 24;
const SMALL: usize = 24;
const RECIPIENTS: usize = 22;
/// The text width of an A4 page with Decree 30's margins (30 mm left, 15 mm right), in twips.
const WIDTH: usize = 9354;

/// Why a Word file could not be written.
#[derive(Debug)]
pub struct DocxError(String);

impl std::fmt::Display for DocxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DocxError {}

fn mm(x: f64) -> i32 {
    (x * 1440.0 / 25.4).round() as i32
}

fn run(text: &str, size: usize) -> Run {
    Run::new().add_text(xml_text(text)).size(size)
}

/// Characters XML 1.0 cannot hold at all, escaped or not: a report's text
/// may carry them (Excel keeps a pasted U+000B, Word's manual line break,
/// as `_x000B_`; JSON escapes any of them), and one in `document.xml` makes
/// the file one Word cannot open.
fn not_xml(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// The text as XML can hold it: a vertical tab or form feed (a line or
/// page break typed in another program) as a space, the other control
/// characters, which show nothing, left out.
fn xml_text(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\u{b}' | '\u{c}' => Some(' '),
            c if not_xml(c) => None,
            c => Some(c),
        })
        .collect()
}

fn centred(r: Run) -> Paragraph {
    Paragraph::new().add_run(r).align(AlignmentType::Center)
}

fn body(p: Paragraph) -> Paragraph {
    p.align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(mm(10.0))), None, None)
        .line_spacing(LineSpacing::new().before(60).after(60))
}

fn cell(paragraphs: Vec<Paragraph>, width: usize) -> TableCell {
    paragraphs.into_iter().fold(TableCell::new().width(width, WidthType::Dxa), TableCell::add_paragraph)
}

/// Column widths in twips: the running number narrow, figures at a fixed
/// width, the text columns sharing the rest.
fn widths(head: &[String], numeric: &[bool]) -> Vec<usize> {
    const NUMBER: usize = 567;
    const FIGURE: usize = 1250;
    let kind = |i: usize| {
        if i == 0 {
            NUMBER
        } else if numeric.get(i).copied().unwrap_or(false) {
            FIGURE
        } else {
            0
        }
    };
    let fixed: usize = (0..head.len()).map(kind).sum();
    let texts = (0..head.len()).filter(|i| kind(*i) == 0).count().max(1);
    let share = WIDTH.saturating_sub(fixed) / texts;
    (0..head.len()).map(|i| if kind(i) == 0 { share.max(800) } else { kind(i) }).collect()
}

/// The document as the bytes of a `.docx` file.
pub fn to_docx(doc: &Document) -> Result<Vec<u8>, DocxError> {
    let fonts = RunFonts::new()
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .east_asia("Times New Roman")
        .cs("Times New Roman");
    let mut d = Docx::new().default_fonts(fonts).default_size(TEXT).page_size(11906, 16838).page_margin(
        PageMargin::new()
            .top(mm(20.0))
            .bottom(mm(20.0))
            .left(mm(30.0))
            .right(mm(15.0))
            .header(mm(10.0))
            .footer(mm(10.0)),
    );

    // The top: issuing body (left), national motto (right).
    let h = &doc.heading;
    let left_w = WIDTH * 2 / 5;
    let right_w = WIDTH - left_w;
    let mut left = Vec::new();
    if let Some(a) = &h.above {
        left.push(centred(run(a, TOP)));
    }
    left.push(centred(run(&h.issuer, TOP).bold().underline("single")));
    left.push(centred(run(&h.number, TOP)));
    let right = vec![
        centred(run(&h.nation, TOP).bold()),
        centred(run(&h.motto, TEXT).bold().underline("single")),
        centred(run(&h.place_date, TEXT).italic()),
    ];
    d = d.add_table(
        Table::without_borders(vec![TableRow::new(vec![cell(left, left_w), cell(right, right_w)])])
            .set_grid(vec![left_w, right_w])
            .width(WIDTH, WidthType::Dxa),
    );

    // The title.
    d = d.add_paragraph(Paragraph::new());
    for (i, t) in doc.title.iter().enumerate() {
        let r = run(t, TEXT).bold();
        d = d.add_paragraph(centred(r));
        if i + 1 == doc.title.len() {
            d = d.add_paragraph(centred(run("________", TEXT)));
        }
    }

    for b in &doc.body {
        d = match b {
            Block::Heading { level, text } => {
                let r = run(text, TEXT).bold();
                let r = if *level >= 3 { r.italic() } else { r };
                d.add_paragraph(body(Paragraph::new().add_run(r)).keep_next(true))
            }
            Block::Paragraph { text } => d.add_paragraph(body(Paragraph::new().add_run(run(text, TEXT)))),
            Block::Labelled { label, text } => d.add_paragraph(body(
                Paragraph::new().add_run(run(&format!("{label}: "), TEXT).italic()).add_run(run(text, TEXT)),
            )),
            Block::Unit { name } => {
                d.add_paragraph(body(Paragraph::new().add_run(run(name, TEXT).bold())).keep_next(true))
            }
            Block::Note { text } => d.add_paragraph(body(Paragraph::new().add_run(run(text, TEXT).italic()))),
            Block::Table { head, rows, numeric } => {
                let widths = widths(head, numeric);
                let line = |cells: &[String], bold: bool| {
                    TableRow::new(
                        cells
                            .iter()
                            .enumerate()
                            .map(|(i, c)| {
                                let r = run(c, SMALL);
                                let r = if bold { r.bold() } else { r };
                                let align = if bold {
                                    AlignmentType::Center
                                } else if numeric.get(i).copied().unwrap_or(false) {
                                    AlignmentType::Right
                                } else {
                                    AlignmentType::Left
                                };
                                cell(
                                    vec![Paragraph::new().add_run(r).align(align)],
                                    widths.get(i).copied().unwrap_or(1000),
                                )
                            })
                            .collect(),
                    )
                };
                let mut all = vec![line(head, true)];
                all.extend(rows.iter().map(|r| line(r, false)));
                d.add_table(Table::new(all).set_grid(widths.clone()).width(WIDTH, WidthType::Dxa))
                    .add_paragraph(Paragraph::new())
            }
        };
    }

    // The end: recipients (left), signature block (right).
    let c = &doc.closing;
    let mut to = vec![Paragraph::new().add_run(run(&c.recipients_label, SMALL).bold().italic())];
    to.extend(c.recipients.iter().map(|r| Paragraph::new().add_run(run(&format!("- {r};"), RECIPIENTS))));
    let mut sign: Vec<Paragraph> = c.titles.iter().map(|t| centred(run(t, TEXT).bold())).collect();
    for _ in 0..4 {
        sign.push(Paragraph::new());
    }
    sign.push(centred(run(&c.signer, TEXT).bold()));
    let half = WIDTH / 2;
    d = d.add_paragraph(Paragraph::new()).add_table(
        Table::without_borders(vec![TableRow::new(vec![cell(to, half), cell(sign, WIDTH - half)])])
            .set_grid(vec![half, WIDTH - half])
            .width(WIDTH, WidthType::Dxa),
    );

    package(d.build()).map_err(|e| DocxError(e.to_string()))
}

/// The parts docx-rs made, as a `.docx` package: the parts docx-rs's own
/// `pack` writes, in its order, deflated. This document has no images,
/// web extensions or custom XML; headers and footers are written if any.
fn package(x: docx_rs::XMLDocx) -> zip::result::ZipResult<Vec<u8>> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut parts: Vec<(String, &[u8])> = vec![
        ("[Content_Types].xml".into(), &x.content_type),
        ("_rels/.rels".into(), &x.rels),
        ("docProps/app.xml".into(), &x.doc_props.app),
        ("docProps/core.xml".into(), &x.doc_props.core),
        ("docProps/custom.xml".into(), &x.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), &x.document_rels),
        ("word/document.xml".into(), &x.document),
        ("word/styles.xml".into(), &x.styles),
        ("word/settings.xml".into(), &x.settings),
        ("word/fontTable.xml".into(), &x.font_table),
        ("word/comments.xml".into(), &x.comments),
        ("word/numbering.xml".into(), &x.numberings),
        ("word/commentsExtended.xml".into(), &x.comments_extended),
        ("word/footnotes.xml".into(), &x.footnotes),
    ];
    for (kind, list, rels) in [("header", &x.headers, &x.header_rels), ("footer", &x.footers, &x.footer_rels)] {
        for (i, part) in list.iter().enumerate() {
            parts.push((format!("word/{kind}{}.xml", i + 1), part));
            if let Some(r) = rels.get(i) {
                parts.push((format!("word/_rels/{kind}{}.xml.rels", i + 1), r));
            }
        }
    }
    for (name, bytes) in parts {
        zip.start_file(name, options)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}
