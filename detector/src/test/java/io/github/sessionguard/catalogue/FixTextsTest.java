package io.github.sessionguard.catalogue;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The fix a finding offers is written once, in the catalogue; {@code messages.xml} repeats it in each
 * pattern's Details, where users read it before they see a finding. "Agree" means: the Details of a
 * pattern hold one list {@code <ul class="fixes">} whose items are, in catalogue order, exactly the
 * catalogue's fix texts for that pattern ({@code label: fix} where the catalogue row has a label; texts
 * that name the user's own class show it as "the filter"; HTML-escaped). Editing either side alone
 * fails here; the failure prints the list the catalogue expects.
 */
class FixTextsTest {
    private static final Path MESSAGES = Paths.get("src/main/resources/messages.xml");
    private static final Pattern LIST = Pattern.compile("<ul class=\"fixes\">\\s*(.*?)\\s*</ul>", Pattern.DOTALL);
    private static final Pattern ITEM = Pattern.compile("<li>(.*?)</li>", Pattern.DOTALL);

    @Test
    void detailsListTheCatalogueFixes() throws IOException {
        String messages = Files.readString(MESSAGES);
        Map<String, List<String>> listed = new LinkedHashMap<>();
        StringBuilder wanted = new StringBuilder();
        for (Map.Entry<String, List<String>> pattern : expected().entrySet()) {
            listed.put(pattern.getKey(), listedFixes(messages, pattern.getKey()));
            if (!pattern.getValue().equals(listed.get(pattern.getKey()))) {
                wanted.append(pattern.getKey()).append(":\n").append(html(pattern.getValue())).append('\n');
            }
        }
        assertEquals(expected(), listed, () -> "Details' fix lists differ from the catalogue's fix texts; the "
                + "catalogue expects:\n" + wanted);
    }

    @Test
    void anEditedItemIsFound() throws IOException {
        String messages = Files.readString(MESSAGES);
        String edited = messages.replaceFirst("cookie\\.setSecure\\(true\\)</li>", "cookie.setSecure(TRUE)</li>");
        assertThrows(AssertionError.class,
                () -> assertEquals(expected().get("COOKIE_MISSING_SECURE"), listedFixes(edited, "COOKIE_MISSING_SECURE")));
    }

    /** Pattern type to the fix texts its findings offer, in catalogue order. */
    private static Map<String, List<String>> expected() {
        Map<String, List<String>> fixes = new LinkedHashMap<>();
        List<CookieApi> apis = new ArrayList<>(CookieCatalogue.apis());
        apis.add(CookieCatalogue.SET_COOKIE_HEADER);
        for (CookieFlag flag : CookieFlag.values()) {
            List<String> items = new ArrayList<>();
            for (CookieApi api : apis) {
                if (api.fixFor(flag) != null) {
                    items.add(escape(api.label() + ": " + api.fixFor(flag)));
                }
            }
            fixes.put(flag.bugPattern(), items);
        }
        for (String policy : List.of(CookiePolicyCatalogue.SAME_SITE_SUPPLIERS.get(0),
                CookiePolicyCatalogue.SAME_SITE_PROCESSORS.get(0))) {
            fixes.get(CookieFlag.SAME_SITE.bugPattern()).add(escape("SameSite=None for every cookie: "
                    + CookiePolicyCatalogue.noneEverywhereFix(policy)));
        }
        fixes.get(CookieFlag.SAME_SITE.bugPattern()).add(escape("SameSite=None for a session or credential cookie by name: "
                + CookiePolicyCatalogue.noneForCredentialFix()));
        fixes.put("SESSION_FIXATION_PROTECTION_DISABLED", new ArrayList<>());
        for (ProtectionSwitch protection : ProtectionSwitch.ALL) {
            // A switch reported as a cookie pattern (Tomcat's setUseHttpOnly) is listed with that pattern's fixes.
            fixes.get(protection.bugPattern()).add(escape(protection.description() + ": " + protection.fix()));
        }
        for (ProtectionOverride override : ProtectionOverride.ALL) {
            fixes.get("SESSION_FIXATION_PROTECTION_DISABLED").add(escape(override.description() + ": " + override.fix()));
        }
        // Each distinct fix once: kinds of one framework (Wicket's session writes and its sign-in) share theirs.
        Set<String> logins = new LinkedHashSet<>();
        for (LoginEventKind kind : LoginEventKind.values()) {
            logins.add(escape(kind.fix()));
        }
        logins.add(escape(LoginEventKind.REUSED_INVALIDATED_SESSION_FIX));
        logins.add(escape(SessionStoreCatalogue.FIX));
        logins.add(escape(SpringSessionCatalogue.loginFilterFix("the filter")));
        logins.add(escape(SpringSessionCatalogue.constructorFilterFix("the filter")));
        fixes.put("SESSION_FIXATION", new ArrayList<>(logins));
        Set<String> tracking = new LinkedHashSet<>();
        for (SessionTrackingApi.Setter setter : SessionTrackingApi.SETTERS) {
            tracking.add(escape(setter.fix()));
        }
        for (SessionTrackingApi.UrlConfig config : SessionTrackingApi.URL_CONFIGS) {
            tracking.add(escape(config.fix));
        }
        for (SessionTrackingApi.UrlConfig urlSwitch : SessionTrackingApi.URL_SWITCHES) {
            tracking.add(escape(urlSwitch.fix));
        }
        fixes.put("SESSION_ID_IN_URL", new ArrayList<>(tracking));
        return fixes;
    }

    private static List<String> listedFixes(String messages, String patternType) {
        int start = messages.indexOf("<BugPattern type=\"" + patternType + "\">");
        int end = messages.indexOf("</BugPattern>", start);
        List<String> items = new ArrayList<>();
        if (start < 0 || end < 0) {
            return items;
        }
        Matcher list = LIST.matcher(messages.substring(start, end));
        if (list.find()) {
            Matcher item = ITEM.matcher(list.group(1));
            while (item.find()) {
                items.add(item.group(1).replaceAll("\\s+", " ").trim());
            }
        }
        return items;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String html(List<String> items) {
        StringBuilder html = new StringBuilder("<ul class=\"fixes\">\n");
        items.forEach(item -> html.append("<li>").append(item).append("</li>\n"));
        return html.append("</ul>").toString();
    }
}
