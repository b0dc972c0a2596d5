#!/usr/bin/env bash
# Regenerates the screenshots in docs/images/ from the current code, so they stay true when
# messages change:
#   gui-fixation.png, gui-cookie.png  the SpotBugs GUI (same plugin loader and message rendering as
#                                     the Eclipse/IntelliJ plugins) with SessionGuard loaded on the
#                                     sample application's report, a fixation and a cookie finding
#                                     selected: tree, source, summary and details panes
#   html-warnings.png, html-details.png  spotbugs-maven-plugin's HTML report of the sample
#                                     (sample-app/target/site/spotbugs.html), in headless Chromium
# Needs Xvfb, Chromium and ImageMagick (Debian packages; installed here when run as root), JDK 17
# and Maven. Runs README command (a) first.
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/images
mkdir -p "$out"

need=()
command -v Xvfb >/dev/null 2>&1 || need+=(xvfb)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v convert >/dev/null 2>&1 || need+=(imagemagick)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
if [ "${#need[@]}" -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
    else
        echo "missing: ${need[*]} (install them, then rerun)" >&2
        exit 2
    fi
fi

version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
plugin=detector/target/sessionguard-$version.jar
# The sample's findings: XML report (for the GUI), HTML report, SARIF (README command (a)).
# --html-only: reuse them and redo only the HTML report shots.
if [ "${1:-}" != "--html-only" ]; then
mvn -B -q -pl sample-app -am verify -DskipTests -Dinvoker.skip
mvn -B -q -pl detector dependency:build-classpath -Dmdep.includeScope=provided \
    -Dmdep.outputFile="$PWD/detector/target/spotbugs.classpath"
fi

work=$(mktemp -d)
xvfb_pid=
cleanup() {
    if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

if [ "${1:-}" != "--html-only" ]; then
# SpotBugs GUI under a private X server; its preferences go to a throw-away home.
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
sleep 2
DISPLAY=$display java -Duser.home="$work/home" -cp "$(cat detector/target/spotbugs.classpath)" \
    scripts/GuiScreenshots.java "$plugin" sample-app/target/spotbugsXml.xml "$out" \
    gui-fixation=SESSION_FIXATION:'"user"' \
    gui-cookie=COOKIE_MISSING_SECURE:'"remember-me"' 2>&1 | grep -v '^SLF4J' || true
test -s "$out/gui-fixation.png" -a -s "$out/gui-cookie.png"
fi

# HTML report: a copy that opens every finding's context rows and starts at the section shown.
html() { # name, first heading kept
    { cat sample-app/target/site/spotbugs.html; cat <<SCRIPT
<script>
var h = [...document.querySelectorAll('h1')].find(e => e.textContent.trim() == '$2');
while (h && h.previousSibling) h.previousSibling.remove();
document.querySelectorAll('p[id]').forEach(p => p.style.display = 'block');
</script>
SCRIPT
    } >"$work/$1.html"
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
        --user-data-dir="$work/chromium" --window-size=1200,"$3" \
        --screenshot="$work/$1.png" "file://$work/$1.html" >/dev/null 2>&1
    convert "$work/$1.png" -trim +repage -bordercolor white -border 12 "$out/$1.png"
}
html html-warnings Warnings 1500
html html-details Details 1100
ls -l "$out"
