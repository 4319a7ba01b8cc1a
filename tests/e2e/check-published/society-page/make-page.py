#!/usr/bin/env python3
"""Writes page.html: the bundled notice (2021-10-29) as a society's web page would carry it, in
Shift_JIS, inside site chrome (header with a logo, global navigation, breadcrumbs, a side column,
a footer, scripts), with items as <li> whose bullets come from CSS and paragraphs broken across
source lines. check-published must find nothing to report.

    build/notice-audit render notice/acom-kenpo.yaml -f txt -r 2021-10-29 > notice.txt
    python3 make-page.py notice.txt page.html
"""
import html
import re
import sys

lines = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8")]
body = []
in_list = False


def close_list():
    global in_list
    if in_list:
        body.append("      </ul>")
        in_list = False


title = lines[0]
body.append(f"      <h1 class=\"page-title\">{html.escape(title)}</h1>")
for line in lines[1:]:
    if not line.strip():
        continue
    text = html.escape(line.strip("\u3000 "))
    if line.startswith("・"):
        if not in_list:
            body.append("      <ul class=\"purpose-list\">")
            in_list = True
        body.append(f"        <li>{text[1:]}</li>")
        continue
    close_list()
    if re.match(r"^[0-9０-９]+．", line):
        body.append(f"      <h2>{text}</h2>")
    elif line.startswith("【"):
        body.append(f"      <h3>{text}</h3>")
    elif len(line) > 40:
        # Long paragraphs wrapped in the source, as editors save them.
        body.append("      <p>" + "\n         ".join(text[i:i + 36] for i in range(0, len(text), 36)) + "</p>")
    else:
        body.append(f"      <p>{text}</p>")
close_list()

page = f"""<!DOCTYPE html>
<html lang="ja">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">
<title>個人情報の利用目的 | アコム健康保険組合</title>
<link rel="stylesheet" href="/css/common.css">
<style>ul.purpose-list {{ list-style: disc; }}</style>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</head>
<body>
<div id="wrapper">
  <header id="header">
    <div class="logo"><a href="/"><img src="/img/logo.png" alt="アコム健康保険組合"></a></div>
    <p class="tel">お問い合わせ 03-0000-0000（平日9:00～17:00）</p>
    <nav id="gnav"><ul>
      <li><a href="/">ホーム</a></li><li><a href="/kenshin/">健診・保健事業</a></li>
      <li><a href="/privacy/">個人情報保護方針</a></li><li><a href="/about/">組合について</a></li>
    </ul></nav>
  </header>
  <div id="pankuzu"><a href="/">ホーム</a> &gt; <a href="/about/">組合について</a> &gt; 個人情報の利用目的</div>
  <div id="container">
    <div id="main" class="contents">
{chr(10).join(body)}
      <p class="pagetop"><a href="#wrapper">ページの先頭へ</a></p>
    </div>
    <div id="side">
      <h2>組合について</h2>
      <ul><li><a href="/privacy/">個人情報保護方針</a></li><li><a href="/purpose/">個人情報の利用目的</a></li></ul>
    </div>
  </div>
  <footer id="footer"><p>Copyright &copy; アコム健康保険組合 All Rights Reserved.</p></footer>
</div>
<script src="/js/common.js"></script>
</body>
</html>
"""
with open(sys.argv[2], "wb") as f:
    f.write(page.encode("cp932"))
