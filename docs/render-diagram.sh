#!/usr/bin/env bash
# Renders bpmn/disaster-recovery.bpmn to docs/procedure.png as Desktop Modeler draws it (bpmn-js),
# in headless Chromium. Needs node/npm and Debian's chromium (apt-get install chromium).
# Usage: docs/render-diagram.sh [in.bpmn] [out.png] [width,height]
#   e.g. docs/render-diagram.sh bpmn/action-item.bpmn docs/action-item.png 1300,700
set -euo pipefail
cd "$(dirname "$0")/.."
in=${1:-bpmn/disaster-recovery.bpmn}
out=${2:-docs/procedure.png}
size=${3:-3770,1060}
cache=${RENDER_DIAGRAM_CACHE:-$HOME/.cache/rebound-render-diagram}
mkdir -p "$cache"
if [ ! -f "$cache/node_modules/bpmn-js/dist/bpmn-viewer.production.min.js" ]; then
  (cd "$cache" && echo '{"private":true}' > package.json && npm install --silent --no-audit --no-fund bpmn-js@17 >/dev/null)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dist="$cache/node_modules/bpmn-js/dist"
cp "$dist/bpmn-viewer.production.min.js" "$dist/assets/bpmn-js.css" "$dist/assets/diagram-js.css" "$work/"
cp -r "$dist/assets/bpmn-font" "$work/"
node -e '
const fs = require("fs");
const xml = fs.readFileSync(process.argv[1], "utf8");
fs.writeFileSync(process.argv[2], `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="diagram-js.css"><link rel="stylesheet" href="bpmn-js.css">
<link rel="stylesheet" href="bpmn-font/css/bpmn.css">
<style>html,body,#c{margin:0;width:100%;height:100%;background:#fff} .bjs-powered-by{display:none}</style></head>
<body><div id="c"></div><script src="bpmn-viewer.production.min.js"></script><script>
const viewer = new BpmnJS({ container: "#c" });
viewer.importXML(${JSON.stringify(xml)}).then(() => viewer.get("canvas").zoom("fit-viewport"));
</script></body></html>`);
' "$in" "$work/index.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$work/profile" --allow-file-access-from-files \
  --hide-scrollbars --virtual-time-budget=5000 --window-size="$size" --screenshot="$(pwd)/$out" \
  "file://$work/index.html" 2>/dev/null
echo "rendered $in -> $out"
