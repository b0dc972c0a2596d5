package io.github.sessionguard.catalogue;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginCatalogueTest {
    @Test
    void identityNamesAreComparedWithoutCaseAndSeparators() {
        for (String name : new String[] {"user", "LOGIN_USER", "currentUser", "user_id", "SPRING_SECURITY_CONTEXT",
                "loggedIn", "is-authenticated", "adminPrincipal", "CUSTOMER"}) {
            assertTrue(LoginCatalogue.isIdentityAttribute(name, UserSettings.NONE), name);
        }
        for (String name : new String[] {"cart", "locale", "theme", "lastVisit", "loginAttempts", "csrfToken"}) {
            assertFalse(LoginCatalogue.isIdentityAttribute(name, UserSettings.NONE), name);
        }
        assertFalse(LoginCatalogue.isIdentityAttribute(null, UserSettings.NONE));
    }

    @Test
    void credentialChecksByNameLeavePasswordManagementOut() {
        for (String name : new String[] {"authenticate", "login", "signIn", "checkPassword", "verifyCredentials",
                "isPasswordValid", "verify"}) {
            assertTrue(LoginCatalogue.isCredentialCheckName(name), name);
        }
        for (String name : new String[] {"changePassword", "resetPassword", "getPassword", "encodePassword",
                "findUser", "loginPage"}) {
            assertFalse(LoginCatalogue.isCredentialCheckName(name), name);
        }
        assertTrue(LoginCatalogue.managesPasswords("updatePassword"));
        assertFalse(LoginCatalogue.managesPasswords("updateProfile"));
    }

    @Test
    void logoutWordsAreNeverLogins() {
        assertTrue(LoginCatalogue.mentionsLogout("/logout"));
        assertTrue(LoginCatalogue.mentionsLogout("signOut"));
        assertFalse(LoginCatalogue.mentionsLogout("/login"));
    }
}
