#!/usr/bin/env bash
# Gives the plain manifests their TLS: a CA and a serving certificate for the Service, made
# here with openssl, stored as Secret wiguard/wiguard-tls, and the CA written into both entries
# of the ValidatingWebhookConfiguration. Run it once after `kubectl apply -f deploy/`; until
# then the pods wait for the Secret and the API server, which cannot verify WiGuard yet,
# ignores the webhook (failurePolicy Ignore).
#
# Running it again keeps the existing Secret and only re-writes the caBundle (safe after a
# re-apply). To renew: kubectl -n wiguard delete secret wiguard-tls, then run it again.
#
# WIGUARD_TLS_OUT=DIR writes ca.crt, tls.crt and tls.key to DIR and touches no cluster.
set -euo pipefail

namespace="${WIGUARD_NAMESPACE:-wiguard}"
service=wiguard
secret=wiguard-tls
webhook=wiguard
days="${WIGUARD_TLS_DAYS:-3650}"

work=$(mktemp -d "${TMPDIR:-/tmp}/wiguard-tls.XXXXXX")
trap 'rm -rf "$work"' EXIT

generate() {
  local dir=$1
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days "$days" \
    -subj "/CN=$service-ca" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$work/ca.key" -out "$dir/ca.crt" 2>/dev/null
  openssl req -new -newkey rsa:2048 -nodes -sha256 \
    -subj "/CN=$service.$namespace.svc" \
    -keyout "$dir/tls.key" -out "$work/tls.csr" 2>/dev/null
  printf '%s\n' \
    "basicConstraints=critical,CA:FALSE" \
    "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth" \
    "subjectAltName=DNS:$service,DNS:$service.$namespace,DNS:$service.$namespace.svc,DNS:$service.$namespace.svc.cluster.local" \
    > "$work/ext.cnf"
  openssl x509 -req -sha256 -days "$days" -in "$work/tls.csr" \
    -CA "$dir/ca.crt" -CAkey "$work/ca.key" -set_serial "0x$(openssl rand -hex 16)" \
    -extfile "$work/ext.cnf" -out "$dir/tls.crt"
}

if [ -n "${WIGUARD_TLS_OUT:-}" ]; then
  mkdir -p "$WIGUARD_TLS_OUT"
  generate "$WIGUARD_TLS_OUT"
  exit 0
fi

if kubectl -n "$namespace" get secret "$secret" >/dev/null 2>&1; then
  echo "Secret $namespace/$secret exists; keeping it."
else
  generate "$work"
  kubectl -n "$namespace" create secret generic "$secret" --type=kubernetes.io/tls \
    --from-file=ca.crt="$work/ca.crt" --from-file=tls.crt="$work/tls.crt" --from-file=tls.key="$work/tls.key"
fi

ca_bundle=$(kubectl -n "$namespace" get secret "$secret" -o jsonpath='{.data.ca\.crt}')
[ -n "$ca_bundle" ] || { echo "tls.sh: Secret $namespace/$secret has no ca.crt" >&2; exit 1; }
count=$(kubectl get validatingwebhookconfiguration "$webhook" -o jsonpath='{range .webhooks[*]}x{end}' | wc -c)
patch="["
for ((i = 0; i < count; i++)); do
  [ "$i" -gt 0 ] && patch+=","
  patch+="{\"op\":\"add\",\"path\":\"/webhooks/$i/clientConfig/caBundle\",\"value\":\"$ca_bundle\"}"
done
patch+="]"
kubectl patch validatingwebhookconfiguration "$webhook" --type=json -p "$patch"
echo "WiGuard's TLS is in place: kubectl -n $namespace rollout status deployment/$service"
