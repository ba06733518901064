"""Chinese, Japanese and Korean script: written without spaces between
words, so search, mention matching and recommendations all treat runs of it
apart from space-separated text. One definition of what counts."""

import re

# Hiragana and katakana, CJK unified ideographs (extension A and the main
# block), Hangul syllables, CJK compatibility ideographs; a regex class body.
CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
CJK_RE = re.compile(f"[{CJK_CHARS}]")
