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

# Start the published server the way the chart runs it (`serve`, HTTPS, PEM files from a
# directory, settings from WiGuard__* variables) and ask its health endpoints.
WIGUARD_TLS_OUT="$context/tls" deploy/tls.sh
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# HOME=/ as in the image: user 65532 has no home and the root filesystem is read-only.
env -i PATH="$PATH" HOME=/ DOTNET_ROOT="${DOTNET_ROOT:-$(dirname "$(readlink -f "$(command -v dotnet)")")}" \
  ASPNETCORE_URLS="https://127.0.0.1:$port" POD_NAMESPACE=wiguard \
  WiGuard__Mode=Warn WiGuard__AllowObjectExemptions=false Serilog__MinimumLevel__Default=Information \
  WiGuard__Iam__Timeout=00:00:02 WiGuard__Iam__CacheTtl=00:05:00 WiGuard__Iam__OnLookupFailure=Allow \
  WiGuard__Iam__Credentials=None \
  WiGuard__Tls__CertPath="$context/tls/tls.crt" WiGuard__Tls__KeyPath="$context/tls/tls.key" \
  "$binary" serve > "$context/serve.log" 2>&1 &
server=$!
ready=""
for _ in $(seq 1 60); do
  if curl -sf --cacert "$context/tls/ca.crt" --resolve "wiguard.wiguard.svc:$port:127.0.0.1" \
      "https://wiguard.wiguard.svc:$port/readyz" >/dev/null 2>&1; then
    ready=yes
    break
  fi
  kill -0 "$server" 2>/dev/null || break
  sleep 0.5
done
live=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$context/tls/ca.crt" --resolve "wiguard.wiguard.svc:$port:127.0.0.1" "https://wiguard.wiguard.svc:$port/healthz" || true)
kill "$server" 2>/dev/null || true
wait "$server" 2>/dev/null || true
if [ "$ready" != yes ] || [ "$live" != 200 ]; then
  echo "publish-check: the published server did not become ready (readyz: ${ready:-no}, healthz: $live); its output:" >&2
  cat "$context/serve.log" >&2
  exit 1
fi
echo "publish-check: ok (wiguard serve answered /readyz and /healthz over HTTPS with the chart's settings)"
