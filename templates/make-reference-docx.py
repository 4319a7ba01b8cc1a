#!/usr/bin/env python3
"""Regenerates the reference documents Pandoc styles DOCX output with:

    pandoc -o /tmp/default.docx --print-default-data-file reference.docx
    python3 templates/make-reference-docx.py /tmp/default.docx templates

writes templates/reference.docx (the notice: A4 portrait) and templates/reference-table.docx (the
新旧対照表: A4 landscape), both from Pandoc's default reference document with:

- the page: A4 (Word's default is US Letter when the document names none), margins as in the PDF,
  page numbers "1 / 3" centred in the footer;
- fonts: 游明朝 for text and 游ゴシック for headings, the faces Word has on Windows and macOS;
  the font table gives MS 明朝 / MS ゴシック as their alternative names and declares them Shift-JIS
  (charset 80) with their PANOSE class, so that Word substitutes a Japanese Mincho or Gothic face
  where the first is missing; LibreOffice picks a Japanese face by coverage (IPAex on Debian);
- styles like the PDF (templates/notice.css, comparison-table.css): black headings in the gothic
  face without Word's blue, items with a hanging marker, notes and joint-use disclosures indented,
  the closing lines right-aligned and set apart, and a ruled table with a shaded header row.

Zip entries get a fixed time so that the files are reproducible.
"""
import re
import sys
import zipfile

MINCHO = "游明朝"
GOTHIC = "游ゴシック"
FONTS = (
    f'<w:font w:name="{MINCHO}"><w:altName w:val="MS 明朝" /><w:panose1 w:val="02020400000000000000" />'
    '<w:charset w:val="80" /><w:family w:val="roman" /><w:pitch w:val="variable" /></w:font>'
    '<w:font w:name="MS 明朝"><w:altName w:val="MS Mincho" /><w:panose1 w:val="02020609040205080304" />'
    '<w:charset w:val="80" /><w:family w:val="roman" /><w:pitch w:val="fixed" /></w:font>'
    f'<w:font w:name="{GOTHIC}"><w:altName w:val="MS ゴシック" /><w:panose1 w:val="020B0400000000000000" />'
    '<w:charset w:val="80" /><w:family w:val="swiss" /><w:pitch w:val="variable" /></w:font>'
    '<w:font w:name="MS ゴシック"><w:altName w:val="MS Gothic" /><w:panose1 w:val="020B0609070205080204" />'
    '<w:charset w:val="80" /><w:family w:val="modern" /><w:pitch w:val="fixed" /></w:font>'
)


def fonts(face: str) -> str:
    return f'<w:rFonts w:ascii="{face}" w:eastAsia="{face}" w:hAnsi="{face}" w:cs="{face}" />'


def para_style(style_id: str, name: str, ppr: str = "", rpr: str = "", based_on: str = "BodyText",
               custom: bool = False, next_style: str = "") -> str:
    custom_attribute = ' w:customStyle="1"' if custom else ""
    return (f'<w:style w:type="paragraph"{custom_attribute} w:styleId="{style_id}">'
            f'<w:name w:val="{name}" />' + (f'<w:basedOn w:val="{based_on}" />' if based_on else "")
            + (f'<w:next w:val="{next_style}" />' if next_style else "") + '<w:qFormat />'
            + (f'<w:pPr>{ppr}</w:pPr>' if ppr else "") + (f'<w:rPr>{rpr}</w:rPr>' if rpr else "") + '</w:style>')


# 10.5 pt text: one em is 210 twips. Sizes are half-points.
EM = 210
BODY_SPACING = '<w:spacing w:before="0" w:after="100" w:line="320" w:lineRule="auto" />'
HEADING = fonts(GOTHIC) + '<w:b w:val="0" /><w:bCs w:val="0" /><w:color w:val="000000" />'


def styles(table: bool) -> dict:
    size = 19 if table else 21  # 9.5 pt in the table's cells, 10.5 pt in the notice
    return {
        "BodyText": para_style("BodyText", "Body Text", BODY_SPACING + '<w:jc w:val="both" />', based_on="Normal"),
        "FirstParagraph": para_style("FirstParagraph", "First Paragraph", next_style="BodyText"),
        "Compact": para_style(
            "Compact", "Compact",
            f'<w:spacing w:before="0" w:after="{0 if table else 20}" w:line="{280 if table else 320}" '
            f'w:lineRule="auto" /><w:ind w:left="{0 if table else EM}" w:hanging="{0 if table else EM}" />'
            '<w:jc w:val="left" />',
            f'<w:sz w:val="{size}" /><w:szCs w:val="{size}" />'),
        "Title": para_style("Title", "Title", '<w:keepNext /><w:spacing w:before="0" w:after="240" />'
                            '<w:jc w:val="center" />', HEADING + '<w:sz w:val="28" /><w:szCs w:val="28" />',
                            next_style="BodyText"),
        "Heading1": para_style("Heading1", "heading 1",
                               '<w:keepNext /><w:keepLines /><w:spacing w:before="0" w:after="240" />'
                               '<w:jc w:val="center" /><w:outlineLvl w:val="0" />',
                               HEADING + '<w:sz w:val="28" /><w:szCs w:val="28" />', next_style="BodyText"),
        "Heading2": para_style("Heading2", "heading 2",
                               '<w:keepNext /><w:keepLines /><w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" '
                               'w:color="555555" /></w:pBdr><w:spacing w:before="300" w:after="80" />'
                               '<w:outlineLvl w:val="1" />',
                               HEADING + '<w:sz w:val="23" /><w:szCs w:val="23" />', next_style="BodyText"),
        "Heading3": para_style("Heading3", "heading 3",
                               '<w:keepNext /><w:keepLines /><w:spacing w:before="160" w:after="40" />'
                               '<w:outlineLvl w:val="2" />',
                               HEADING + '<w:sz w:val="21" /><w:szCs w:val="21" />', next_style="BodyText"),
        # An item's notes and joint-use disclosure: under the item's text, one em further in.
        "ItemNote": para_style("ItemNote", "Item Note",
                               f'<w:spacing w:before="0" w:after="20" /><w:ind w:left="{2 * EM}" w:hanging="0" />'
                               '<w:jc w:val="left" />', based_on="Compact", custom=True),
        # A bucket's joint-use disclosure: under its items, where their text starts.
        "Disclosure": para_style("Disclosure", "Disclosure",
                                 f'<w:spacing w:before="60" w:after="20" /><w:contextualSpacing />'
                                 f'<w:ind w:left="{EM}" /><w:jc w:val="left" />', custom=True),
        "Closing": para_style("Closing", "Closing", '<w:spacing w:before="360" w:after="0" /><w:contextualSpacing /><w:jc w:val="right" />',
                              custom=True),
        "TableSides": para_style("TableSides", "Table Sides", '<w:spacing w:before="0" w:after="80" />'
                                 '<w:jc w:val="center" />', custom=True),
        "TableNote": para_style("TableNote", "Table Note", '<w:spacing w:before="0" w:after="80" />'
                                '<w:jc w:val="right" />', '<w:sz w:val="19" /><w:szCs w:val="19" />', custom=True),
        "TableSources": para_style("TableSources", "Table Sources", '<w:spacing w:before="120" w:after="0" />'
                                   '<w:jc w:val="left" />',
                                   '<w:color w:val="444444" /><w:sz w:val="16" /><w:szCs w:val="16" />',
                                   custom=True),
        # A line printed under an item in a cell of the 新旧対照表: one em in, a long one wrapping under
        # its own start (comparison-table.css: td div.sub).
        "TableSubLine": para_style("TableSubLine", "Table Sub-line", f'<w:ind w:left="{EM}" w:hanging="0" />',
                                   based_on="Compact", custom=True),
        # Code (the file names in the small print of the 新旧対照表) at the size of its paragraph.
        "VerbatimChar": ('<w:style w:type="character" w:customStyle="1" w:styleId="VerbatimChar">'
                         '<w:name w:val="Verbatim Char" /><w:basedOn w:val="BodyTextChar" />'
                         '<w:rPr><w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" /></w:rPr></w:style>'),
        "Table": (
            '<w:style w:type="table" w:default="1" w:styleId="Table"><w:name w:val="Table" />'
            '<w:basedOn w:val="TableNormal" /><w:qFormat /><w:tblPr><w:tblInd w:w="0" w:type="dxa" />'
            '<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000" />'
            '<w:left w:val="single" w:sz="4" w:space="0" w:color="000000" />'
            '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000" />'
            '<w:right w:val="single" w:sz="4" w:space="0" w:color="000000" />'
            '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000" />'
            '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000" /></w:tblBorders>'
            '<w:tblCellMar><w:top w:w="57" w:type="dxa" /><w:left w:w="85" w:type="dxa" />'
            '<w:bottom w:w="57" w:type="dxa" /><w:right w:w="85" w:type="dxa" /></w:tblCellMar></w:tblPr>'
            '<w:tblStylePr w:type="firstRow"><w:pPr><w:jc w:val="center" /></w:pPr>'
            '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2" /><w:vAlign w:val="center" /></w:tcPr>'
            '</w:tblStylePr></w:style>'),
    }


def patch_styles(xml: str, table: bool) -> str:
    # Document defaults: 游明朝 10.5 pt (9.5 pt is set on the table's cells), Japanese language.
    xml, n = re.subn(r'<w:rFonts w:asciiTheme="minorHAnsi"[^>]*/>', fonts(MINCHO), xml, count=1)
    assert n == 1, n
    xml, n = re.subn(r'(<w:rPrDefault>.*?)<w:sz w:val="24" />\s*<w:szCs w:val="24" />',
                     r'\1<w:sz w:val="21" /><w:szCs w:val="21" />', xml, count=1, flags=re.S)
    assert n == 1, n
    xml, n = re.subn(r'(<w:lang w:val="en-US" )w:eastAsia="en-US"', r'\1w:eastAsia="ja-JP"', xml)
    assert n == 1, n
    # Theme fonts elsewhere (captions, other headings) would fall back to Word's Latin theme faces.
    xml = re.sub(r'<w:rFonts w:asciiTheme="majorHAnsi"[^>]*/>', fonts(GOTHIC), xml)
    xml = re.sub(r'<w:color w:val="[0-9A-F]{6}" w:themeColor="[^"]*"[^>]*/>', '<w:color w:val="000000" />', xml)
    for style_id, definition in styles(table).items():
        pattern = re.compile(r'<w:style [^>]*w:styleId="' + style_id + r'">.*?</w:style>', re.S)
        xml, n = pattern.subn(lambda _: definition, xml, count=1)
        if n == 0:
            xml = xml.replace("</w:styles>", definition + "</w:styles>")
    return xml


def patch_fonts(xml: str) -> str:
    assert "</w:fonts>" in xml
    return xml.replace("</w:fonts>", FONTS + "</w:fonts>")


FOOTER = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<w:p><w:pPr><w:jc w:val="center" /></w:pPr>'
    '<w:r><w:rPr><w:sz w:val="18" /></w:rPr><w:fldChar w:fldCharType="begin" /></w:r>'
    '<w:r><w:rPr><w:sz w:val="18" /></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
    '<w:r><w:rPr><w:sz w:val="18" /></w:rPr><w:fldChar w:fldCharType="separate" /></w:r>'
    '<w:r><w:rPr><w:sz w:val="18" /></w:rPr><w:t>1</w:t></w:r>'
    '<w:r><w:rPr><w:sz w:val="18" /></w:rPr><w:fldChar w:fldCharType="end" /></w:r>'
    '<w:r><w:rPr><w:sz w:val="18" /></w:rPr><w:t xml:space="preserve"> / </w:t></w:r>'
    '<w:r><w:rPr><w:sz w:val="18" /></w:rPr><w:fldChar w:fldCharType="begin" /></w:r>'
    '<w:r><w:rPr><w:sz w:val="18" /></w:rPr><w:instrText xml:space="preserve"> NUMPAGES </w:instrText></w:r>'
    '<w:r><w:rPr><w:sz w:val="18" /></w:rPr><w:fldChar w:fldCharType="separate" /></w:r>'
    '<w:r><w:rPr><w:sz w:val="18" /></w:rPr><w:t>1</w:t></w:r>'
    '<w:r><w:rPr><w:sz w:val="18" /></w:rPr><w:fldChar w:fldCharType="end" /></w:r>'
    '</w:p></w:ftr>')


def section(table: bool) -> str:
    # Twips: A4 is 11906 x 16838; 1 mm is 56.7.
    if table:
        size = '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape" />'
        margins = '<w:pgMar w:top="850" w:right="680" w:bottom="850" w:left="680" w:header="425" w:footer="425" w:gutter="0" />'
    else:
        size = '<w:pgSz w:w="11906" w:h="16838" />'
        margins = '<w:pgMar w:top="1134" w:right="1134" w:bottom="1247" w:left="1134" w:header="567" w:footer="567" w:gutter="0" />'
    return f'<w:sectPr><w:footerReference w:type="default" r:id="rIdNoticeFooter" />{size}{margins}</w:sectPr>'


def patch_document(xml: str, table: bool) -> str:
    # Pandoc's default has an empty <w:sectPr />: the page Pandoc copies into every document.
    xml, n = re.subn(r"<w:sectPr\s*/>", section(table), xml)
    assert n == 1, n
    return xml


def patch_rels(xml: str) -> str:
    rel = ('<Relationship Id="rIdNoticeFooter" '
           'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml" />')
    return xml.replace("</Relationships>", rel + "</Relationships>")


def patch_content_types(xml: str) -> str:
    override = ('<Override PartName="/word/footer1.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml" />')
    return xml.replace("</Types>", override + "</Types>")


def write(source: str, target: str, table: bool) -> None:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        def put(name: str, data: bytes) -> None:
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(entry, data)

        for info in zin.infolist():
            data = zin.read(info.filename)
            patch = {
                "word/styles.xml": lambda x: patch_styles(x, table),
                "word/fontTable.xml": patch_fonts,
                "word/document.xml": lambda x: patch_document(x, table),
                "word/_rels/document.xml.rels": patch_rels,
                "[Content_Types].xml": patch_content_types,
            }.get(info.filename)
            if patch:
                data = patch(data.decode("utf-8")).encode("utf-8")
            put(info.filename, data)
        put("word/footer1.xml", FOOTER.encode("utf-8"))


def main(source: str, directory: str) -> None:
    write(source, f"{directory}/reference.docx", table=False)
    write(source, f"{directory}/reference-table.docx", table=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
