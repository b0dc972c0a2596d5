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

    @Test
    void secretsAreSubmittedCredentialsNotRequestIntegrityTokensOrStoredHashes() {
        for (String name : new String[] {"password", "j_password", "userpass", "userPwd", "passphrase", "ticket",
                "Authorization", "REMEMBER_ME", "remember-me", "apiKey", "X-Auth-Token", "accessToken", "getPassword",
                "SAMLResponse", "otp"}) {
            assertTrue(LoginCatalogue.isSecretName(name), name);
        }
        for (String name : new String[] {"_csrf", "csrfToken", "X-XSRF-TOKEN", "captcha", "state", "nonce",
                "newPassword", "confirmPassword", "passwordHash", "salt", "username", "lang", "pass_through_url"}) {
            assertFalse(LoginCatalogue.isSecretName(name), name);
        }
        assertFalse(LoginCatalogue.isSecretName(null));
        assertTrue(LoginCatalogue.isAmbiguousSecretName("code"), "code is a secret only in an OAuth client");
    }

    @Test
    void cookieValueParametersAreNamedForTheValueNotTheCookiesOtherParts() {
        for (String name : new String[] {"cookieValue", "cookie", "rememberCookie", "remember_me_cookie", "cookieVal"}) {
            assertTrue(LoginCatalogue.namesCookieValue(name), name);
        }
        for (String name : new String[] {"cookieName", "cookiePath", "cookieDomain", "cookieMaxAge", "secureCookies"}) {
            assertFalse(LoginCatalogue.namesCookieValue(name), name);
        }
        assertFalse(LoginCatalogue.namesCookieValue(null));
    }

    @Test
    void lookupsAreCallsThatAnswerWhoNotTransformationsOrTheJdk() {
        assertTrue(LoginCatalogue.mayLookUpUser("com/acme/MemberDao", "findByUsernameAndPassword"));
        assertTrue(LoginCatalogue.mayLookUpUser("org/apereo/cas/client/validation/TicketValidator", "validate"));
        assertTrue(LoginCatalogue.mayLookUpUser("com/acme/MemberDao", "save"));
        for (String name : new String[] {"encode", "hashPassword", "md5", "setPassword", "log", "updatePassword",
                "changePassword"}) {
            assertFalse(LoginCatalogue.mayLookUpUser("com/acme/Util", name), name);
        }
        assertFalse(LoginCatalogue.mayLookUpUser("java/util/Map", "get"));
        assertFalse(LoginCatalogue.mayLookUpUser("jakarta/servlet/http/HttpSession", "setAttribute"));
        assertFalse(LoginCatalogue.mayLookUpUser("com/acme/Member", "<init>"));
    }

    @Test
    void identityGettersReadWhoNotWhatElse() {
        for (String name : new String[] {"get", "orElseThrow", "getPrincipal", "getId", "getUsername", "getName",
                "getEmail", "getUserId", "getAccount", "getRoles"}) {
            assertTrue(LoginCatalogue.isIdentityGetter(name), name);
        }
        for (String name : new String[] {"getLocale", "getCart", "getTheme", "getPreferences", "getCreated"}) {
            assertFalse(LoginCatalogue.isIdentityGetter(name), name);
        }
    }
}
