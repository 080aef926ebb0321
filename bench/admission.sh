#!/usr/bin/env bash
# End-to-end admission throughput and latency over real HTTPS: `wiguard serve` (Release, Enforce,
# IAM from examples/iam-snapshot.json) on a loopback port, loaded with wrk. Each case is checked once
# with curl (allowed or denied, which rules) before it is timed. The floor (GET /healthz, and a Secret
# that WiGuard reads but does not evaluate) is measured in the same run, on the same machine.
# Usage: bench/admission.sh   (about 2.5 minutes). Figures go in bench/README.md, "Admission over HTTPS".
# Environment: DURATION (default 10s per case), CONNECTIONS (16), THREADS (2).
set -euo pipefail
cd "$(dirname "$0")/.."

duration="${DURATION:-10s}"
connections="${CONNECTIONS:-16}"
threads="${THREADS:-2}"
warmup=2s
work="${TMPDIR:-/tmp}/wiguard-bench-admission"
lua="$PWD/bench/admission/request.lua"
mkdir -p "$work"

if ! command -v wrk >/dev/null; then
  echo "installing wrk..." >&2
  apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null
fi
command -v python3 >/dev/null || { echo "python3 is needed to build the payloads" >&2; exit 2; }

echo "building wiguard (Release)..." >&2
dotnet build src/WiGuard -c Release -o "$work/bin" -v quiet -nologo >/dev/null

# Payloads derived from the checked-in examples: a Secret CREATE (a kind WiGuard does not evaluate,
# so it is parsed and allowed untouched) and an UPDATE of the bound ServiceAccount whose object and
# oldObject are each ~1 MiB (a long `secrets` list; annotations cannot carry that much, the API server
# caps them at 256 KiB in total).
python3 - "$work" <<'PY'
import base64, copy, json, sys
work = sys.argv[1]
with open("examples/admission/serviceaccount-bound.json") as f:
    bound = json.load(f)

secret = copy.deepcopy(bound)
r = secret["request"]
r["uid"] = "5f0c2d1e-7b3a-4c8e-9a61-2e4d8b7c9f10"
r["kind"] = r["requestKind"] = {"group": "", "version": "v1", "kind": "Secret"}
r["resource"] = r["requestResource"] = {"group": "", "version": "v1", "resource": "secrets"}
r["name"] = "app-db"
r["object"] = {
    "apiVersion": "v1", "kind": "Secret", "type": "Opaque",
    "metadata": {"name": "app-db", "namespace": "apps", "labels": {"app": "web"}},
    "data": {"username": base64.b64encode(b"app").decode(),
             "password": base64.b64encode(b"s3cr3t-9f1c2a7e4b").decode()},
}
with open(f"{work}/secret-create.json", "w") as f:
    json.dump(secret, f, indent=2)

update = copy.deepcopy(bound)
r = update["request"]
r["uid"] = "9a7e3c52-1d4b-4f0a-8c6e-3b2f1e0d9c87"
r["operation"] = "UPDATE"
r["options"] = {"apiVersion": "meta.k8s.io/v1", "kind": "UpdateOptions", "fieldManager": "kubectl-client-side-apply"}
old = copy.deepcopy(r["object"])
old["metadata"].update({"uid": "c1d2e3f4-0000-4a5b-8c7d-6e5f4a3b2c1d", "resourceVersion": "48213377",
                        "creationTimestamp": "2026-03-02T10:15:00Z"})
old["secrets"] = [{"name": f"app-ksa-registry-token-{i:05d}"} for i in range(27000)]
new = copy.deepcopy(old)
new["metadata"]["labels"] = {"team": "payments"}
r["object"], r["oldObject"] = new, old
with open(f"{work}/serviceaccount-update-large.json", "w") as f:
    json.dump(update, f, separators=(",", ":"))
PY

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
declare -A base pid

stop_servers() {
  local level
  for level in "${!pid[@]}"; do
    kill "${pid[$level]}" 2>/dev/null && wait "${pid[$level]}" 2>/dev/null || true
  done
}
trap stop_servers EXIT

# start_server LEVEL: Serilog's minimum level; stdout (one JSON line per admission at Information) goes
# to a file, as a container runtime would take it.
start_server() {
  local level="$1"
  base[$level]="https://127.0.0.1:$(free_port)"
  Serilog__MinimumLevel__Default="$level" dotnet "$work/bin/wiguard.dll" serve \
    --urls="${base[$level]}" --WiGuard:Mode=Enforce --WiGuard:WorkloadPool=acme-prod.svc.id.goog \
    --WiGuard:Iam:SnapshotPath="$PWD/examples/iam-snapshot.json" > "$work/server.$level.log" 2>&1 &
  pid[$level]=$!
  for _ in $(seq 1 120); do
    if [ "$(curl -sk -o /dev/null -w '%{http_code}' "${base[$level]}/readyz")" = 200 ]; then return 0; fi
    kill -0 "${pid[$level]}" 2>/dev/null || break
    sleep 0.25
  done
  echo "wiguard serve did not become ready; its output:" >&2
  cat "$work/server.$level.log" >&2
  exit 1
}

# expect LEVEL FILE ALLOWED RULES: POST FILE once and check the answer (uid echoed, allowed, rule ids
# found in the warnings and the denial message, comma-separated, "-" for none).
expect() {
  local level="$1" file="$2" allowed="$3" rules="$4"
  curl -sk -H 'Content-Type: application/json' --data-binary "@$file" "${base[$level]}/validate" > "$work/answer.json"
  python3 - "$file" "$work/answer.json" "$allowed" "$rules" <<'PY'
import json, re, sys
sent, answer, allowed, rules = sys.argv[1:]
uid = json.load(open(sent))["request"]["uid"]
response = json.load(open(answer)).get("response") or {}
text = " ".join(response.get("warnings") or []) + " " + (response.get("status") or {}).get("message", "")
found = ",".join(sorted(set(re.findall(r"\[(WI\d{3})\]", text)))) or "-"
ok = response.get("uid") == uid and str(response.get("allowed")).lower() == allowed and found == rules
print(f"  check {sent.split('/')[-1]}: allowed={str(response.get('allowed')).lower()} rules={found}"
      f" {'as expected' if ok else f'EXPECTED allowed={allowed} rules={rules}'}", file=sys.stderr)
sys.exit(0 if ok else 1)
PY
}

# User + system CPU of one server, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/${pid[$1]}/stat"; }

# measure LEVEL CASE PATH [FILE]: a short warm-up (JIT, connection set-up), then the timed run.
measure() {
  local level="$1" name="$2" path="$3" file="${4:-}"
  local bytes="-"
  [ -n "$file" ] && bytes=$(wc -c < "$file")
  local url="${base[$level]}$path"
  wrk -t"$threads" -c"$connections" -d"$warmup" --timeout 5s -s "$lua" "$url" -- $file > /dev/null
  local before after result
  before=$(cpu_ticks "$level")
  result=$(wrk -t"$threads" -c"$connections" -d"$duration" --timeout 5s -s "$lua" "$url" -- $file | grep '^RESULT')
  after=$(cpu_ticks "$level")
  # RESULT requests=N rps=N p50_ms=N p99_ms=N max_ms=N non2xx=N socket_errors=N
  eval "local ${result#RESULT }"
  local cpu_us=$(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests ))
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
    "$level" "$name" "$bytes" "$rps" "$p50_ms" "$p99_ms" "$max_ms" "$cpu_us" "$non2xx/$socket_errors"
}

header() {
  echo
  echo "| log level | case | body bytes | req/s | p50 ms | p99 ms | max ms | server CPU µs/req | non-2xx/socket errors |"
  echo "|---|---|---|---|---|---|---|---|---|"
}

examples=examples/admission
secret="$work/secret-create.json"
bound="$examples/serviceaccount-bound.json"
denied="$examples/serviceaccount-wrong-namespace.json"
deployment="$examples/deployment-default-ksa-with-key.json"
large="$work/serviceaccount-update-large.json"
echo "wrk -t$threads -c$connections -d$duration (after a $warmup warm-up); $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)" >&2

# Two servers, identical but for the log level; a case's Information run follows its Warning run
# straight away, so both see the same background load on a shared machine.
start_server Warning
start_server Information
curl -sk "${base[Warning]}/healthz" | grep -q '"ok"' || { echo "GET /healthz did not answer ok" >&2; exit 1; }
expect Warning "$secret" true -
expect Warning "$bound" true -
expect Warning "$denied" false WI004
expect Warning "$deployment" true WI010,WI013
expect Warning "$large" true -
expect Information "$bound" true -
logged_before=$(grep -c '"Admission ' "$work/server.Information.log" || true)

header
measure Warning "floor: GET /healthz" /healthz
measure Warning "floor: Secret CREATE (not evaluated)" /validate "$secret"
measure Information "floor: Secret CREATE (not evaluated)" /validate "$secret"
measure Warning "ServiceAccount CREATE, allowed" /validate "$bound"
measure Information "ServiceAccount CREATE, allowed" /validate "$bound"
measure Warning "ServiceAccount CREATE, denied (WI004)" /validate "$denied"
measure Warning "Deployment CREATE, warnings (WI010, WI013)" /validate "$deployment"
measure Information "Deployment CREATE, warnings (WI010, WI013)" /validate "$deployment"
measure Warning "ServiceAccount UPDATE, ~1 MiB object + oldObject" /validate "$large"

logged=$(( $(grep -c '"Admission ' "$work/server.Information.log" || true) - logged_before ))
warned=$(grep -c '"Admission ' "$work/server.Warning.log" || true)
echo >&2
echo "admission log lines written (warm-ups included): Information $logged, Warning $warned; logs in $work" >&2
