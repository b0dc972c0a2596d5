package io.github.sessionguard.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionguard.catalogue.BootSessionKeys;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The properties and YAML readers: keys, values, lines and profiles as Spring Boot would see them. */
class BootSettingsReadersTest {

    private static BootProperty find(List<BootProperty> all, String canonical) {
        return all.stream().filter(p -> p.is(canonical)).findFirst().orElse(null);
    }

    @Test
    void propertiesKeepLinesAcrossContinuationsAndSplitDocuments() {
        SettingsResource file = new SettingsResource("application.properties", "application.properties",
                "# comment\n"
                        + "server.servlet.session.timeout = \\\n    30m\n"
                        + "server.servlet.session.cookie.http-only:false\n"
                        + "#---\n"
                        + "spring.config.activate.on-profile=prod\n"
                        + "SERVER_SERVLET_SESSION_COOKIE_SECURE false\n");
        List<BootProperty> all = PropertiesReader.read(file, null);
        BootProperty timeout = find(all, "serverservletsessiontimeout");
        assertEquals("30m", timeout.value());
        assertEquals(2, timeout.line());
        BootProperty httpOnly = find(all, BootSessionKeys.SERVLET.httpOnly);
        assertEquals(4, httpOnly.line());
        assertNull(httpOnly.profile());
        BootProperty secure = find(all, BootSessionKeys.SERVLET.secure);
        assertEquals("false", secure.value());
        assertEquals(7, secure.line());
        assertEquals("prod", secure.profile());
    }

    @Test
    void yamlFlattensNestedKeysListsAndProfileDocuments() {
        SettingsResource file = new SettingsResource("application-cloud.yml", "application-cloud.yml",
                "server:\n"
                        + "  servlet:\n"
                        + "    session:\n"
                        + "      cookie:\n"
                        + "        httpOnly: off\n"
                        + "---\n"
                        + "spring.config.activate.on-profile: eu\n"
                        + "server.servlet.session:\n"
                        + "  tracking-modes:\n"
                        + "    - cookie\n"
                        + "    - url\n");
        List<BootProperty> all = YamlReader.read(file, BootSessionSettings.profileOf(file.path()));
        BootProperty httpOnly = find(all, BootSessionKeys.SERVLET.httpOnly);
        assertEquals(5, httpOnly.line());
        assertEquals("cloud", httpOnly.profile());
        assertTrue(BootSessionKeys.isFalse(BootSessionKeys.effectiveValue(httpOnly.value())));
        List<BootProperty> modes = all.stream().filter(p -> p.is(BootSessionKeys.TRACKING_MODES))
                .collect(Collectors.toList());
        assertEquals(List.of("cookie", "url"), modes.stream().map(BootProperty::value).collect(Collectors.toList()));
        assertEquals(11, modes.get(1).line());
        assertEquals("cloud & eu", modes.get(1).profile());
    }

    @Test
    void placeholdersYieldTheirDefaultAndDevelopmentProfilesAreRecognised() {
        assertEquals("false", BootSessionKeys.effectiveValue("${COOKIE_SECURE:false}"));
        assertNull(BootSessionKeys.effectiveValue("${COOKIE_SECURE}"));
        assertTrue(BootSessionKeys.isDevelopmentProfile("dev"));
        assertTrue(BootSessionKeys.isDevelopmentProfile("local & h2"));
        assertFalse(BootSessionKeys.isDevelopmentProfile("prod"));
        assertFalse(BootSessionKeys.isDevelopmentProfile("!dev"));
        assertFalse(BootSessionKeys.isDevelopmentProfile(null));
    }

    @Test
    void onlyApplicationSettingsFilesAtTheResourceRootAreBootFiles() {
        assertTrue(BootSessionSettings.isBootSettingsFile("application.yml"));
        assertTrue(BootSessionSettings.isBootSettingsFile("config/application-prod.properties"));
        assertFalse(BootSessionSettings.isBootSettingsFile("com/example/application.properties"));
        assertFalse(BootSessionSettings.isBootSettingsFile("applicationContext.xml"));
        assertEquals("application.properties", CodeBaseResources.pathOf("BOOT-INF/classes/application.properties"));
    }
}
