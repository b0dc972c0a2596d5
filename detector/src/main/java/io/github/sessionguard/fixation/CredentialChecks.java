package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.ba.ClassContext;
import io.github.sessionguard.catalogue.UserSettings;
import org.apache.bcel.classfile.Method;

/**
 * Does a method check a credential, as the login analysis reads it: a catalogue check, or a submitted secret
 * compared with a stored one by data flow ({@code row.passwordHash.equals(sha256(row.salt + password))}), in the
 * method or in what it calls. For a detector of its own (the session store's) that would otherwise know checks
 * by name only. One per detector and analysis (it memoises the methods it was asked about); asked only of
 * methods that already have something to report, because each answer is a full login analysis.
 */
public final class CredentialChecks {
    private final LoginSummaries summaries;

    public CredentialChecks(UserSettings settings) {
        this.summaries = new LoginSummaries(settings);
    }

    public boolean checksCredentials(ClassContext classContext, Method method) {
        return summaries.resultOf(classContext, method).summary().checksCredentials();
    }

    /**
     * Is the method a login of the servlet session (or another session the login analysis follows), as that analysis
     * reads it: it checks a credential and some path authenticates the session, whether it changes the id or not.
     */
    public boolean logsSessionIn(ClassContext classContext, Method method) {
        LoginMethodResult result = summaries.resultOf(classContext, method);
        return result.summary().checksCredentials()
                && (!result.summary().reported().isEmpty() || !result.loginAttributes().isEmpty());
    }
}
