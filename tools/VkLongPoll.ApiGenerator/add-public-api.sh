#!/usr/bin/env bash
# Adds the symbols a build reports as RS0016 ("not part of the declared public API") to PublicAPI.Unshipped.txt.
# After regenerating the client:  dotnet build src/VkLongPoll > build.log; tools/VkLongPoll.ApiGenerator/add-public-api.sh build.log
# New lines go at the end, in ordinal order (the lines already there stay where they are, so the diff is only what was added).
# Review the diff: it is the public API that changed.
set -euo pipefail
log=${1:?usage: add-public-api.sh <build log> [PublicAPI.Unshipped.txt]}
file=${2:-"$(dirname "$0")/../../src/VkLongPoll/PublicAPI.Unshipped.txt"}
new=$(grep -o "RS0016: Symbol '.*' is not part of the declared public API" "$log" \
  | sed -e "s/^RS0016: Symbol '//" -e "s/' is not part of the declared public API\$//" || true)
if [ -z "$new" ]; then
  echo "no RS0016 in $log"
  exit 0
fi
added=$(printf '%s\n' "$new" | LC_ALL=C sort -u | grep -vxF -f "$file" || true)
if [ -n "$added" ]; then
  printf '%s\n' "$added" >> "$file"
fi
echo "$(printf '%s' "$added" | grep -c '' || true) symbols added to $file"
