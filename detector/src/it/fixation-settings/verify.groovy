// Runs after the (expected to fail) build of fixation-settings: the settings passed through
// spotbugs-maven-plugin's jvmArgs reached SessionGuard and changed its verdicts.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('failed with 1 bugs and 0 errors') : 'spotbugs:check did not fail on exactly one bug'

def sarif = new JsonSlurper().parse(new File(basedir, 'target/spotbugsSarif.json'))
def results = sarif.runs[0].results
assert results*.ruleId == ['SESSION_FIXATION']
def location = results[0].locations[0].physicalLocation
// Reported in the login that stores the principal without renewal (a configured login method and
// identity attribute); the twin that calls the configured rotation method stays quiet.
assert location.artifactLocation.uri == 'com/example/shop/SsoEntryServlet.java'
assert results[0].message.arguments.contains('session attribute "acme.who"')

// The pattern carries CWE-384 into SARIF.
def rule = sarif.runs[0].tool.driver.rules.find { it.id == 'SESSION_FIXATION' }
assert rule.relationships.findAll { it.target.toolComponent.name == 'CWE' }*.target*.id == ['384']
