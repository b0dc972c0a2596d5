// Runs after the (expected to pass) build of cookie-fixed: the pass must come from a clean analysis
// with SessionGuard loaded, not from a plugin that never ran.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log =~ /spotbugs-maven-plugin:\S+:check/ || log =~ /spotbugs:\S+:check/ : 'spotbugs:check did not run'
assert !log.contains('COOKIE_MISSING_')

def sarifFile = new File(basedir, 'target/spotbugsSarif.json')
assert sarifFile.isFile() : "no SARIF report at $sarifFile"
def run = new JsonSlurper().parse(sarifFile).runs[0]
def extension = run.tool.extensions.find { it.name == 'io.github.sessionguard' }
assert extension != null : 'SessionGuard is not among the SARIF tool extensions'
assert extension.version == sessionguardVersion
assert run.results == []
assert run.invocations[0].executionSuccessful == true

// The plugin jar the build used declares every SessionGuard pattern with its CWE id.
def jar = new File(localRepositoryPath,
        "io/github/sessionguard/sessionguard/${sessionguardVersion}/sessionguard-${sessionguardVersion}.jar")
assert jar.isFile() : "plugin jar not installed at $jar"
def findbugsXml = new java.util.zip.ZipFile(jar).withCloseable { zip ->
    new groovy.xml.XmlSlurper().parse(zip.getInputStream(zip.getEntry('findbugs.xml')))
}
def declared = findbugsXml.BugPattern.collectEntries { [(it.@type.text()): it.@cweid.text()] }
assert declared == [
    SESSION_FIXATION                    : '384',
    SESSION_FIXATION_PROTECTION_DISABLED: '384',
    COOKIE_MISSING_SECURE               : '614',
    COOKIE_MISSING_HTTPONLY             : '1004',
    COOKIE_MISSING_SAMESITE             : '1275',
    SESSION_ID_IN_URL                   : '598',
    SESSIONGUARD_BAD_SETTING            : '',    // not a weakness: a malformed setting, no CWE
]
println 'Fixed project: spotbugs:check passed with SessionGuard loaded and no findings'
return true
