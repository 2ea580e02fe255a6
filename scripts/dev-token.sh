#!/usr/bin/env bash
# Prints a signed JWT for local use: ./scripts/dev-token.sh [subject] [role] [minutes]
# It signs with the repository's test key pair (src/test/resources/jwt), which dev mode (./mvnw quarkus:dev) trusts
# with issuer attribution-graph-dev. That key is public: tokens made with it are for dev mode and the tests only.
# For the packaged app, make a key pair of your own and pass its public half, or use your OIDC provider
# (see docs/api.md, "Writing to the record"). Needs only openssl.
set -euo pipefail
cd "$(dirname "$0")/.."
subject=${1:-analyst}
role=${2:-editor}
minutes=${3:-60}
key=${DEV_TOKEN_KEY:-src/test/resources/jwt/private-key.pem}
issuer=${DEV_TOKEN_ISSUER:-attribution-graph-dev}
base64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT"}' | base64url)
payload=$(printf '{"iss":"%s","sub":"%s","upn":"%s","groups":["%s"],"iat":%d,"exp":%d}' \
  "$issuer" "$subject" "$subject" "$role" "$now" "$((now + minutes * 60))" | base64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$key" -binary | base64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
