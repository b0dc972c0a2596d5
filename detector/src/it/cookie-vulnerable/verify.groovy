// Runs after the (expected to fail) build of cookie-vulnerable. Asserts on what spotbugs-maven-plugin
// really wrote: the build log, and the SARIF report with its rules, CWE relationships and taxonomy.
import groovy.json.JsonSlurper

def expectedCwe = [
    COOKIE_MISSING_SECURE  : '614',
    COOKIE_MISSING_HTTPONLY: '1004',
    COOKIE_MISSING_SAMESITE: '1275',
]

// 1. The build failed because of SessionGuard's findings, not for some other reason.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('spotbugs-maven-plugin:') && log.contains(':check') && log.contains('failed with 3 bugs and 0 errors') :
        'spotbugs:check did not fail on exactly three bugs'
expectedCwe.keySet().each { pattern ->
    assert log.contains('[com.example.shop.SessionCookieServlet] At SessionCookieServlet.java:[line 14] ' + pattern) :
            "build log does not name $pattern at SessionCookieServlet.java:14"
}
assert log.contains('High: cookie "SHOPSESSION" can be sent over plain HTTP')

// 2. The SARIF report.
def sarifFile = new File(basedir, 'target/spotbugsSarif.json')
assert sarifFile.isFile() : "no SARIF report at $sarifFile"
def sarif = new JsonSlurper().parse(sarifFile)
assert sarif.version == '2.1.0'
def run = sarif.runs[0]

// SessionGuard was loaded from the Maven <plugins> block, with its version.
def extension = run.tool.extensions.find { it.name == 'io.github.sessionguard' }
assert extension != null : 'SessionGuard is not among the SARIF tool extensions'
assert extension.version == sessionguardVersion

// The results: exactly the three cookie findings, at the line that creates the cookie, naming it.
assert run.results*.ruleId.sort() == expectedCwe.keySet().sort()
run.results.each { result ->
    def location = result.locations[0].physicalLocation
    assert location.artifactLocation.uri == 'com/example/shop/SessionCookieServlet.java'
    assert location.region.startLine == 14
    assert result.message.arguments[0] == 'cookie "SHOPSESSION"'
    assert result.level == 'error'
    assert run.tool.driver.rules[result.ruleIndex].id == result.ruleId
}

// Each rule carries its CWE as a relationship to the CWE taxonomy.
def cweGuid = run.tool.driver.supportedTaxonomies.find { it.name == 'CWE' }?.guid
assert cweGuid : 'the driver does not declare the CWE taxonomy'
expectedCwe.each { pattern, cwe ->
    def rule = run.tool.driver.rules.find { it.id == pattern }
    assert rule != null : "no SARIF rule for $pattern"
    assert rule.properties.tags == ['SECURITY']
    def targets = rule.relationships.findAll { it.target.toolComponent.name == 'CWE' }*.target
    assert targets*.id == [cwe] : "rule $pattern relates to CWE ${targets*.id}, expected [$cwe]"
    assert targets[0].toolComponent.guid == cweGuid
}

// The CWE taxonomy of the run defines exactly those taxa.
def taxonomy = run.taxonomies.find { it.name == 'CWE' }
assert taxonomy != null && taxonomy.guid == cweGuid
assert taxonomy.taxa*.id.sort() == expectedCwe.values().sort()
def titles = taxonomy.taxa.collectEntries { [(it.id): it.shortDescription.text] }
assert titles['614'].contains("'Secure'")
assert titles['1004'].contains("'HttpOnly'")
assert titles['1275'].contains('SameSite')

// 3. The XML report (target/spotbugsXml.xml) carries the same CWE ids on each bug instance.
def xml = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/spotbugsXml.xml'))
def xmlCwe = xml.BugInstance.collectEntries { [(it.@type.text()): it.@cweid.text()] }
assert xmlCwe == expectedCwe
assert xml.BugInstance.every { it.@category.text() == 'SECURITY' && it.@priority.text() == '1' }

println "SARIF checked: ${run.results.size()} SessionGuard results, rules related to CWE ${expectedCwe.values()}"
return true
