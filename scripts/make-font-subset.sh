#!/usr/bin/env bash
# Regenerates the font the report charts draw with: a subset of Noto Sans CJK SC Regular (SIL OFL 1.1),
# so charts render Chinese on machines with no CJK fonts (Azure's Linux workers, CI). Needs Debian's
# fonts-noto-cjk and fonttools (`apt-get install -y fonts-noto-cjk fonttools`); nothing else is fetched.
# Covers: ASCII, Latin-1, general punctuation, CJK symbols and punctuation (less the vertical-writing kana
# repeat marks and the tone marks U+302A-302D, U+3031-3032, whose tall outlines would stretch the font's bounding
# box, from which Skia takes the line metrics ScottPlot places text with), full-width forms, all of
# GB2312 (its symbol rows and both hanzi levels: 6,763 characters), and every non-ASCII character of
# seeds/organization.json and of the chart code (src/GovFunctions/Reports/*.cs). Same inputs, same bytes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source_font=${NOTO_CJK_TTC:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}
copyright=/usr/share/doc/fonts-noto-cjk/copyright
out_dir=$root/src/GovFunctions/Reports/Fonts
out=$out_dir/NotoSansCJKsc-Regular-subset.otf

[ -f "$source_font" ] || { echo "missing $source_font: apt-get install -y fonts-noto-cjk" >&2; exit 1; }
command -v pyftsubset >/dev/null || { echo "missing pyftsubset: apt-get install -y fonttools" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The face index of "Noto Sans CJK SC" in the collection (2 in Debian's build), looked up rather than assumed.
fonttools_python=$(head -1 "$(command -v pyftsubset)" | sed 's/^#!//') # the interpreter fonttools is installed for
face=$("$fonttools_python" - "$source_font" <<'PY'
import sys
from fontTools.ttLib import TTCollection
for i, f in enumerate(TTCollection(sys.argv[1]).fonts):
    if f["name"].getDebugName(4) == "Noto Sans CJK SC":
        print(i); break
else:
    sys.exit("Noto Sans CJK SC not in the collection")
PY
)

python3 - "$root" "$work/chars.txt" <<'PY'
import glob, sys
root, out = sys.argv[1], sys.argv[2]
chars = set()
for row in range(0xA1, 0xF8):          # GB2312: symbol rows A1-A9, level 1 B0-D7, level 2 D8-F7
    for cell in range(0xA1, 0xFF):
        try: chars.add(bytes([row, cell]).decode("gb2312"))
        except UnicodeDecodeError: pass
files = [root + "/seeds/organization.json"] + sorted(glob.glob(root + "/src/GovFunctions/Reports/*.cs"))
for path in files:
    chars.update(c for c in open(path, encoding="utf-8").read() if ord(c) > 0x7F and not c.isspace())
open(out, "w", encoding="utf-8").write("".join(sorted(chars)))
PY

pyftsubset "$source_font" --font-number="$face" \
  --text-file="$work/chars.txt" \
  --unicodes="U+0020-007E,U+00A0-00FF,U+2000-206F,U+3000-3029,U+302E-3030,U+3033-303F,U+FF00-FFEF" \
  --layout-features='kern' --no-hinting --drop-tables+=VORG,vhea,vmtx,BASE --name-IDs='*' --recalc-bounds \
  --output-file="$out"

# The licence travels with the font (OFL 1.1, condition 2): Debian's copyright file carries its full text.
{
  echo "Noto Sans CJK SC (subset in NotoSansCJKsc-Regular-subset.otf, made by scripts/make-font-subset.sh)"
  echo "Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'."
  echo "Noto is a trademark of Google Inc."
  echo
  # the stand-alone paragraph whose first line is "License: SIL-1.1", its continuation lines unindented
  awk 'BEGIN { RS = "" } /^License: SIL-1.1\n/ { print }' "$copyright" | sed -e '1d' -e 's/^ //' -e 's/^\.$//'
} > "$out_dir/OFL.txt"

ls -l "$out" "$out_dir/OFL.txt"
