#!/usr/bin/env bash
# Regenerates the plain manifests in deploy/ from charts/wiguard with the chart's default
# values, release `wiguard` in namespace `wiguard`. A test renders them again and fails when
# the committed files differ, so run this after every chart change.
#
# One value differs from the defaults: tls.generate=false. With it on, the rendering would
# contain a freshly generated private key, and a key committed to git is a key every reader
# shares. deploy/tls.sh makes a key pair on the installer's machine instead.
#
# Usage: deploy/render.sh [OUTPUT_DIR]   (default: the deploy/ folder itself)
# Helm: $HELM_BIN, else `helm` on PATH, else the one .ci/install-helm.sh caches.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="${1:-$root/deploy}"
mkdir -p "$out"

helm="${HELM_BIN:-}"
if [ -z "$helm" ]; then
  helm=$(command -v helm || "$root/.ci/install-helm.sh")
fi

namespace=wiguard
cat > "$out/00-namespace.yaml" <<YAML
# Rendered by deploy/render.sh; do not edit.
apiVersion: v1
kind: Namespace
metadata:
  name: $namespace
  labels:
    app.kubernetes.io/name: wiguard
YAML

{
  echo "# Rendered by deploy/render.sh from charts/wiguard (default values, tls.generate=false); do not edit."
  "$helm" template wiguard "$root/charts/wiguard" --namespace "$namespace" --set tls.generate=false
} > "$out/wiguard.yaml"
