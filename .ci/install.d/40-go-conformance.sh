#!/usr/bin/env bash
# The conformance extractor's module (tools/conformance-extract: sigs.k8s.io/gateway-api/conformance v1.6.3 and its
# dependencies) into the default GOPATH module cache, so the test that re-runs it (test/tools/conformance-extract.test.ts)
# finds it; a warm cache makes this a no-op. Without Go that test skips, saying so.
if command -v go >/dev/null 2>&1; then
  (cd tools/conformance-extract && go mod download) ||
    echo "warning: could not download the conformance extractor's Go modules; its test will try again" >&2
fi
