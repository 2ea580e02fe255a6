#!/usr/bin/env bash
# Makes a signed JWT for local use: ./scripts/dev-token.sh [subject] [role] [minutes]
# On first use it creates an RSA key pair in .dev-keys/ (git-ignored). Dev mode (./mvnw quarkus:dev) trusts
# .dev-keys/public-key.pem with issuer attribution-graph-dev; for the packaged app pass the same two settings:
#   java -Dmp.jwt.verify.publickey.location=.dev-keys/public-key.pem -Dmp.jwt.verify.issuer=attribution-graph-dev -jar ...
# Needs only openssl. In production, tokens come from your OIDC provider instead (see the README).
set -euo pipefail
cd "$(dirname "$0")/.."
subject=${1:-analyst}
role=${2:-editor}
minutes=${3:-60}
keys=.dev-keys
if [ ! -f "$keys/private-key.pem" ]; then
  mkdir -p "$keys"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$keys/private-key.pem" 2>/dev/null
  openssl pkey -in "$keys/private-key.pem" -pubout -out "$keys/public-key.pem"
  echo "created $keys/private-key.pem and $keys/public-key.pem" >&2
fi
base64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT"}' | base64url)
payload=$(printf '{"iss":"attribution-graph-dev","sub":"%s","upn":"%s","groups":["%s"],"iat":%d,"exp":%d}' \
  "$subject" "$subject" "$role" "$now" "$((now + minutes * 60))" | base64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$keys/private-key.pem" -binary | base64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
