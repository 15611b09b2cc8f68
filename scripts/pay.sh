#!/usr/bin/env bash
# One POS payment through the real PPP routes, printing each step (runs under bash and zsh):
#   create -> submitUrl -> serial -> create -> wait for the terminal -> callback seen by the inspector.
# Usage: scripts/pay.sh [amount] [serial]     (defaults 31.90 VT-0001; needs scripts/run-local.sh running)
# The cents choose an automatic terminal's outcome (01 decline, 02 silent, 03 late, 04 fail, else approve);
# on a terminal set to "manual" on http://127.0.0.1:7072, press a button there while this waits.
# Environment: CONNECTOR_URL (http://127.0.0.1:7071), INSPECTOR_URL (http://127.0.0.1:7073), PAYMENT_ID.
set -eu

amount="${1:-31.90}"
serial="${2:-VT-0001}"
connector="${CONNECTOR_URL:-http://127.0.0.1:7071}"
inspector="${INSPECTOR_URL:-http://127.0.0.1:7073}"
payment="${PAYMENT_ID:-P-$(date +%Y%m%d-%H%M%S)-$$}"
started=$(date +%s)

step() { printf '[%3ss] %s\n' "$(( $(date +%s) - started ))" "$*"; }
fail() { step "FAILED: $*" >&2; exit 1; }
# Reads JSON on stdin and prints a JavaScript expression over it (o); node is already needed for Azurite.
field() {
  node -e 'let s = ""; process.stdin.on("data", d => s += d).on("end", () => {
    try { const o = JSON.parse(s); const v = eval(process.argv[1]); process.stdout.write(v == null ? "" : String(v)); }
    catch { process.stdout.write(""); } });' "$1"
}
create() {
  curl -s -X POST "$connector/api/payments" \
    -H 'Content-Type: application/json' \
    -H 'X-VTEX-API-AppKey: vtexappkey-local' \
    -H 'X-VTEX-API-AppToken: local-merchant-app-token' \
    -d "{\"paymentId\":\"$payment\",\"transactionId\":\"T-$payment\",\"paymentMethod\":\"Venda Direta Credito\",
         \"value\":$amount,\"currency\":\"BRL\",\"installments\":1,\"callbackUrl\":\"$inspector/callback\",
         \"reference\":\"R-$payment\",\"orderId\":\"O-$payment\"}"
}

curl -fs -o /dev/null "$connector/api/health" || fail "the connector is not answering on $connector: start it with: bash scripts/run-local.sh"

step "1. Create Payment $payment for BRL $amount (callbackUrl $inspector/callback)"
answer=$(create)
final=$(printf '%s' "$answer" | field 'o.status')
[ "$final" = "undefined" ] || fail "expected status undefined, got: $answer"
submit_url=$(printf '%s' "$answer" | field 'JSON.parse(o.paymentAppData.payload).submitUrl')
[ -n "$submit_url" ] || fail "no submitUrl in: $answer"
step "   -> undefined, $(printf '%s' "$answer" | field 'o.paymentAppData.appName'): submitUrl $submit_url"

step "2. The Sales App submits the terminal serial $serial"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$submit_url" -H 'Content-Type: application/json' -d "{\"serialNumber\":\"$serial\"}")
case "$code" in 2??) step "   -> HTTP $code" ;; *) fail "submitUrl answered HTTP $code" ;; esac

step "3. Create Payment again: the charge goes to the terminal"
answer=$(create)
step "   -> $(printf '%s' "$answer" | field 'o.status') $(printf '%s' "$answer" | field 'o.paymentAppData && o.paymentAppData.appName')"

step "4. Waiting for the terminal (a manual terminal waits for a button on http://127.0.0.1:7072)"
deadline=$(( $(date +%s) + 240 ))
while :; do
  final=$(printf '%s' "$answer" | field 'o.status')
  [ "$final" != "undefined" ] && [ -n "$final" ] && break
  [ "$(date +%s)" -lt "$deadline" ] || fail "still $final after 240 s: $answer"
  sleep 1
  answer=$(create)
done
step "   -> $final: $(printf '%s' "$answer" | field '[o.cardBrand, o.firstDigits, o.lastDigits, o.tid, o.message].filter(Boolean).join(" ")')"

step "5. Waiting for the callback at the inspector ($inspector)"
deadline=$(( $(date +%s) + 120 ))
while :; do
  seen=$(curl -s "$inspector/callbacks?paymentId=$payment" | field 'o.length ? o[0].status : ""')
  [ -n "$seen" ] && break
  [ "$(date +%s)" -lt "$deadline" ] || fail "no callback for $payment after 120 s (is the callback inspector running?)"
  sleep 1
done
step "   -> callback received: $seen"
[ "$seen" = "$final" ] || fail "the callback says $seen but Create Payment answers $final"
step "Done: payment $payment $final; admin view: curl -s -H X-Admin-Key:local-admin-key-0123456789 $connector/api/admin/payments/$payment"
