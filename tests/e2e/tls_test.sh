#!/usr/bin/env bash
# End to end with the real binaries: TLS on the gRPC and HTTP ports, certificates made
# here with openssl. A supervisor on a non-loopback address refuses to start
# in plaintext; with a certificate it serves; the CLI connects with --ca, is
# refused without it or with another CA; a supervisor that requires client
# certificates takes only a client holding one; tokens still decide access.
# Usage: tls_test.sh SUPERVISOR CLI
set -euo pipefail
supervisor=$(realpath "$1") cli=$(realpath "$2")
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
e2e_init

cd "$work"
# A CA, the supervisor's certificate for 127.0.0.1 and localhost, a client
# certificate, and a second CA nobody trusts.
openssl_quiet() { openssl "$@" >/dev/null 2>&1 || die "openssl $*"; }
for ca in ca other-ca; do
  openssl_quiet req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Gongkai test $ca" \
    -keyout $ca.key -out $ca.pem
done
openssl_quiet req -newkey rsa:2048 -nodes -subj "/CN=gongkai-supervisor" -keyout server.key \
  -out server.csr
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >server.ext
openssl_quiet x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
  -extfile server.ext -out server.pem
openssl_quiet req -newkey rsa:2048 -nodes -subj "/CN=luxi-county clerk" -keyout client.key \
  -out client.csr
openssl_quiet x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
  -out client.pem

# An admin token (GONGKAI_TOKEN) in tokens.textproto, which every config
# below starts with; lib.sh's start CONFIG serves it.
e2e_tokens

# Plaintext on an address other machines reach: refused, and says why.
{ cat tokens.textproto; echo 'listen_address: "0.0.0.0:0"'; } >open.textproto
expect "plaintext on 0.0.0.0 refused" 1 "reachable from other machines.*tls" \
  "$supervisor" --config=open.textproto --data_dir="$work/data"
# The desk's HTTP port keeps the same rule.
{ cat tokens.textproto; echo 'listen_address: "127.0.0.1:0"'
  echo 'http { listen_address: "0.0.0.0:0" }'; } >open-http.textproto
expect "plaintext HTTP on 0.0.0.0 refused" 1 "http.listen_address 0.0.0.0:0 is reachable" \
  "$supervisor" --config=open-http.textproto --data_dir="$work/data"
# ... unless explicitly allowed.
{ cat open.textproto; echo 'allow_plaintext_remote: true'; } >allowed.textproto
start allowed.textproto
expect "plaintext allowed explicitly" 0 "^" "$cli" units
stop
# Half a key pair, or client checks without TLS: refused at start.
{ cat tokens.textproto; echo 'tls { cert_file: "server.pem" }'; } >half.textproto
expect "cert without key refused" 1 "both cert_file and key_file" \
  "$supervisor" --config=half.textproto --data_dir="$work/data"
{ cat tokens.textproto; echo 'tls { cert_file: "server.pem" key_file: "missing.key" }'; } \
  >missing.textproto
expect "unreadable key named" 1 "tls.key_file .*missing.key cannot be read" \
  "$supervisor" --config=missing.textproto --data_dir="$work/data"

# TLS on every address; paths relative to the config file.
{ cat tokens.textproto; echo 'listen_address: "0.0.0.0:0"'
  echo 'tls { cert_file: "server.pem" key_file: "server.key" }'; } >tls.textproto
start tls.textproto
expect "TLS with the CA" 0 "共 0 个单位" "$cli" --ca=ca.pem units
expect "TLS via GONGKAI_CA" 0 "共 0 个单位" env GONGKAI_CA=ca.pem "$cli" units
expect "plaintext client refused" 3 "无法连接监管系统" "$cli" units
expect "a CA that did not sign the certificate" 3 "无法连接监管系统" \
  "$cli" --ca=other-ca.pem units
expect "TLS but no token" 1 "未提供令牌" env GONGKAI_TOKEN= "$cli" --ca=ca.pem units
expect "missing CA file" 2 "cannot read the CA certificate" "$cli" --ca=nope.pem units
# The desk is on TLS too, with the same certificate; its cookie is Secure.
expect "HTTPS with the CA" 0 "^ok" curl -sS --cacert ca.pem "https://$GONGKAI_HTTP/healthz"
expect "plain HTTP refused on the TLS port" 0 "^refused" \
  sh -c "curl -s -m 5 http://$GONGKAI_HTTP/healthz >/dev/null && echo answered || echo refused"
expect "HTTPS with another CA refused" 0 "^refused" \
  sh -c "curl -s -m 5 --cacert other-ca.pem https://$GONGKAI_HTTP/healthz >/dev/null && echo answered || echo refused"
expect "the session cookie is Secure over TLS" 0 "Set-Cookie: gk_session=.*HttpOnly; SameSite=Strict.*; Secure" \
  curl -sS -D - -o /dev/null --cacert ca.pem -H 'Content-Type: application/json' \
  -d "{\"token\":\"$office_token\"}" "https://$GONGKAI_HTTP/api/v1/signin"
stop

# Client certificates required.
{ cat tokens.textproto; echo 'listen_address: "127.0.0.1:0"'
  echo 'tls { cert_file: "server.pem" key_file: "server.key" client_ca_file: "ca.pem"'
  echo '      require_client_cert: true }'; } >mtls.textproto
start mtls.textproto
expect "no client certificate refused" 3 "无法连接监管系统" "$cli" --ca=ca.pem units
expect "client certificate accepted" 0 "共 0 个单位" \
  "$cli" --ca=ca.pem --cert=client.pem --key=client.key units
expect "a certificate from another CA refused" 3 "无法连接监管系统" \
  "$cli" --ca=ca.pem --cert=other-ca.pem --key=other-ca.key units
expect "cert without key" 2 "both --cert and --key" "$cli" --ca=ca.pem --cert=client.pem units
expect "HTTPS without a client certificate refused" 0 "^refused" \
  sh -c "curl -s -m 5 --cacert ca.pem https://$GONGKAI_HTTP/healthz >/dev/null && echo answered || echo refused"
expect "HTTPS with a client certificate" 0 "^ok" \
  curl -sS --cacert ca.pem --cert client.pem --key client.key "https://$GONGKAI_HTTP/healthz"
stop

finish
