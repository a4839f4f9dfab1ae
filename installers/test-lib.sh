# Shared by test-debs.sh and test-deb-install.sh (sourced): TAP-like results and the server checks.
# The sourcing script sets passed=0 failed=0 before using them.

ok() { echo "ok - $1"; passed=$((passed + 1)); }
not_ok() { echo "FAIL - $1${2:+: $2}"; failed=$((failed + 1)); }
check() { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }

# server_certificate HOST:PORT FILE: the certificate the TLS server there presents, as PEM
server_certificate() { openssl s_client -connect "$1" </dev/null 2>/dev/null | openssl x509 -out "$2" 2>/dev/null; }
# sha256_of FILE: the certificate's SHA-256 as the server prints it (lower-case hex, no colons)
sha256_of() { openssl x509 -in "$1" -noout -fingerprint -sha256 | sed 's/.*=//; s/://g' | tr 'A-F' 'a-f'; }

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# health_up URL PID: waits up to 90 s for URL/health to say UP while process PID lives. Over https
# the certificate is not checked here (it is self-signed, and what it is gets checked after)
health_up() {
  local url=$1 pid=$2 i
  for i in $(seq 90); do
    curl -fsSk "$url/health" 2>/dev/null | grep -q '"status":"UP"' && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 1
  done
  return 1
}
