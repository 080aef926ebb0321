#!/usr/bin/env bash
# There is no Docker engine on the build machines, so this proves the Dockerfile's build stage
# another way: it copies exactly what the build stage COPYs into an empty folder and runs the
# Dockerfile's own `dotnet publish` line there, then checks the entrypoint it names exists.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"

build_stage=$(awk '/^FROM /{n++} n==1' Dockerfile)
publish=$(printf '%s\n' "$build_stage" | sed -n 's/^RUN \(dotnet publish .*\)$/\1/p')
[ -n "$publish" ] || { echo "publish-check: no 'RUN dotnet publish' in the Dockerfile's build stage" >&2; exit 1; }
entrypoint=$(sed -n 's/^ENTRYPOINT \["\([^"]*\)".*/\1/p' Dockerfile)

context=$(mktemp -d "${TMPDIR:-/tmp}/wiguard-publish.XXXXXX")
trap 'rm -rf "$context"' EXIT
mkdir -p "$context/src" "$context/app"

# Each `COPY a b ... dest` of the build stage (not COPY --from) becomes a copy into $context.
while read -r -a words; do
  dest="${words[-1]}"
  for source in "${words[@]:1:${#words[@]}-2}"; do
    mkdir -p "$context/src/$dest"
    if [ -d "$source" ]; then cp -R "$source/." "$context/src/$dest"; else cp "$source" "$context/src/$dest"; fi
  done
done < <(printf '%s\n' "$build_stage" | grep -E '^COPY ' | grep -v -- '--from')

# The Dockerfile publishes to /app; here /app is a folder inside the temporary context.
publish="${publish//\/app/$context/app}"
echo "publish-check: $publish"
# .dockerignore keeps local build output out of the image's context; do the same here.
find "$context/src" -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
(cd "$context/src" && eval "$publish")

binary="$context/app/$(basename "$entrypoint")"
[ -x "$binary" ] || { echo "publish-check: $entrypoint was not produced by the publish step" >&2; exit 1; }
[ -f "$binary.dll" ] || { echo "publish-check: $(basename "$entrypoint").dll is missing" >&2; exit 1; }
echo "publish-check: ok ($entrypoint and $(basename "$entrypoint").dll published)"
