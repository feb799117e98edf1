#!/usr/bin/env bash
# The twin lab's clients and pods (test/twin, `gwsim twin`): curl and hey from Debian, and the Gateway API conformance
# echo server built with Go from sigs.k8s.io/gateway-api (pinned; the same JSON the catalog's echo-basic image answers)
# into gwsim's cache (src/cli/twin/echo-servers.ts echoBasicPath). Without Go the lab uses its Node echo server.
ECHO_BASIC_VERSION=v1.4.1
if ! command -v hey >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    ci_apt_update && ci_apt_install hey curl
  fi
  if ! command -v hey >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
    echo "error: could not install hey and curl (apt-get install hey curl); the twin suite needs them" >&2
    exit 1
  fi
fi
echo_basic_dir="${XDG_CACHE_HOME:-$HOME/.cache}/gwsim/echo-basic-${ECHO_BASIC_VERSION}"
if [ ! -x "$echo_basic_dir/echo-basic" ] && command -v go >/dev/null 2>&1; then
  mkdir -p "$echo_basic_dir"
  GOBIN="$echo_basic_dir" go install "sigs.k8s.io/gateway-api/conformance/echo-basic@${ECHO_BASIC_VERSION}" ||
    echo "warning: could not build echo-basic ${ECHO_BASIC_VERSION}; the twin uses its Node echo server"
fi
