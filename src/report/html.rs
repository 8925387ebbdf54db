//! HTML printer: one self-contained page for editors.
//!
//! Takes a [`Report`]; gives one HTML5 page (inline CSS and a little inline JS, nothing fetched
//! from the network): a header with the tally and the sources; the articles side by side with
//! every claim highlighted in place by its status (`disputed`, `agreed`, `single`, `context`);
//! a findings panel (click a finding to outline its claims in every source, or open the page
//! at `#focus=<finding id>`); and a coverage matrix of facts by outlet.
//!
//! Every non-derived claim gets exactly one `<mark data-claim="id">`; where claims overlap or a
//! claim crosses a paragraph, the rest of it continues in `<mark data-part="id">` fragments so
//! the marks always nest. Derived claims (computed from others, with spans covering them) are
//! listed under their article with `data-derived="id"`. Claims whose spans cannot be placed in
//! the article body are listed, still marked, below it. All report strings are HTML-escaped,
//! in text and in attributes; the output is deterministic.

use std::collections::HashMap;
use std::fmt::Write;

use super::{ClaimView, Finding, FindingKind, Report, SourceView, claim_value, coverage};

/// The status a claim is highlighted with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Disputed,
    Agreed,
    Single,
    Context,
}

impl Status {
    fn class(self) -> &'static str {
        match self {
            Status::Disputed => "disputed",
            Status::Agreed => "agreed",
            Status::Single => "single",
            Status::Context => "context",
        }
    }
}

/// What the page knows about one claim: its status and the findings (active, then suppressed)
/// that hold it.
struct ClaimInfo<'a> {
    status: Status,
    findings: Vec<&'a str>,
    title: String,
}

pub fn render(report: &Report) -> String {
    // Which findings (active, then suppressed) hold each claim, in report order.
    let mut holders: HashMap<&str, (Vec<&Finding>, Vec<&str>)> = HashMap::new();
    for f in &report.findings {
        for id in &f.claims {
            holders.entry(id.as_str()).or_default().0.push(f);
        }
    }
    for s in &report.suppressed {
        for id in &s.finding.claims {
            let entry = holders.entry(id.as_str()).or_default();
            entry.1.push(s.finding.id.as_str());
        }
    }
    let none = (Vec::new(), Vec::new());
    let infos: Vec<ClaimInfo> = report
        .claims
        .iter()
        .map(|c| info(c, holders.get(c.id.as_str()).unwrap_or(&none)))
        .collect();
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        out,
        "<title>Corroboration report: {}</title>",
        esc(&page_title(report))
    );
    let _ = writeln!(out, "<style>{CSS}</style>\n</head>\n<body>");
    header(report, &infos, &mut out);
    out.push_str("<main class=\"layout\">\n<section class=\"sources\" aria-label=\"Sources\">\n");
    for source in &report.sources {
        article(report, &infos, source, &mut out);
    }
    out.push_str("</section>\n");
    panel(report, &mut out);
    out.push_str("</main>\n");
    matrix(report, &mut out);
    let _ = write!(out, "<script>{JS}</script>\n</body>\n</html>\n");
    out
}

/// The page title: the outlets' titles where there are some, else the outlets.
fn page_title(report: &Report) -> String {
    let titles: Vec<&str> = report
        .sources
        .iter()
        .filter_map(|s| s.title.as_deref())
        .collect();
    match titles.first() {
        Some(t) => super::one_line(t),
        None => {
            let names: Vec<&str> = report
                .sources
                .iter()
                .map(|s| report.source_name(&s.id))
                .collect();
            super::one_line(&names.join(", "))
        }
    }
}

fn info<'a>(
    c: &ClaimView,
    (active, suppressed): &(Vec<&'a Finding>, Vec<&'a str>),
) -> ClaimInfo<'a> {
    let status = if active.iter().any(|f| f.kind == FindingKind::Discrepancy) {
        Status::Disputed
    } else if active.iter().any(|f| f.kind == FindingKind::Agreement) {
        Status::Agreed
    } else if active.iter().any(|f| f.kind == FindingKind::SingleSource) {
        Status::Single
    } else {
        Status::Context
    };
    let mut findings: Vec<&str> = active.iter().map(|f| f.id.as_str()).collect();
    findings.extend(suppressed.iter().copied());
    findings.dedup();
    let value = claim_value(c);
    let mut title = format!("{} · {} · {}", c.id, c.kind.as_str(), status.class());
    if !value.is_empty() {
        let _ = write!(title, " · {value}");
    }
    let _ = write!(title, " · line {}:{}", c.line, c.column);
    ClaimInfo {
        status,
        findings,
        title,
    }
}

fn header(report: &Report, infos: &[ClaimInfo], out: &mut String) {
    out.push_str("<header class=\"top\">\n<h1>Corroboration report</h1>\n");
    let _ = writeln!(
        out,
        "<p class=\"tally\">{}. <a class=\"jump\" href=\"#coverage\">Coverage matrix ↓</a></p>",
        esc(&super::tally(report, ""))
    );
    out.push_str(
        "<table class=\"source-list\">\n<thead><tr><th>Outlet</th><th>Source id</th>\
         <th>Published</th><th>Title</th><th>Path</th></tr></thead>\n<tbody>\n",
    );
    for s in &report.sources {
        let url = match s.url.as_deref() {
            Some(u) if u.starts_with("https://") || u.starts_with("http://") => format!(
                "<br><a class=\"url\" href=\"{0}\" rel=\"noopener noreferrer\">{0}</a>",
                esc(u)
            ),
            Some(u) => format!("<br><span class=\"url\">{}</span>", esc(u)),
            None => String::new(),
        };
        let copy = report
            .copy_note(s)
            .map(|note| format!("<br><small class=\"copy-of\">{}</small>", esc(&note)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<tr><td>{}{copy}</td><td><code>{}</code></td><td>{}</td><td>{}{url}</td><td><code>{}</code></td></tr>",
            esc(s.outlet.as_deref().unwrap_or("—")),
            esc(&s.id),
            esc(s.published.as_deref().unwrap_or("—")),
            esc(s.title.as_deref().unwrap_or("—")),
            esc(&s.path)
        );
    }
    out.push_str("</tbody>\n</table>\n<ul class=\"legend\" aria-label=\"Legend\">\n");
    for (status, label) in [
        (Status::Disputed, "in a discrepancy"),
        (Status::Agreed, "backed by another source"),
        (Status::Single, "only one source: uncorroborated"),
        (Status::Context, "in no finding"),
    ] {
        let n = infos
            .iter()
            .zip(&report.claims)
            .filter(|(i, c)| i.status == status && !c.derived)
            .count();
        let _ = writeln!(
            out,
            "<li><span class=\"swatch {}\">{}</span> {label} ({n})</li>",
            status.class(),
            status.class()
        );
    }
    out.push_str(
        "<li><span class=\"swatch agreed focus\">focus</span> the claims of the selected finding</li>\n\
         </ul>\n</header>\n",
    );
}

/// One article: its body with every claim marked, then its derived and unplaced claims.
fn article(report: &Report, infos: &[ClaimInfo], s: &SourceView, out: &mut String) {
    let _ = writeln!(
        out,
        "<article class=\"source\" data-source=\"{}\">\n<h2>{}</h2>\n<p class=\"byline\">{} · <code>{}</code></p>",
        esc(&s.id),
        esc(report.source_name(&s.id)),
        esc(s.published.as_deref().unwrap_or("undated")),
        esc(&s.path)
    );
    if let Some(t) = &s.title {
        let _ = writeln!(out, "<p class=\"headline\">{}</p>", esc(t));
    }
    if let Some(note) = report.copy_note(s) {
        let _ = writeln!(out, "<p class=\"byline copy-of\">{}</p>", esc(&note));
    }
    let text = s.text.as_str();
    let mut body_start = s.body_start.min(text.len());
    while !text.is_char_boundary(body_start) {
        body_start += 1;
    }
    // Claims of this source, in report order (index into report.claims).
    let mine: Vec<usize> = (0..report.claims.len())
        .filter(|&i| report.claims[i].source == s.id)
        .collect();
    let placeable = |c: &ClaimView| {
        !c.derived
            && c.span.start >= body_start
            && c.span.start < c.span.end
            && c.span.end <= text.len()
            && text.is_char_boundary(c.span.start)
            && text.is_char_boundary(c.span.end)
    };
    let placed: Vec<usize> = mine
        .iter()
        .copied()
        .filter(|&i| placeable(&report.claims[i]))
        .collect();
    out.push_str("<div class=\"body\">\n");
    body(report, infos, text, body_start, &placed, out);
    out.push_str("</div>\n");

    let derived: Vec<usize> = mine
        .iter()
        .copied()
        .filter(|&i| report.claims[i].derived)
        .collect();
    if !derived.is_empty() {
        out.push_str("<h3>Derived values</h3>\n<ul class=\"derived-list\">\n");
        for i in derived {
            let c = &report.claims[i];
            let inf = &infos[i];
            let _ = writeln!(
                out,
                "<li class=\"derived {}\" data-derived=\"{}\" data-findings=\"{}\" data-from=\"{}\" title=\"{}\">“{}” → {}</li>",
                inf.status.class(),
                esc(&c.id),
                esc(&inf.findings.join(" ")),
                esc(&c.derived_from.join(" ")),
                esc(&inf.title),
                esc(&super::one_line(&c.text)),
                esc(&claim_value(c))
            );
        }
        out.push_str("</ul>\n");
    }
    let unplaced: Vec<usize> = mine
        .iter()
        .copied()
        .filter(|&i| !report.claims[i].derived && !placeable(&report.claims[i]))
        .collect();
    if !unplaced.is_empty() {
        out.push_str("<h3>Claims outside the article body</h3>\n<ul class=\"unplaced\">\n");
        for i in unplaced {
            let c = &report.claims[i];
            let _ = writeln!(
                out,
                "<li>{}{}</mark> <span class=\"where\">{}:{}</span></li>",
                open_mark(c, &infos[i], true),
                esc(&super::one_line(&c.text)),
                c.line,
                c.column
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</article>\n");
}

/// The opening tag of a claim's mark: the first fragment carries `data-claim`, the others
/// `data-part`.
fn open_mark(c: &ClaimView, inf: &ClaimInfo, first: bool) -> String {
    let (attr, cont) = if first {
        ("data-claim", "")
    } else {
        ("data-part", " cont")
    };
    format!(
        "<mark class=\"{}{cont}\" {attr}=\"{}\" data-findings=\"{}\" title=\"{}\">",
        inf.status.class(),
        esc(&c.id),
        esc(&inf.findings.join(" ")),
        esc(&inf.title)
    )
}

/// The article body in paragraphs, with the claims at `placed` (valid, char-aligned spans inside
/// the body) marked. The text is cut at every span boundary and paragraph break; each piece
/// is wrapped in the marks of the claims covering it, outermost (earliest start, longest) first.
/// Between pieces, marks that end are closed, and marks opened after them that go on are
/// closed and reopened as continuation fragments, so tags always nest.
fn body(
    report: &Report,
    infos: &[ClaimInfo],
    text: &str,
    body_start: usize,
    placed: &[usize],
    out: &mut String,
) {
    let body_text = &text[body_start..];
    let lead = body_text.len() - body_text.trim_start().len();
    let start = body_start + lead;
    let end = body_start + body_text.trim_end().len().max(lead);
    let breaks = paragraph_breaks(text, start, end);

    let mut cuts: Vec<usize> = vec![start, end];
    for &i in placed {
        let span = report.claims[i].span;
        cuts.push(span.start.clamp(start, end));
        cuts.push(span.end.clamp(start, end));
    }
    for &(a, b) in &breaks {
        cuts.push(a);
        cuts.push(b);
    }
    cuts.sort_unstable();
    cuts.dedup();

    // Nesting order: earliest start first, then longest, then report order.
    let mut order: Vec<usize> = placed.to_vec();
    order.sort_by_key(|&i| {
        let span = report.claims[i].span;
        (span.start, std::cmp::Reverse(span.end), i)
    });
    let mut opened = vec![false; report.claims.len()];
    let mut stack: Vec<usize> = Vec::new();
    let mut in_paragraph = false;
    // The claims covering the current piece, in nesting order; the next claim of `order` to
    // start; the next paragraph break not yet passed.
    let mut wanted: Vec<usize> = Vec::new();
    let (mut next, mut next_break) = (0, 0);

    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        while next < order.len() && report.claims[order[next]].span.start <= a {
            wanted.push(order[next]);
            next += 1;
        }
        wanted.retain(|&i| report.claims[i].span.end >= b);
        while next_break < breaks.len() && breaks[next_break].1 <= a {
            next_break += 1;
        }
        if breaks.get(next_break).is_some_and(|&(x, _)| x <= a) {
            close_all(&mut stack, out);
            if in_paragraph {
                out.push_str("</p>\n");
                in_paragraph = false;
            }
            continue;
        }
        if !in_paragraph {
            out.push_str("<p>");
            in_paragraph = true;
        }
        let keep = stack
            .iter()
            .zip(&wanted)
            .take_while(|(x, y)| x == y)
            .count();
        while stack.len() > keep {
            stack.pop();
            out.push_str("</mark>");
        }
        for &i in &wanted[keep..] {
            out.push_str(&open_mark(&report.claims[i], &infos[i], !opened[i]));
            opened[i] = true;
            stack.push(i);
        }
        out.push_str(&esc(&text[a..b]));
    }
    close_all(&mut stack, out);
    if in_paragraph {
        out.push_str("</p>\n");
    }
    // A claim made only of whitespace at the edges of the body has no piece of its own: give it
    // an empty mark so that it is still there.
    for &i in placed {
        if !opened[i] {
            let _ = writeln!(
                out,
                "<p class=\"empty-claim\">{}</mark></p>",
                open_mark(&report.claims[i], &infos[i], true)
            );
        }
    }
}

fn close_all(stack: &mut Vec<usize>, out: &mut String) {
    for _ in stack.drain(..) {
        out.push_str("</mark>");
    }
}

/// Paragraph breaks between `start` and `end`: runs of whitespace holding two or more line
/// breaks, as byte ranges (on char boundaries).
fn paragraph_breaks(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut breaks = Vec::new();
    let mut run: Option<(usize, usize)> = None; // (start, newlines)
    for (i, ch) in text[start..end].char_indices() {
        let pos = start + i;
        if ch.is_whitespace() {
            let (s, n) = run.unwrap_or((pos, 0));
            run = Some((s, n + usize::from(ch == '\n')));
        } else if let Some((s, n)) = run.take()
            && n >= 2
        {
            breaks.push((s, pos));
        }
    }
    breaks
}

/// The findings panel: discrepancies, agreements, single-source claims, then suppressed ones.
fn panel(report: &Report, out: &mut String) {
    out.push_str(
        "<aside class=\"panel\" aria-label=\"Findings\">\n<h2>Findings</h2>\n\
         <p class=\"hint\" id=\"selection\" aria-live=\"polite\">Click a finding to outline its claims in every source; click a highlighted claim to see its findings.</p>\n",
    );
    for (kind, title) in [
        (FindingKind::Discrepancy, "Discrepancies"),
        (FindingKind::Agreement, "Agreements"),
        (FindingKind::SingleSource, "Single-source claims"),
    ] {
        let _ = writeln!(
            out,
            "<h3 class=\"group {}\">{title} ({})</h3>",
            kind_class(kind),
            report.count(kind)
        );
        let list: Vec<&Finding> = report.findings.iter().filter(|f| f.kind == kind).collect();
        if list.is_empty() {
            out.push_str("<p class=\"none\">None.</p>\n");
            continue;
        }
        out.push_str("<ol class=\"findings\">\n");
        for f in list {
            finding_item(f, None, out);
        }
        out.push_str("</ol>\n");
    }
    if !report.suppressed.is_empty() {
        let _ = writeln!(
            out,
            "<h3 class=\"group suppressed\">Suppressed ({})</h3>\n<ol class=\"findings\">",
            report.suppressed.len()
        );
        for s in &report.suppressed {
            finding_item(&s.finding, Some((&s.by, &s.reason)), out);
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</aside>\n");
}

fn kind_class(kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::Agreement => "agreement",
        FindingKind::SingleSource => "single-source",
        FindingKind::Discrepancy => "discrepancy",
    }
}

fn kind_label(kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::Agreement => "agreement",
        FindingKind::SingleSource => "single source",
        FindingKind::Discrepancy => "discrepancy",
    }
}

fn finding_item(f: &Finding, suppressed: Option<(&str, &str)>, out: &mut String) {
    let extra = if suppressed.is_some() {
        " suppressed"
    } else {
        ""
    };
    let _ = write!(
        out,
        "<li class=\"finding {}{extra}\" data-finding=\"{}\" tabindex=\"0\" role=\"button\">\
         <div class=\"meta\"><span class=\"badge {}\">{}</span> <span class=\"sev sev-{}\">{}</span> \
         <code class=\"rule\">{}</code> <span class=\"subject\">{}</span></div>\
         <p class=\"summary\">{}</p>",
        kind_class(f.kind),
        esc(&f.id),
        kind_class(f.kind),
        kind_label(f.kind),
        esc(f.severity.as_str()),
        esc(f.severity.as_str()),
        esc(&f.rule),
        esc(&f.subject),
        esc(&f.summary)
    );
    if let Some((by, reason)) = suppressed {
        let _ = write!(
            out,
            "<p class=\"why\">Suppressed by <code>{}</code>: {}</p>",
            esc(by),
            esc(reason)
        );
    }
    out.push_str("</li>\n");
}

/// The coverage matrix: one row per finding, one column per outlet, each cell the claims'
/// texts as that outlet wrote them.
fn matrix(report: &Report, out: &mut String) {
    out.push_str(
        "<section class=\"coverage\" id=\"coverage\" aria-label=\"Coverage matrix\">\n<h2>Coverage matrix</h2>\n\
         <p class=\"hint\">One row per fact, one column per outlet: what each outlet says, blank where it is silent.</p>\n\
         <div class=\"scroll\"><table class=\"matrix\">\n<thead><tr><th scope=\"col\">Fact</th><th scope=\"col\">Finding</th>",
    );
    for s in &report.sources {
        let _ = write!(
            out,
            "<th scope=\"col\">{}</th>",
            esc(&report.column_name(s))
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in coverage(report) {
        let f = row.finding;
        let _ = write!(
            out,
            "<tr class=\"{}\" data-row=\"{}\"><th scope=\"row\">{}</th><td><span class=\"badge {}\">{}</span> <span class=\"sev sev-{}\">{}</span></td>",
            kind_class(f.kind),
            esc(&f.id),
            esc(&f.subject),
            kind_class(f.kind),
            kind_label(f.kind),
            esc(f.severity.as_str()),
            esc(f.severity.as_str())
        );
        for cell in &row.cells {
            if cell.is_empty() {
                out.push_str("<td class=\"silent\"></td>");
                continue;
            }
            out.push_str("<td>");
            for (n, c) in cell.iter().enumerate() {
                if n > 0 {
                    out.push_str("; ");
                }
                let _ = write!(
                    out,
                    "<span class=\"val\" title=\"{}\">{}</span>",
                    esc(&claim_value(c)),
                    esc(&super::one_line(&c.text))
                );
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table></div>\n</section>\n");
}

/// HTML-escapes text for element content and quoted attribute values.
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = r##"
:root{--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa;--focus:#1d4ed8;
--dis-bg:#ffd8d6;--dis-line:#b42318;--agr-bg:#d2f1da;--agr-line:#1e7b34;
--sgl-bg:#fff1b8;--sgl-line:#8a5a00;--ctx-bg:#eceff3;--ctx-line:#6b7480}
*{box-sizing:border-box}
body{margin:0;font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff}
h1{font-size:1.45rem;margin:0 0 .2rem}
h2{font-size:1.1rem;margin:0 0 .4rem}
h3{font-size:.95rem;margin:1rem 0 .4rem}
code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#3b4450}
.top{padding:.9rem 1.2rem .6rem;border-bottom:1px solid var(--line);background:var(--bg)}
.tally{margin:.1rem 0 .5rem;font-weight:600}
.jump{font-weight:400;font-size:.85rem;margin-left:.6rem;color:#0b5cad}
.source-list{border-collapse:collapse;font-size:.85rem;margin-bottom:.5rem}
.source-list th,.source-list td{border:1px solid var(--line);padding:.2rem .5rem;text-align:left;vertical-align:top;background:#fff}
.source-list th{background:#eef1f4}
.url{font-size:.78rem;color:#0b5cad;word-break:break-all}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;margin:.3rem 0 0;padding:0;font-size:.85rem}
.swatch{display:inline-block;padding:0 .35rem;border-radius:3px}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 390px;gap:1rem;padding:1rem 1.2rem;align-items:start}
.sources{display:grid;grid-template-columns:repeat(auto-fit,minmax(250px,1fr));gap:1rem;align-items:start}
.source{border:1px solid var(--line);border-radius:6px;padding:.7rem .9rem;background:#fff;min-width:0}
.source h2{margin:0}
.byline{margin:0;color:var(--muted);font-size:.8rem}
.headline{margin:.3rem 0 0;font-weight:600}
.body p{margin:.6rem 0;white-space:pre-line;overflow-wrap:anywhere}
mark,.swatch,.derived{color:var(--ink);border-radius:2px;padding:0 1px;-webkit-box-decoration-break:clone;box-decoration-break:clone;cursor:pointer}
mark.disputed,.swatch.disputed,.derived.disputed{background:var(--dis-bg);border-bottom:3px double var(--dis-line)}
mark.agreed,.swatch.agreed,.derived.agreed{background:var(--agr-bg);border-bottom:2px solid var(--agr-line)}
mark.single,.swatch.single,.derived.single{background:var(--sgl-bg);border-bottom:2px dashed var(--sgl-line)}
mark.context,.swatch.context,.derived.context{background:var(--ctx-bg);border-bottom:1px dotted var(--ctx-line)}
mark mark{padding:0}
.focus:is(mark,.swatch,.derived){outline:2px solid var(--focus);outline-offset:1px;box-shadow:0 0 0 4px rgba(29,78,216,.18)}
.derived-list,.unplaced{margin:.2rem 0;padding-left:1.1rem;font-size:.85rem}
.derived-list li{margin:.15rem 0}
.where{color:var(--muted);font-size:.8rem}
.panel{position:sticky;top:.5rem;max-height:calc(100vh - 1rem);overflow:auto;border:1px solid var(--line);border-radius:6px;padding:.7rem .8rem;background:var(--bg)}
.hint{color:var(--muted);font-size:.8rem;margin:.2rem 0 .5rem}
.findings{list-style:none;margin:0;padding:0}
.finding{border:1px solid var(--line);border-left:5px solid var(--ctx-line);border-radius:4px;background:#fff;padding:.35rem .5rem;margin:0 0 .4rem;cursor:pointer;font-size:.85rem}
.finding.discrepancy{border-left-color:var(--dis-line)}
.finding.agreement{border-left-color:var(--agr-line)}
.finding.single-source{border-left-color:var(--sgl-line)}
.finding.suppressed{opacity:.6;border-left-color:#9aa3ad;background:#f1f3f5}
.finding:hover{border-color:#8c959f}
.finding.focus{outline:2px solid var(--focus);background:#eef4ff}
.finding:focus-visible{outline:2px solid var(--focus)}
.meta{display:flex;flex-wrap:wrap;gap:.3rem;align-items:baseline}
.summary{margin:.2rem 0 0}
.why{margin:.2rem 0 0;font-style:italic}
.subject{color:var(--muted)}
.badge{display:inline-block;font-size:.72rem;font-weight:600;text-transform:uppercase;letter-spacing:.02em;border-radius:3px;padding:0 .3rem;color:#fff}
.badge.discrepancy{background:var(--dis-line)}
.badge.agreement{background:var(--agr-line)}
.badge.single-source{background:var(--sgl-line)}
.sev{font-size:.75rem;color:var(--muted)}
.sev-high,.sev-medium{color:var(--dis-line);font-weight:600}
.group.discrepancy{color:var(--dis-line)}
.group.agreement{color:var(--agr-line)}
.group.single-source{color:var(--sgl-line)}
.group.suppressed{color:var(--muted)}
.none{color:var(--muted);font-size:.85rem}
.coverage{padding:0 1.2rem 1.5rem}
.scroll{overflow-x:auto}
.matrix{border-collapse:collapse;font-size:.85rem;width:100%;table-layout:fixed}
.matrix thead th:first-child{width:22%}
.matrix thead th:nth-child(2){width:11.5rem}
.matrix td:nth-child(2){white-space:nowrap}
.matrix tbody tr{cursor:pointer}
.matrix tbody tr:hover{background:#f3f6fa}
.matrix th,.matrix td{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top}
.matrix thead th{background:#eef1f4;position:sticky;top:0}
.matrix tbody th{font-weight:600}
.matrix td{overflow-wrap:anywhere}
.matrix tr.discrepancy{background:#fff5f4}
.matrix tr.focus{outline:2px solid var(--focus)}
.matrix td.silent{background:repeating-linear-gradient(135deg,#fafbfc,#fafbfc 4px,#f1f3f5 4px,#f1f3f5 8px)}
@media (max-width:1000px){.layout{grid-template-columns:1fr}.panel{position:static;max-height:none}}
"##;

const JS: &str = r##"
(function(){
  "use strict";
  function all(sel){return Array.prototype.slice.call(document.querySelectorAll(sel));}
  function q(v){return window.CSS&&CSS.escape?CSS.escape(v):v.replace(/["\\]/g,"\\$&");}
  function clear(){all(".focus").forEach(function(e){if(!e.classList.contains("swatch"))e.classList.remove("focus");});}
  function claimEls(id){return all('[data-claim="'+q(id)+'"],[data-part="'+q(id)+'"],[data-derived="'+q(id)+'"]');}
  function status(t){var s=document.getElementById("selection");if(s)s.textContent=t;}
  function focusFinding(fid,scroll){
    clear();
    var item=document.querySelector('.finding[data-finding="'+q(fid)+'"]');
    if(!item)return;
    item.classList.add("focus");
    all('[data-row="'+q(fid)+'"]').forEach(function(e){e.classList.add("focus");});
    var hit=all('.source [data-findings~="'+q(fid)+'"]');
    hit.forEach(function(e){
      e.classList.add("focus");
      var from=e.getAttribute("data-from");
      if(from)from.split(" ").forEach(function(id){if(id)claimEls(id).forEach(function(m){m.classList.add("focus");});});
    });
    var n=all(".source mark.focus").length;
    status("Finding "+fid+": "+n+" highlighted claim"+(n===1?"":"s")+".");
    if(scroll){var first=document.querySelector(".source mark.focus,.source .derived.focus");if(first&&first.scrollIntoView){var r=first.getBoundingClientRect();if(r.top<0||r.bottom>window.innerHeight)first.scrollIntoView({block:"center"});}}
  }
  function fromHash(){var m=/^#focus=(.+)$/.exec(location.hash);if(m){try{focusFinding(decodeURIComponent(m[1]),true);}catch(e){}}}
  document.addEventListener("click",function(ev){
    var t=ev.target;
    var f=t.closest&&t.closest(".finding,[data-row]");
    if(f){
      var fid=f.getAttribute("data-finding")||f.getAttribute("data-row");
      focusFinding(fid,true);
      try{history.replaceState(null,"","#focus="+encodeURIComponent(fid));}catch(e){}
      return;
    }
    var m=t.closest&&t.closest(".source mark,.source .derived");
    if(m){
      clear();
      var id=m.getAttribute("data-claim")||m.getAttribute("data-part")||m.getAttribute("data-derived");
      claimEls(id).forEach(function(e){e.classList.add("focus");});
      var fids=(m.getAttribute("data-findings")||"").split(" ").filter(Boolean);
      var items=[];
      fids.forEach(function(fid){all('.finding[data-finding="'+q(fid)+'"]').forEach(function(e){e.classList.add("focus");items.push(e);});});
      status(id+" is in "+(fids.length?fids.length+" finding"+(fids.length===1?"":"s")+": "+fids.join(", "):"no finding")+".");
      if(items.length&&items[0].scrollIntoView)items[0].scrollIntoView({block:"nearest"});
    }
  });
  document.addEventListener("keydown",function(ev){
    if(ev.key!=="Enter"&&ev.key!==" ")return;
    var f=ev.target.closest&&ev.target.closest(".finding");
    if(f){ev.preventDefault();f.click();}
  });
  window.addEventListener("hashchange",fromHash);
  fromHash();
})();
"##;
