// Runs after the (expected to fail) build of fixation-bad-setting. A malformed setting stops
// SessionGuard, not SpotBugs: the run completes, SpotBugs' own detectors still report, the setting and
// its value are named in SpotBugs' analysis errors and in the build output, and spotbugs:check fails
// the build on SessionGuard's one SESSIONGUARD_BAD_SETTING report (check ignores analysis errors).
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('SessionGuard setting sessionguard.rotationMethods') : 'the error does not name the setting'
assert log.contains("'com.example.shop.AcmeSessions.renew' is not of the form com.example.ClassName#methodName") :
        'the error does not quote the bad value and the expected form'
assert log.contains('SessionGuard analysed nothing in this run') : 'check does not show the bad setting'
assert log.contains('DM_STRING_CTOR') : "SpotBugs' own detectors did not run to the end"
assert log.contains('failed with 2 bugs and 0 errors') : 'check did not fail on the bad setting and the one real bug'

def xml = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/spotbugsXml.xml'))
def types = xml.BugInstance.collect { it.@type.text() }.sort()
assert types == ['DM_STRING_CTOR', 'SESSIONGUARD_BAD_SETTING'] : "findings: ${types}"
assert xml.Errors.@errors.text() == '1' : 'the bad setting is not one analysis error'
assert xml.Errors.Error.ErrorMessage.text().contains('sessionguard.rotationMethods')
