# Shared by the scripts that run SpotBugs over real code: fetches jars from Maven Central into a work
# folder and resolves the SpotBugs engine's classpath. Source it after setting ROOT and WORK.
SPOTBUGS_VERSION=${SPOTBUGS_VERSION:-4.10.4}
PLUGIN="$ROOT/detector/target/sessionguard-0.1.0-SNAPSHOT.jar"
DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
# shiro-web's parent pom is not on Central: 2.8's copy takes the jar without reading its descriptor.
DEP_PLUGIN_NO_DESCRIPTOR=org.apache.maven.plugins:maven-dependency-plugin:2.8

# fetch DIR GROUP:ARTIFACT:VERSION...: copies each jar (alone, without its dependencies) into DIR.
fetch() {
  local dir=$1 artifact name plugin; shift
  mkdir -p "$dir"
  for artifact in "$@"; do
    name="$(echo "$artifact" | cut -d: -f2)-$(echo "$artifact" | cut -d: -f3).jar"
    plugin=$DEP_PLUGIN
    case "$artifact" in org.apache.shiro:*) plugin=$DEP_PLUGIN_NO_DESCRIPTOR ;; esac
    [ -f "$dir/$name" ] || (cd "$WORK" && mvn -B -q -Dstyle.color=never "$plugin:copy" -Dartifact="$artifact" -DoutputDirectory="$dir" >&2)
  done
}

# engine_classpath: prints the SpotBugs engine's classpath (resolved once by Maven from a throw-away pom).
engine_classpath() {
  local dir="$WORK/engine-$SPOTBUGS_VERSION"
  if [ ! -f "$dir/classpath.txt" ]; then
    mkdir -p "$dir"
    cat > "$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>spotbugs-engine</artifactId><version>1</version>
  <dependencies><dependency><groupId>com.github.spotbugs</groupId><artifactId>spotbugs</artifactId>
  <version>$SPOTBUGS_VERSION</version></dependency></dependencies></project>
POM
    (cd "$dir" && mvn -B -q -Dstyle.color=never "$DEP_PLUGIN:build-classpath" -Dmdep.outputFile=classpath.txt >&2)
  fi
  cat "$dir/classpath.txt"
}

# ensure_plugin: builds the plugin jar if it is missing.
ensure_plugin() {
  [ -f "$PLUGIN" ] || (cd "$ROOT" && mvn -B -q -Dstyle.color=never -pl detector package -DskipTests >&2)
}
