#!/usr/bin/env python3
"""Writes bomb.docx: a DOCX-shaped ZIP whose word/document.xml inflates 10 KiB into 10 MiB of
zeros (a ratio of about 1,000), so check-published must refuse it from the central directory alone.

    python3 make-bomb.py bomb.docx
"""
import sys
import zipfile

with zipfile.ZipFile(sys.argv[1], "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
    z.writestr("word/document.xml", b"\0" * (10 << 20))
