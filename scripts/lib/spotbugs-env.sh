# Shared by the scripts that run SpotBugs over real code: fetches jars from Maven Central into a work
# folder and resolves the SpotBugs engine's classpath. Source it after setting ROOT and WORK.
SPOTBUGS_VERSION=${SPOTBUGS_VERSION:-4.10.4}
PLUGIN="$ROOT/detector/target/sessionguard-0.1.0-SNAPSHOT.jar"
DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
# shiro-web's parent pom is not on Central: 2.8's copy takes the jar without reading its descriptor.
DEP_PLUGIN_NO_DESCRIPTOR=org.apache.maven.plugins:maven-dependency-plugin:2.8

# The jars the framework targets compile against, for -auxclasspath (both scripts scan these frameworks).
FRAMEWORK_AUX=(
  org.springframework:spring-core:6.2.12
  org.springframework:spring-beans:6.2.12
  org.springframework:spring-context:6.2.12
  org.springframework:spring-aop:6.2.12
  org.springframework:spring-expression:6.2.12
  org.springframework.security:spring-security-core:6.4.5
  org.springframework.security:spring-security-crypto:6.4.5
  io.micrometer:micrometer-observation:1.14.12
  io.micrometer:micrometer-commons:1.14.12
  jakarta.servlet:jakarta.servlet-api:6.1.0
  javax.servlet:javax.servlet-api:4.0.1
  org.apache.shiro:shiro-lang:2.2.0
  org.apache.shiro:shiro-cache:2.2.0
  org.apache.shiro:shiro-event:2.2.0
  org.apache.shiro:shiro-crypto-core:2.2.0
  org.apache.shiro:shiro-config-core:2.2.0
  org.apache.tomcat:tomcat-annotations-api:11.0.27
  org.slf4j:slf4j-api:2.0.17
)

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
