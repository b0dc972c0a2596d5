package io.github.sessionguard.catalogue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserSettingsTest {
    @AfterEach
    void clear() {
        System.clearProperty(UserSettings.CONFIG_FILE);
        System.clearProperty(UserSettings.LOGIN_METHODS);
        System.clearProperty(UserSettings.ROTATION_METHODS);
        System.clearProperty(UserSettings.IDENTITY_ATTRIBUTES);
    }

    @Test
    void readsMethodsAndAttributesFromSystemProperties() {
        System.setProperty(UserSettings.LOGIN_METHODS, "com.acme.auth.Sso#signOn, *#doAuth");
        System.setProperty(UserSettings.ROTATION_METHODS, "com.acme.web.Sessions#renew");
        System.setProperty(UserSettings.IDENTITY_ATTRIBUTES, "ACME_PRINCIPAL");
        UserSettings settings = UserSettings.load();
        assertTrue(settings.isLoginMethod("com/acme/auth/Sso", "signOn"));
        assertTrue(settings.isLoginMethod("org/other/Any", "doAuth"));
        assertFalse(settings.isLoginMethod("com/acme/auth/Other", "signOn"));
        assertTrue(settings.isRotationMethod("com/acme/web/Sessions", "renew"));
        assertTrue(LoginCatalogue.isIdentityAttribute("acme-principal", settings));
    }

    @Test
    void malformedMethodNamesTheSetting() {
        System.setProperty(UserSettings.ROTATION_METHODS, "com.acme.web.Sessions.renew");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, UserSettings::load);
        assertTrue(e.getMessage().contains(UserSettings.ROTATION_METHODS), e.getMessage());
        assertTrue(e.getMessage().contains("com.acme.web.Sessions.renew"), e.getMessage());
    }

    @Test
    void malformedAttributeNamesTheSetting() {
        System.setProperty(UserSettings.IDENTITY_ATTRIBUTES, "user name");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, UserSettings::load);
        assertTrue(e.getMessage().contains(UserSettings.IDENTITY_ATTRIBUTES), e.getMessage());
    }

    @Test
    void unreadableFileNamesTheSetting(@TempDir Path dir) {
        System.setProperty(UserSettings.CONFIG_FILE, dir.resolve("missing.properties").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, UserSettings::load);
        assertTrue(e.getMessage().contains(UserSettings.CONFIG_FILE), e.getMessage());
    }

    @Test
    void fileWithUnknownKeyIsRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sessionguard.properties");
        Files.writeString(file, "sessionguard.loginMethod=com.acme.A#b\n");
        System.setProperty(UserSettings.CONFIG_FILE, file.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, UserSettings::load);
        assertTrue(e.getMessage().contains("sessionguard.loginMethod"), e.getMessage());
    }

    @Test
    void fileIsReadAndSystemPropertyWins(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sessionguard.properties");
        Files.writeString(file, "sessionguard.loginMethods=com.acme.A#fromFile\nsessionguard.rotationMethods=com.acme.S#rotate\n");
        System.setProperty(UserSettings.CONFIG_FILE, file.toString());
        System.setProperty(UserSettings.LOGIN_METHODS, "com.acme.A#fromProperty");
        UserSettings settings = UserSettings.load();
        assertTrue(settings.isLoginMethod("com/acme/A", "fromProperty"));
        assertFalse(settings.isLoginMethod("com/acme/A", "fromFile"));
        assertTrue(settings.isRotationMethod("com/acme/S", "rotate"));
        assertEquals(0, settings.identityAttributes().size());
    }

    @Test
    void theAnalysisOwnFileWinsOverSystemProperties() {
        System.setProperty(UserSettings.LOGIN_METHODS, "com.acme.A#fromProperty");
        System.setProperty(UserSettings.ROTATION_METHODS, "com.acme.S#rotate");
        Properties own = new Properties();
        own.setProperty(UserSettings.LOGIN_METHODS, "com.acme.A#fromAnalysis");
        UserSettings settings = UserSettings.load(own, "classes/sessionguard.properties");
        assertTrue(settings.isLoginMethod("com/acme/A", "fromAnalysis"));
        assertFalse(settings.isLoginMethod("com/acme/A", "fromProperty"));
        assertTrue(settings.isRotationMethod("com/acme/S", "rotate"), "a key the file lacks falls back to the system");
    }

    @Test
    void analysisFileWithUnknownKeyNamesTheFile() {
        Properties own = new Properties();
        own.setProperty("sessionguard.rotationMethod", "com.acme.S#rotate");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UserSettings.load(own, "classes/sessionguard.properties"));
        assertTrue(e.getMessage().contains("sessionguard.rotationMethod"), e.getMessage());
        assertTrue(e.getMessage().contains("classes/sessionguard.properties"), e.getMessage());
    }

    @Test
    void emptyListNamesTheSettingAndWhatIsExpected() {
        System.setProperty(UserSettings.IDENTITY_ATTRIBUTES, " , ");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, UserSettings::load);
        assertTrue(e.getMessage().contains(UserSettings.IDENTITY_ATTRIBUTES), e.getMessage());
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
    }
}
