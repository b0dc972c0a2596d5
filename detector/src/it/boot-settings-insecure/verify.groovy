// Runs after the (expected to fail) build of boot-settings-insecure: a Spring Boot-style application whose
// application.properties switches the session cookie's Secure flag off. The finding must be reported at
// that file and line, in the build log, the XML report and the SARIF report.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains(':check') && log.contains('failed with 1 bugs and 0 errors') :
        'spotbugs:check did not fail on exactly one bug'
// The file is named as the repository holds it (the path up to src/main/resources depends on where the
// invoker cloned the project, so only its end is pinned).
def file = 'src/main/resources/application.properties'
assert log =~ /At (\S+\/)?src\/main\/resources\/application\.properties:\[line 6\] COOKIE_MISSING_SECURE/ :
        'build log does not point at src/main/resources/application.properties line 6'
assert log.contains('server.servlet.session.cookie.secure=true')

def xml = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/spotbugsXml.xml'))
assert xml.BugInstance.size() == 1
def bug = xml.BugInstance[0]
assert bug.@type.text() == 'COOKIE_MISSING_SECURE' && bug.@priority.text() == '1' && bug.@cweid.text() == '614'
def line = bug.SourceLine.find { it.@sourcepath.text() == file || it.@sourcepath.text().endsWith('/' + file) }
assert line.@start.text() == '6'

def sarif = new JsonSlurper().parse(new File(basedir, 'target/spotbugsSarif.json'))
def results = sarif.runs[0].results
assert results*.ruleId == ['COOKIE_MISSING_SECURE']
def location = results[0].locations[0].physicalLocation
println "SARIF location: ${location}"
assert location.artifactLocation.uri == file || location.artifactLocation.uri.endsWith('/' + file) :
        "SARIF points at ${location.artifactLocation.uri}, not ${file}"
assert location.region.startLine == 6
assert results[0].message.arguments.any { it.contains('"JSESSIONID"') }
return true
