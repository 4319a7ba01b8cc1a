#!/usr/bin/env python3
"""Regenerates templates/reference.docx: Pandoc's default reference document with Japanese fonts.

    pandoc -o /tmp/default.docx --print-default-data-file reference.docx
    python3 templates/make-reference-docx.py /tmp/default.docx templates/reference.docx

Changes: East Asian text uses IPAex明朝 (body) and IPAexゴシック (headings, title) from Debian's
fonts-ipaexfont, the East Asian language is ja-JP, and the font table declares both fonts as
Shift-JIS (charset 80) so that Word substitutes a Japanese Mincho/Gothic where IPAex is not installed.
Zip entries get a fixed time so that the file is reproducible.
"""
import re
import sys
import zipfile

MINCHO = "IPAex明朝"
GOTHIC = "IPAexゴシック"
FONTS = (
    f'<w:font w:name="{MINCHO}"><w:altName w:val="IPAexMincho" /><w:panose1 w:val="02020400000000000000" />'
    '<w:charset w:val="80" /><w:family w:val="roman" /><w:pitch w:val="variable" /></w:font>'
    f'<w:font w:name="{GOTHIC}"><w:altName w:val="IPAexGothic" /><w:panose1 w:val="020B0500000000000000" />'
    '<w:charset w:val="80" /><w:family w:val="swiss" /><w:pitch w:val="variable" /></w:font>'
)


def patch_styles(xml: str) -> str:
    # Body text: the document defaults.
    xml, n = re.subn(r'w:eastAsiaTheme="minorHAnsi"', f'w:eastAsia="{MINCHO}"', xml)
    assert n == 1, n
    # Headings and title use the major (heading) theme fonts.
    xml, n = re.subn(r'w:eastAsiaTheme="majorEastAsia"', f'w:eastAsia="{GOTHIC}"', xml)
    assert n >= 1, n
    xml, n = re.subn(r'(<w:lang w:val="en-US" )w:eastAsia="en-US"', r'\1w:eastAsia="ja-JP"', xml)
    assert n == 1, n
    return xml


def patch_fonts(xml: str) -> str:
    assert "</w:fonts>" in xml
    return xml.replace("</w:fonts>", FONTS + "</w:fonts>")


def main(source: str, target: str) -> None:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/styles.xml":
                data = patch_styles(data.decode("utf-8")).encode("utf-8")
            elif info.filename == "word/fontTable.xml":
                data = patch_fonts(data.decode("utf-8")).encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(entry, data)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
