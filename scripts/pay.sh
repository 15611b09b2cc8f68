#!/usr/bin/env bash
# One POS payment through the real PPP routes, printing each step (runs under bash and zsh):
#   create -> submitUrl -> serial -> create -> wait for the terminal -> callback seen by the inspector.
# Usage: scripts/pay.sh [outcome] [amount] [serial]   (defaults: approve, 31.90, VT-0001; needs scripts/run-local.sh)
#   --approve          an automatic virtual terminal approves (any cents but 01-04)
#   --decline          it declines (cents 01)
#   --timeout          it never answers: the connector aborts at the terminal deadline and denies (cents 02; 60 s locally)
#   --late             it approves after the deadline: denied, and the late approval is voided (cents 03; 60 s)
#   --fail             the terminal fails (cents 04)
#   --callback-fails   approves, but the callback inspector refuses the callback (503): watch the connector retry
# An outcome sets the amount's cents (31.90 --decline charges 31.01); on a terminal set to "manual" on
# http://127.0.0.1:7072 the cents do nothing: press a button there while this waits.
# Environment: CONNECTOR_URL (http://127.0.0.1:7071), INSPECTOR_URL (http://127.0.0.1:7073), PAYMENT_ID.

script="$0"
usage() { sed -n '2,13p' "$script" | sed 's/^# \{0,1\}//'; }
set -eu

outcome=""
amount=""
serial=""
for arg in "$@"; do
  case "$arg" in
    -h|--help) usage; exit 0 ;;
    --approve|--decline|--timeout|--late|--fail|--callback-fails)
      [ -z "$outcome" ] || { echo "pay.sh: choose one outcome, not both $outcome and $arg" >&2; exit 2; }
      outcome="$arg" ;;
    -*) echo "pay.sh: unknown option '$arg'; outcomes are --approve --decline --timeout --late --fail --callback-fails (see --help)" >&2; exit 2 ;;
    *)
      if [ -z "$amount" ]; then amount="$arg"
      elif [ -z "$serial" ]; then serial="$arg"
      else echo "pay.sh: too many arguments ('$arg'); usage: pay.sh [outcome] [amount] [serial]" >&2; exit 2
      fi ;;
  esac
done
amount="${amount:-31.90}"
serial="${serial:-VT-0001}"
printf '%s' "$amount" | grep -Eq '^[0-9]{1,9}(\.[0-9]{1,2})?$' && [ "$(printf '%s' "$amount" | tr -d '.0')" != "" ] ||
  { echo "pay.sh: the amount must be a positive number in BRL with at most 2 decimals, like 31.90 (got '$amount')" >&2; exit 2; }
printf '%s' "$serial" | grep -Eq '^[A-Za-z0-9._-]{1,64}$' ||
  { echo "pay.sh: the serial must be 1-64 letters, digits, '.', '-' or '_', like VT-0001 (got '$serial')" >&2; exit 2; }

# The virtual terminal's cents rules (PosConnector.VirtualTerminal/TerminalBehaviour.cs).
whole="${amount%%.*}"
cents=$(printf '%s' "$amount" | sed -n 's/^[0-9]*\.\([0-9]\)$/\10/p; s/^[0-9]*\.\([0-9][0-9]\)$/\1/p')
cents="${cents:-00}"
case "$outcome" in
  --decline) cents=01 ;;
  --timeout) cents=02 ;;
  --late) cents=03 ;;
  --fail) cents=04 ;;
  --approve|--callback-fails) case "$cents" in 01|02|03|04) cents=90 ;; esac ;;
esac
amount="$whole.$cents"

connector="${CONNECTOR_URL:-http://127.0.0.1:7071}"
inspector="${INSPECTOR_URL:-http://127.0.0.1:7073}"
callback_url="$inspector/callback"
[ "$outcome" != "--callback-fails" ] || callback_url="$inspector/callback?answer=503"
payment="${PAYMENT_ID:-P-$(date +%Y%m%d-%H%M%S)-$$}"
admin_key="local-admin-key-0123456789"
started=$(date +%s)

step() { printf '[%3ss] %s\n' "$(( $(date +%s) - started ))" "$*"; }
fail() { step "FAILED: $*" >&2; exit 1; }
# Reads JSON on stdin and prints a JavaScript expression over it (o); node is already needed for Azurite.
field() {
  node -e 'let s = ""; process.stdin.on("data", d => s += d).on("end", () => {
    try { const o = JSON.parse(s); const v = eval(process.argv[1]); process.stdout.write(v == null ? "" : String(v)); }
    catch { process.stdout.write(""); } });' "$1"
}
# The connector's own words for an error answer: "HTTP 422 terminal-unknown: Terminal ... is not registered ...".
explain() { printf 'HTTP %s %s' "$1" "$(printf '%s' "$2" | field '[o.code, o.message].filter(Boolean).join(": ")' || true)"; }
# Progress while waiting: one line rewritten in a terminal, a line every 10 s in a log.
noted=0
waiting() {
  if [ -t 1 ]; then printf '\r[%3ss]    ... %s\033[K' "$(( $(date +%s) - started ))" "$*"
  elif [ $(( $(date +%s) - noted )) -ge 10 ]; then noted=$(date +%s); step "   ... $*"; fi
}
done_waiting() { if [ -t 1 ]; then printf '\n'; fi; }
# POSTs Create Payment; sets $answer (body) and $http_status (HTTP code); zsh reserves $status.
create() {
  local out
  out=$(curl -s -w '\n%{http_code}' -X POST "$connector/api/payments" \
    -H 'Content-Type: application/json' \
    -H 'X-VTEX-API-AppKey: vtexappkey-local' \
    -H 'X-VTEX-API-AppToken: local-merchant-app-token' \
    -d "{\"paymentId\":\"$payment\",\"transactionId\":\"T-$payment\",\"paymentMethod\":\"Venda Direta Credito\",
         \"value\":$amount,\"currency\":\"BRL\",\"installments\":1,\"callbackUrl\":\"$callback_url\",
         \"reference\":\"R-$payment\",\"orderId\":\"O-$payment\"}") || fail "the connector stopped answering on $connector"
  http_status="${out##*$'\n'}"
  answer="${out%$'\n'*}"
  case "$http_status" in 2??) ;; *) fail "Create Payment answered $(explain "$http_status" "$answer")" ;; esac
}

curl -fs -o /dev/null "$connector/api/health" || fail "the connector is not answering on $connector: start it with: bash scripts/run-local.sh"

step "1. Create Payment $payment for BRL $amount${outcome:+ ($outcome)} (callbackUrl $callback_url)"
create
final=$(printf '%s' "$answer" | field 'o.status')
[ "$final" = "undefined" ] || fail "expected status undefined, got: $answer"
submit_url=$(printf '%s' "$answer" | field 'JSON.parse(o.paymentAppData.payload).submitUrl')
[ -n "$submit_url" ] || fail "no submitUrl in: $answer"
step "   -> undefined, $(printf '%s' "$answer" | field 'o.paymentAppData.appName'): submitUrl $submit_url"

step "2. The Sales App submits the terminal serial $serial"
reply=$(curl -s -w '\n%{http_code}' -X POST "$submit_url" -H 'Content-Type: application/json' -d "{\"serialNumber\":\"$serial\"}")
code="${reply##*$'\n'}"
body="${reply%$'\n'*}"
case "$code" in
  2??) step "   -> HTTP $code: $(printf '%s' "$body" | field 'o.message')" ;;
  *) fail "the submitUrl answered $(explain "$code" "$body")" ;;
esac

step "3. Create Payment again: the charge goes to the terminal"
create
step "   -> $(printf '%s' "$answer" | field 'o.status') $(printf '%s' "$answer" | field 'o.paymentAppData && o.paymentAppData.appName')"
deadline_at=$(curl -s -H "X-Admin-Key: $admin_key" "$connector/api/admin/payments/$payment" |
  field 'o.state && o.state.deadline ? Math.floor(Date.parse(o.state.deadline) / 1000) : ""')

step "4. Waiting for the terminal (a manual terminal waits for a button on http://127.0.0.1:7072)"
limit=$(( $(date +%s) + 240 ))
while :; do
  final=$(printf '%s' "$answer" | field 'o.status')
  [ "$final" != "undefined" ] && [ -n "$final" ] && break
  [ "$(date +%s)" -lt "$limit" ] || { done_waiting; fail "still $final after 240 s: $answer"; }
  if [ -n "$deadline_at" ] && [ "$(date +%s)" -lt "$deadline_at" ]; then
    waiting "no result yet; the connector aborts the charge in $(( deadline_at - $(date +%s) )) s"
  else
    waiting "no result yet; the terminal deadline passed, the connector is aborting the charge"
  fi
  sleep 1
  create
done
done_waiting
step "   -> $final: $(printf '%s' "$answer" | field '[o.code, o.cardBrand, o.firstDigits, o.lastDigits, o.tid, o.message].filter(Boolean).join(" ")')"

step "5. Waiting for the callback at the inspector ($inspector)"
limit=$(( $(date +%s) + 120 ))
if [ "$outcome" = "--callback-fails" ]; then
  while :; do
    refused=$(curl -s "$inspector/callbacks?paymentId=$payment" | field 'o.filter(c => c.answeredStatus >= 300).length')
    [ "${refused:-0}" -ge 2 ] && break
    [ "$(date +%s)" -lt "$limit" ] || { done_waiting; fail "the inspector saw ${refused:-0} callback(s) for $payment after 120 s (is it running?)"; }
    waiting "the inspector has refused ${refused:-0} callback attempt(s)"
    sleep 1
  done
  done_waiting
  step "   -> the inspector refused $refused attempts (HTTP 503); the connector retries with backoff until just before"
  step "      delayToCancel, then raises an operator alert (docs/operations.md, abandoned callbacks); watch them on $inspector"
  step "Done: payment $payment $final; admin view: curl -s -H X-Admin-Key:$admin_key $connector/api/admin/payments/$payment"
  exit 0
fi
while :; do
  seen=$(curl -s "$inspector/callbacks?paymentId=$payment" | field 'o.length ? o[0].status : ""')
  [ -n "$seen" ] && break
  [ "$(date +%s)" -lt "$limit" ] || { done_waiting; fail "no callback for $payment after 120 s (is the callback inspector running?)"; }
  waiting "no callback yet"
  sleep 1
done
done_waiting
step "   -> callback received: $seen"
[ "$seen" = "$final" ] || fail "the callback says $seen but Create Payment answers $final"
step "Done: payment $payment $final; admin view: curl -s -H X-Admin-Key:$admin_key $connector/api/admin/payments/$payment"
