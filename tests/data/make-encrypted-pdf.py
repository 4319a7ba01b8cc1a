#!/usr/bin/env python3
"""Writes tests/data/encrypted.pdf: a one-page PDF encrypted with the standard security handler
(revision 2, RC4 40-bit) and the user password "secret", so that a reader must refuse it. Made by
hand because Debian's PDF tools that encrypt (qpdf, pdftk) are not otherwise needed.

    python3 tests/data/make-encrypted-pdf.py tests/data/encrypted.pdf
"""
import hashlib
import sys

# PDF 1.7 (ISO 32000-1) 7.6.3.3: the padding string of algorithms 2 to 4.
PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def pad(password):
    return (password + PAD)[:32]


def main(path, user=b"secret", owner=b"owner", permissions=-4):
    file_id = hashlib.md5(b"notice-audit test").digest()
    o = rc4(hashlib.md5(pad(owner)).digest()[:5], pad(user))  # algorithm 3
    key = hashlib.md5(pad(user) + o + permissions.to_bytes(4, "little", signed=True) + file_id).digest()[:5]  # 2
    u = rc4(key, PAD)  # algorithm 4
    content = "BT /F1 12 Tf 20 100 Td (Personal information) Tj ET".encode()
    object_key = hashlib.md5(key + (4).to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[:10]
    stream = rc4(object_key, content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + o.hex().encode() + b"> /U <" + u.hex().encode()
        + b"> /P %d >>" % permissions,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 6 0 R /ID [<%s><%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, file_id.hex().encode(), file_id.hex().encode(), xref)
    with open(path, "wb") as f:
        f.write(out)


if __name__ == "__main__":
    main(sys.argv[1])
