#!/usr/bin/env python3
"""Figures of docs/import.md: does validate find on an imported notice what it finds on the hand
encoding of the same text? For every corpus text with a hand encoding (tests/data/real/<slug>/
notice.yaml) it imports source.txt with the built binary, copies the encoding's `part:` and
`published_elsewhere:` (what the encoder knew about the capture: an excerpt, a page of a larger
site; the text cannot say it) into the import, validates both as of 2026-12-01 and compares the
findings per rule (counts; import-undecided aside, which only an import has).

Usage: tests/import/findings.py build/notice-audit
"""
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def rules(binary, path):
    env = dict(os.environ, NOTICE_AUDIT_AS_OF="2026-12-01")
    out = subprocess.run([binary, "validate", "--no-config", "-f", "json", path],
                         capture_output=True, text=True, env=env, timeout=120).stdout
    counts = collections.Counter()
    for f in json.loads(out)["files"]:
        for d in f["diagnostics"]:
            if d.get("rule") != "import-undecided":
                counts[d.get("rule")] += 1
    return counts


def main():
    binary = os.path.abspath(sys.argv[1])
    real = os.path.join(ROOT, "tests", "data", "real")
    same = total = 0
    with tempfile.TemporaryDirectory() as tmp:
        for slug in sorted(os.listdir(real)):
            encoded = os.path.join(real, slug, "notice.yaml")
            if not os.path.exists(encoded):
                continue
            imported = os.path.join(tmp, slug + ".yaml")
            subprocess.run([binary, "import", os.path.join(real, slug, "source.txt"), "-o", imported],
                           capture_output=True, check=True, timeout=120)
            text = open(encoded, encoding="utf-8").read()
            known = "".join(m.group(1) for m in re.finditer(
                r"^((?:part|published_elsewhere):\n(?:  .*\n)+)", text, re.M))
            if known:
                yaml = open(imported, encoding="utf-8").read()
                yaml = re.sub(r"^(revisions:)", lambda m: known + m.group(1), yaml, count=1, flags=re.M)
                open(imported, "w", encoding="utf-8").write(yaml)
            a, b = rules(binary, imported), rules(binary, encoded)
            total += 1
            same += a == b
            if a != b:
                print(f"{slug}: import {dict(a)}, hand encoding {dict(b)}")
    print(f"{same} of {total} texts: the same findings per rule on the import as on the hand encoding")


if __name__ == "__main__":
    main()
