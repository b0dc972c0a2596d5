package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import io.github.sessionguard.catalogue.LoginEventKind;
import io.github.sessionguard.flow.Site;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who answers for a login method's unfixed login: the method itself when no caller fixes it, else each
 * caller that lets it end unfixed, one level up at a time; never both.
 */
class LoginResponsibilityTest {
    private static Site site(String method, int pc) {
        return new Site(DescriptorFactory.instance().getMethodDescriptor("app/C", method, "()V", false), pc);
    }

    private static LoginMethodResult loginPath(Set<LoginEvent> reported, Set<LoginEvent> fixedInherited) {
        return loginPath(reported, fixedInherited, false);
    }

    private static LoginMethodResult loginPath(Set<LoginEvent> reported, Set<LoginEvent> fixedInherited,
            boolean requestEntry) {
        LoginSummary summary = new LoginSummary(false, true, Set.of(), reported, true, false, Set.of());
        return new LoginMethodResult(summary, Set.of(), fixedInherited, requestEntry, false, Set.of(), Set.of(),
                MechanismLogin.NOT_SEEN, false);
    }

    /** A login only by its name (a signIn(session, user) helper that checks nothing). */
    private static LoginMethodResult loginByName(Set<LoginEvent> reported) {
        LoginSummary summary = new LoginSummary(false, false, Set.of(), reported, true, false, Set.of());
        return new LoginMethodResult(summary, Set.of(), Set.of(), false, true, Set.of(), Set.of(), MechanismLogin.NOT_SEEN, false);
    }

    private final LoginEvent serviceWrite = new LoginEvent(site("signIn", 10), LoginEventKind.SESSION_ATTRIBUTE,
            "session attribute \"member\"");

    @Test
    void aServiceWhoseCallersNeverRotateIsReportedAtItsWrite() {
        LoginEvent inCaller = serviceWrite.inheritedAt(site("kiosk", 4), "signIn");
        LoginResponsibility responsibility = new LoginResponsibility(List.of(
                loginPath(Set.of(serviceWrite), Set.of()), loginPath(Set.of(inCaller), Set.of())));
        assertTrue(responsibility.isReportedHere(serviceWrite));
        assertFalse(responsibility.isReportedHere(inCaller));
    }

    @Test
    void whenOneCallerRotatesTheOthersAreReportedAtTheirCallsAndTheServiceNot() {
        LoginEvent rotated = serviceWrite.inheritedAt(site("signInRotating", 4), "signIn");
        LoginEvent unfixed = serviceWrite.inheritedAt(site("kiosk", 4), "signIn");
        LoginResponsibility responsibility = new LoginResponsibility(List.of(
                loginPath(Set.of(serviceWrite), Set.of()),
                loginPath(Set.of(), Set.of(rotated)),
                loginPath(Set.of(unfixed), Set.of())));
        assertFalse(responsibility.isReportedHere(serviceWrite));
        assertTrue(responsibility.isReportedHere(unfixed));
    }

    @Test
    void aLoginByNameOnlyIsReportedAtItsLoginCallersCallsAndNotInItself() {
        LoginEvent inSignUp = serviceWrite.inheritedAt(site("signUp", 4), "signIn");
        LoginResponsibility responsibility = new LoginResponsibility(List.of(
                loginByName(Set.of(serviceWrite)), loginPath(Set.of(inSignUp), Set.of())));
        assertFalse(responsibility.isReportedHere(serviceWrite));
        assertTrue(responsibility.isReportedHere(inSignUp));
    }

    @Test
    void aLoginByNameOnlyWithoutLoginCallersIsReportedInItself() {
        LoginResponsibility responsibility = new LoginResponsibility(List.of(loginByName(Set.of(serviceWrite))));
        assertTrue(responsibility.isReportedHere(serviceWrite));
    }

    @Test
    void aMiddleLayerWhoseCallerRotatesIsNotReported() {
        LoginEvent inLayer = serviceWrite.inheritedAt(site("audit", 4), "signIn");
        LoginEvent inController = inLayer.inheritedAt(site("controller", 8), "audit");
        LoginResponsibility responsibility = new LoginResponsibility(List.of(
                loginPath(Set.of(serviceWrite), Set.of()),
                loginPath(Set.of(inLayer), Set.of()),
                loginPath(Set.of(), Set.of(inController))));
        assertFalse(responsibility.isReportedHere(serviceWrite));
        assertFalse(responsibility.isReportedHere(inLayer));
    }

    @Test
    void aRequestEntryIsReportedAtItsWriteEvenWhenACallerRotates() {
        LoginEvent rotated = serviceWrite.inheritedAt(site("signUp", 4), "signIn");
        LoginEvent unfixed = serviceWrite.inheritedAt(site("kiosk", 4), "signIn");
        LoginResponsibility responsibility = new LoginResponsibility(List.of(
                loginPath(Set.of(serviceWrite), Set.of(), true),
                loginPath(Set.of(), Set.of(rotated)),
                loginPath(Set.of(unfixed), Set.of())));
        assertTrue(responsibility.isReportedHere(serviceWrite));
        assertFalse(responsibility.isReportedHere(unfixed));
    }

    @Test
    void aCallerThatIsARequestEntryIsReportedAtItsCallEvenWhenItsOwnCallerRotates() {
        LoginEvent inLayer = serviceWrite.inheritedAt(site("audit", 4), "signIn");
        LoginEvent inController = inLayer.inheritedAt(site("controller", 8), "audit");
        LoginEvent inEntry = inLayer.inheritedAt(site("entry", 8), "audit");
        LoginEvent inWrapper = inEntry.inheritedAt(site("wrapper", 2), "entry");
        LoginResponsibility responsibility = new LoginResponsibility(List.of(
                loginPath(Set.of(serviceWrite), Set.of()),
                loginPath(Set.of(inLayer), Set.of()),
                loginPath(Set.of(), Set.of(inController)),
                loginPath(Set.of(inEntry), Set.of(), true),
                loginPath(Set.of(), Set.of(inWrapper))));
        assertFalse(responsibility.isReportedHere(serviceWrite));
        assertFalse(responsibility.isReportedHere(inLayer));
        assertTrue(responsibility.isReportedHere(inEntry));
    }
}
