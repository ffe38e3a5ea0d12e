/// The CSS every printable page shares: system fonts (nothing to download), A4 margins,
/// tables that keep their rows together across pages and numbers in tabular figures.
public enum PrintStyle {
    public static let base = """
    * { box-sizing: border-box; }
    html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    body { font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif; color: #1b1f24; margin: 0; padding: 16px; font-size: 10pt; line-height: 1.35; }
    h1 { font-size: 17pt; margin: 0 0 2px; }
    h2 { font-size: 12pt; margin: 18px 0 6px; border-bottom: 1.5px solid #1b1f24; padding-bottom: 2px; break-after: avoid; }
    .muted { color: #5b6470; }
    table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
    th, td { padding: 3px 6px; border-bottom: 1px solid #d8dde3; text-align: left; vertical-align: top; }
    th { font-size: 8pt; text-transform: uppercase; letter-spacing: 0.03em; color: #5b6470; border-bottom: 1.5px solid #1b1f24; }
    td.num, th.num { text-align: right; white-space: nowrap; }
    tr.total td { font-weight: bold; border-top: 1.5px solid #1b1f24; }
    tr { break-inside: avoid; }
    svg { max-width: 100%; height: auto; }
    @page { size: A4; margin: 12mm; }
    @media print { body { padding: 0; } .no-print { display: none; } }
    """
}
