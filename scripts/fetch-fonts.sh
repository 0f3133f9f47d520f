#!/usr/bin/env bash
# Fetch the OFL font used for chart text (Noto Sans SC, Regular and Bold) into $1.
# Source: the npm package @expo-google-fonts/noto-sans-sc (full TTFs of Google Fonts' Noto Sans SC,
# SIL Open Font License 1.1). The files are checked against pinned SHA-256 sums.
set -euo pipefail
dest=${1:?usage: fetch-fonts.sh DEST_DIR}
pkg=@expo-google-fonts/noto-sans-sc@0.4.3
command -v npm >/dev/null || { echo "fetch-fonts: npm is needed to fetch $pkg (Debian: apt-get install npm)" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
echo "fetch-fonts: downloading $pkg (about 57 MB, once)…" >&2
(cd "$tmp" && npm pack --silent "$pkg" >/dev/null)
tar -xzf "$tmp"/*.tgz -C "$tmp" package/400Regular/NotoSansSC_400Regular.ttf package/700Bold/NotoSansSC_700Bold.ttf package/LICENSE_FONT
# Checked where they were unpacked, before anything is put in place: a file that fails never
# reaches $dest, so Make cannot take a bad font for an installed one.
mv "$tmp/package/400Regular/NotoSansSC_400Regular.ttf" "$tmp/NotoSansSC-Regular.ttf"
mv "$tmp/package/700Bold/NotoSansSC_700Bold.ttf" "$tmp/NotoSansSC-Bold.ttf"
(cd "$tmp" && sha256sum -c --quiet - <<'SUMS'
d45f67f0a7c0ca3f256950777ce6a61cc7ce5f9696d02900cbbaac25f8aa7d16  NotoSansSC-Regular.ttf
9a38ae0ab28cd5a256f9ea8e00dedc688aac17f7915fcb000572990afa956b96  NotoSansSC-Bold.ttf
SUMS
) || { echo "fetch-fonts: the downloaded fonts do not match their pinned SHA-256 sums; nothing was installed" >&2; exit 1; }
mkdir -p "$dest"
cp "$tmp/package/LICENSE_FONT" "$dest/OFL.txt"
# The file Make checks for (Regular) goes in last, each by rename within $dest: never half a file.
cp "$tmp/NotoSansSC-Bold.ttf" "$dest/.NotoSansSC-Bold.ttf.tmp" && mv "$dest/.NotoSansSC-Bold.ttf.tmp" "$dest/NotoSansSC-Bold.ttf"
cp "$tmp/NotoSansSC-Regular.ttf" "$dest/.NotoSansSC-Regular.ttf.tmp" && mv "$dest/.NotoSansSC-Regular.ttf.tmp" "$dest/NotoSansSC-Regular.ttf"
echo "fetch-fonts: Noto Sans SC in $dest" >&2
