#!/usr/bin/env bash
# Times `wiguard check` on a generated 10,000-object manifest (a big umbrella chart's worth):
# wall time and peak memory, from GNU time when it is installed.
# Usage: bench/check.sh [OBJECTS]   (default 10000). Figures go in bench/README.md under "check".
set -euo pipefail
cd "$(dirname "$0")/.."

objects="${1:-10000}"
work="${TMPDIR:-/tmp}/wiguard-bench-check"
mkdir -p "$work"

echo "building wiguard (Release)..." >&2
dotnet build src/WiGuard -c Release -o "$work/bin" -v quiet -nologo >/dev/null

# Cycle through five shapes: KSA with a short GSA name (deny), Deployment without KSA (warn),
# annotated KSA, Deployment using it, ConfigMap.
awk -v n="$objects" 'BEGIN {
  for (i = 0; i < n; i++) {
    g = int(i / 5); ns = "team-" (g % 50)
    printf "---\n# Source: umbrella/templates/part-%d.yaml\n", i
    k = i % 5
    if (k == 0) printf "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: bad-%d\n  namespace: %s\n  annotations:\n    iam.gke.io/gcp-service-account: gsa-%d\n", g, ns, g
    else if (k == 1) printf "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-%d\n  namespace: %s\n  labels:\n    app: web-%d\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web-%d\n  template:\n    metadata:\n      labels:\n        app: web-%d\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          ports:\n            - containerPort: 8080\n", g, ns, g, g, g
    else if (k == 2) printf "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app-%d\n  namespace: %s\n  annotations:\n    iam.gke.io/gcp-service-account: app-%04d@acme-prod.iam.gserviceaccount.com\n", g, ns, g
    else if (k == 3) printf "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-%d\n  namespace: %s\nspec:\n  template:\n    spec:\n      serviceAccountName: app-%d\n      containers:\n        - name: app\n          image: ghcr.io/acme/app:%d\n", g, ns, g, g
    else printf "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-%d\n  namespace: %s\ndata:\n  LOG_LEVEL: info\n  RETRIES: 3\n", g, ns
  }
}' > "$work/input.yaml"
echo "input: $objects objects, $(wc -c < "$work/input.yaml") bytes" >&2

run() {
  local format="$1"
  local status=0
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v dotnet "$work/bin/wiguard.dll" check -f "$work/input.yaml" --output "$format" \
      > "$work/report.$format" 2> "$work/time.$format.txt" || status=$?
    local wall rss
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.$format.txt")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.$format.txt")
    echo "--output $format: exit $status, wall $wall, peak RSS $((rss / 1024)) MiB"
  else
    local start end
    start=$(date +%s%N)
    dotnet "$work/bin/wiguard.dll" check -f "$work/input.yaml" --output "$format" > "$work/report.$format" 2>/dev/null || status=$?
    end=$(date +%s%N)
    echo "--output $format: exit $status, wall $(( (end - start) / 1000000 )) ms (install GNU time for peak memory)"
  fi
}

run text
run json
run sarif
tail -n 1 "$work/report.text" >&2
