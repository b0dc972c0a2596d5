// Runs after the (expected to fail) build of fixation-bad-setting: the analysis stopped, and the
// message names the malformed setting and its value.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('SessionGuard setting sessionguard.rotationMethods') : 'the error does not name the setting'
assert log.contains('com.example.shop.AcmeSessions.renew') : 'the error does not quote the bad value'
