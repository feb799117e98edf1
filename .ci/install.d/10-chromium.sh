#!/usr/bin/env bash
# Debian's Chromium for the report's browser test (playwright-core drives it; no browser download is possible here).
# The browser test skips (and says so) if Chromium cannot be installed; everything else still runs.
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  (ci_apt_update && ci_apt_install chromium) || echo "warning: could not install chromium; the browser test will be skipped"
fi
