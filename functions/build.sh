#!/usr/bin/env bash
# Builds the three Lambda functions as native-AOT linux-x64 `bootstrap` binaries (trimming and AOT warnings are
# errors) and packages each as a zip for provided.al2023:
#   artifacts/functions/twitch-sentiment-scraper.zip, -analyzer.zip, -reporter.zip
# (the unzipped binaries stay in artifacts/functions/<function>/bootstrap). Prints each zip's size and the highest
# glibc symbol version each binary needs (al2023 has glibc 2.34).
# Usage: functions/build.sh [output-folder]     Offline: set VADER_LEXICON_DIR first (see README).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/artifacts/functions}"
mkdir -p "$out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# One build for all three (shared libraries built once, the AOT compilations side by side).
dotnet msbuild "$root/functions/Publish.proj" -restore -t:PublishFunctions -m -nologo -v:quiet

for kind in scraper analyzer reporter; do
  published="$root/functions/TwitchSentiment.Functions.${kind^}/bin/Release/net10.0/linux-x64/publish"
  name="twitch-sentiment-$kind"
  rm -rf "${out:?}/$name" "$out/$name.zip"
  mkdir -p "$out/$name"
  cp "$published/bootstrap" "$out/$name/bootstrap"
  # The .dbg symbols stay beside the binary for crash analysis; only the executable goes into the zip.
  if [ -f "$published/bootstrap.dbg" ]; then cp "$published/bootstrap.dbg" "$out/$name/"; fi
  (cd "$out/$name" && touch -d '2026-01-01T00:00:00Z' bootstrap && zip -q -X -9 "$out/$name.zip" bootstrap)
  glibc=$(objdump -T "$out/$name/bootstrap" | grep -o 'GLIBC_[0-9.]*' | sort -V | tail -n 1)
  printf '%-28s zip %8d bytes  bootstrap %9d bytes  needs %s\n' "$name" \
    "$(stat -c %s "$out/$name.zip")" "$(stat -c %s "$out/$name/bootstrap")" "$glibc"
done
