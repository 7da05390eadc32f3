#!/usr/bin/env bash
# The bulletin prints: renders the sample bulletin (tests/core/bulletin_fixture.h)
# and its correction to HTML with the real renderer, prints them with Debian's
# headless Chromium to PDF and to an A4-sized PNG screenshot, and reads them
# back: the PDF is A4 with the bulletin's words in it (poppler-utils), set in a
# CJK font; the PNG has the requested size and is not blank, with the red
# title line. Fails (does not skip) when chromium or poppler-utils is missing:
# deploy/install-deps.sh installs them.
# Usage: bulletin_print_test.sh RENDER_SAMPLE_BULLETIN [PYTHON3]
set -euo pipefail
render=$1 python=${2:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

command -v chromium >/dev/null ||
  fail "chromium is not installed; this test prints the bulletin in Debian's chromium" \
       "(apt-get install chromium fonts-wqy-zenhei poppler-utils, or deploy/install-deps.sh)"
for tool in pdfinfo pdftotext pdffonts; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (apt-get install poppler-utils)"
done
[ -x "$python" ] || fail "no python3 at $python"

"$render" "$work/bulletin.html" "$work/correction.html" || fail "render_sample_bulletin failed"

# Chromium wants a writable home and profile; a fresh one per run.
export HOME="$work/home"
mkdir -p "$HOME"
chrome() {
  local name=$1
  shift
  local rc=0
  timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
    --no-default-browser-check --user-data-dir="$work/profile-$name" "$@" \
    >"$work/chromium-$name.log" 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then
    tail -20 "$work/chromium-$name.log" >&2
    [ "$rc" -eq 124 ] && fail "chromium timed out ($name)"
    fail "chromium exited $rc ($name)"
  fi
}

chrome pdf --no-pdf-header-footer --print-to-pdf="$work/bulletin.pdf" "file://$work/bulletin.html"
chrome correction --no-pdf-header-footer --print-to-pdf="$work/correction.pdf" \
  "file://$work/correction.html"
chrome png --hide-scrollbars --window-size=1240,1754 --screenshot="$work/bulletin.png" \
  "file://$work/bulletin.html"

# ---- PDF: a real A4 PDF with the bulletin's words, in a CJK font.
check_pdf() {
  local pdf=$1
  shift
  [ -s "$pdf" ] || fail "$pdf was not written"
  [ "$(head -c 4 "$pdf")" = "%PDF" ] || fail "$pdf does not start with %PDF"
  local info pages
  info=$(pdfinfo "$pdf") || fail "pdfinfo cannot read $pdf"
  pages=$(awk '/^Pages:/ {print $2}' <<<"$info")
  [ "${pages:-0}" -ge 1 ] || fail "$pdf has no pages"
  grep -q '^Page size:.*(A4)' <<<"$info" || fail "$pdf is not A4: $(grep '^Page size' <<<"$info")"
  pdffonts "$pdf" | grep -Eqi 'WenQuanYi|Noto.*CJK|Songti|SimSun|ZenHei' ||
    fail "$pdf embeds no CJK font: $(pdffonts "$pdf")"
  # Compared without white space: layout may break or space a line anywhere.
  local text
  text=$(pdftotext -enc UTF-8 "$pdf" - | tr -d ' \t\r\n\f') || fail "pdftotext cannot read $pdf"
  local want
  for want in "$@"; do
    want=$(tr -d ' ' <<<"$want")
    [[ "$text" == *"$want"* ]] || fail "$pdf has no \"$want\"; its text: $text"
  done
  echo "ok: $(basename "$pdf"): $pages A4 page(s)"
}

check_pdf "$work/bulletin.pdf" "政务公开工作简报" "2025年第3期" "萍乡市政务公开办公室" \
  "2025年4月8日" "报告期：2025年3月" "一、本月概况" "八、督办函与约谈" "上栗县" \
  "得分 52.00, 低于 60 分" "莲花县" "2025-03/lianhua-county/1" "链接失效" "督办函" \
  "2025年4月23日" "约谈" "市住房和城乡建设局"
check_pdf "$work/correction.pdf" "政务公开工作简报" "2025年第4期" "更正说明" \
  "本期更正2025年第3期" "湘东区得分由 84.00 更正为 86.50"

# ---- PNG: the requested size, not blank, with the red title line.
"$python" - "$work/bulletin.png" 1240 1754 <<'EOF' || fail "the screenshot is wrong (see above)"
import struct, sys, zlib

path, want_w, want_h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = open(path, "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit(f"{path}: not a PNG")
pos, chunks = 8, {}
while pos < len(data):
    (length,) = struct.unpack(">I", data[pos:pos + 4])
    kind = data[pos + 4:pos + 8]
    chunks.setdefault(kind, []).append(data[pos + 8:pos + 8 + length])
    pos += 12 + length
w, h, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"][0])
if (w, h) != (want_w, want_h):
    sys.exit(f"{path}: {w}x{h}, wanted {want_w}x{want_h}")
if depth != 8 or color not in (2, 6) or interlace:
    sys.exit(f"{path}: unexpected PNG format depth={depth} color={color} interlace={interlace}")
bpp = 3 if color == 2 else 4
raw = zlib.decompress(b"".join(chunks[b"IDAT"]))
stride = w * bpp
prev = bytearray(stride)
nonwhite = red = 0
red_rows = []
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    if f == 1:
        for i in range(bpp, stride):
            line[i] = (line[i] + line[i - bpp]) & 0xFF
    elif f == 2:
        line = bytearray((a + b) & 0xFF for a, b in zip(line, prev))
    elif f == 3:
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
    elif f == 4:
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            line[i] = (line[i] + pred) & 0xFF
    elif f != 0:
        sys.exit(f"{path}: bad filter {f} in row {y}")
    row_red = 0
    for x in range(0, stride, bpp):
        r, g, b = line[x], line[x + 1], line[x + 2]
        if r < 230 or g < 230 or b < 230:
            nonwhite += 1
            if r > 150 and g < 90 and b < 90:
                row_red += 1
    if row_red:
        red += row_red
        red_rows.append(y)
    prev = line
share = nonwhite / (w * h)
print(f"ok: {path.rsplit('/', 1)[-1]}: {w}x{h}, {share:.1%} of pixels inked, {red} red")
if share < 0.02:
    sys.exit(f"{path}: looks blank, only {share:.2%} of pixels are not white")
if red < 500 or min(red_rows) > h // 4:
    sys.exit(f"{path}: no red title line near the top ({red} red pixels)")
EOF

echo "PASS: the bulletin prints (PDF and PNG via $(chromium --version 2>/dev/null | head -1))"
