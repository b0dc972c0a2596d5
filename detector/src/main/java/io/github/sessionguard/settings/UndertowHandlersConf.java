package io.github.sessionguard.settings;

import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.classfile.IClassPath;
import io.github.sessionguard.catalogue.CookiePolicyCatalogue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Undertow's predicated-handler file {@code undertow-handlers.conf}: WildFly (and JBoss EAP) read a war's
 * {@code WEB-INF/undertow-handlers.conf}, Quarkus' Undertow the class path's {@code META-INF/undertow-handlers.conf},
 * and wrap the deployment's servlets in the handlers it names. One of them is a SameSite policy:
 * {@code samesite-cookie(mode=Lax)} is Undertow's {@code SameSiteCookieHandler} (builder name {@code samesite-cookie},
 * parameters {@code mode} (the default one), {@code cookie-pattern}, {@code case-sensitive} (true by default),
 * {@code enable-client-checker}, {@code add-secure-for-none}; undertow-core 2.3 read with javap). At the response's
 * commit it sets the mode on every response cookie whose name the pattern matches (every one without a pattern): the
 * cookies added through the servlet API and the session cookie, not a raw {@code Set-Cookie} header (which is no
 * response cookie).
 *
 * <p>Only an unconditional handler is a policy for every request: a line of its own (handlers joined by {@code ;}
 * included) or behind the predicate {@code true}. A handler behind another predicate ({@code path-prefix('/api') ->
 * samesite-cookie(Lax)}) or inside a {@code { }} block reaches some requests only and is not credited. A line the
 * reader does not understand credits nothing (the cookies are then judged as if the file were absent).
 */
public final class UndertowHandlersConf {
    static final List<String> PATHS = List.of("WEB-INF/undertow-handlers.conf", "META-INF/undertow-handlers.conf");
    private static final String SAME_SITE = "samesite-cookie";
    /** Lines read per file: the files are a handful of lines; a longer one is not a handler file we read further. */
    private static final int MAX_LINES = 2_000;

    /** One unconditional {@code samesite-cookie(...)} handler: its mode, name pattern (null: every cookie), line. */
    public static final class SameSiteHandler {
        public final String mode;
        public final String cookiePattern;
        public final boolean caseSensitive;
        final int line;

        SameSiteHandler(String mode, String cookiePattern, boolean caseSensitive, int line) {
            this.mode = mode;
            this.cookiePattern = cookiePattern;
            this.caseSensitive = caseSensitive;
            this.line = line;
        }
    }

    private UndertowHandlersConf() {
    }

    static boolean isHandlersConf(String resourceName) {
        for (String path : PATHS) {
            if (resourceName.equals(path) || resourceName.endsWith("/" + path)) {
                return true;
            }
        }
        return false;
    }

    /** The unconditional SameSite handlers of the file, in line order. */
    static List<SameSiteHandler> sameSiteHandlers(SettingsResource file) {
        List<SameSiteHandler> handlers = new ArrayList<>();
        List<String> lines = file.lines();
        int depth = 0;
        for (int i = 0; i < lines.size() && i < MAX_LINES; i++) {
            String line = withoutComment(lines.get(i)).trim();
            boolean topLevel = depth == 0;
            depth = Math.max(0, depth + count(line, '{') - count(line, '}'));
            if (!topLevel || line.isEmpty() || line.contains("{")) {
                continue;
            }
            String handlerPart = unconditionalPart(line);
            if (handlerPart == null) {
                continue;
            }
            for (String handler : splitOutside(handlerPart, ';')) {
                SameSiteHandler read = readSameSite(handler.trim(), i + 1);
                if (read != null) {
                    handlers.add(read);
                }
            }
        }
        return handlers;
    }

    /**
     * A {@code samesite-cookie(mode=None)} that sends every cookie it reaches SameSite=None: a finding at its line
     * (a protective mode is a policy: {@link #sameSiteHandlers(IClassPath)}).
     */
    static List<SettingFinding> judge(SettingsResource file) {
        List<SettingFinding> findings = new ArrayList<>();
        for (SameSiteHandler handler : sameSiteHandlers(file)) {
            if (CookiePolicyCatalogue.isNone(handler.mode)) {
                findings.add(new SettingFinding("COOKIE_MISSING_SAMESITE", Priorities.NORMAL_PRIORITY, file, handler.line,
                        (handler.cookiePattern == null ? "every cookie of the deployment, the session cookie included"
                                : "the cookies matching \"" + handler.cookiePattern + "\"")
                                + " (" + SAME_SITE + "(mode=None): sent on every cross-site request)",
                        SAME_SITE + "(mode=Lax) (or Strict), and SameSite=None on the cookies that must travel cross-site"
                                + " only"));
            }
        }
        return findings;
    }

    /**
     * The unconditional SameSite handlers of the analysed applications' {@code undertow-handlers.conf} files (one
     * lookup per path and application code base), sorted by mode and pattern.
     */
    public static List<SameSiteHandler> sameSiteHandlers(IClassPath classPath) throws IOException {
        List<SameSiteHandler> handlers = new ArrayList<>();
        for (String path : PATHS) {
            for (SettingsResource file : CodeBaseResources.applicationFiles(classPath, path, codeBase -> true)) {
                if (file.text().contains(SAME_SITE)) {
                    handlers.addAll(sameSiteHandlers(file));
                }
            }
        }
        handlers.sort(Comparator.comparing((SameSiteHandler h) -> h.mode)
                .thenComparing(h -> String.valueOf(h.cookiePattern)));
        return handlers;
    }

    /** The handler text of a line that applies to every request: the line, or what follows {@code true ->}; else null. */
    private static String unconditionalPart(String line) {
        int arrow = indexOutside(line, "->");
        if (arrow < 0) {
            return line;
        }
        String predicate = line.substring(0, arrow).trim();
        String handlers = line.substring(arrow + 2).trim();
        // "predicate -> handler : else-handler": the else branch runs on the requests the predicate leaves out.
        return "true".equals(predicate) && indexOutside(handlers, ":") < 0 ? handlers : null;
    }

    /** {@code samesite-cookie(mode=Lax, cookie-pattern='x.*')} read, or null for another handler or an unknown form. */
    private static SameSiteHandler readSameSite(String handler, int line) {
        if (!handler.startsWith(SAME_SITE) || !handler.endsWith(")")) {
            return null;
        }
        String rest = handler.substring(SAME_SITE.length()).trim();
        if (!rest.startsWith("(")) {
            return null;
        }
        String mode = null;
        String pattern = null;
        boolean caseSensitive = true;
        for (String argument : splitOutside(rest.substring(1, rest.length() - 1), ',')) {
            int equals = indexOutside(argument, "=");
            String name = equals < 0 ? "mode" : argument.substring(0, equals).trim();
            String value = unquoted(equals < 0 ? argument : argument.substring(equals + 1));
            if (name.equals("mode")) {
                mode = value;
            } else if (name.equals("cookie-pattern")) {
                pattern = value.isEmpty() ? null : value;
            } else if (name.equals("case-sensitive")) {
                caseSensitive = !"false".equals(value.toLowerCase(Locale.ROOT));
            }
        }
        return mode == null || mode.isEmpty() ? null : new SameSiteHandler(mode, pattern, caseSensitive, line);
    }

    private static String unquoted(String text) {
        String value = text.trim();
        if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'")
                || value.startsWith("\"") && value.endsWith("\""))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** The line before a {@code #} that is not inside quotes. */
    private static String withoutComment(String line) {
        int hash = indexOutside(line, "#");
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static int count(String text, char c) {
        int n = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quote != 0) {
                quote = ch == quote ? 0 : quote;
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
            } else if (ch == c) {
                n++;
            }
        }
        return n;
    }

    /** The first index of {@code token} outside quotes and parentheses, or -1. */
    private static int indexOutside(String text, String token) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quote != 0) {
                quote = ch == quote ? 0 : quote;
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && text.startsWith(token, i)) {
                return i;
            }
        }
        return -1;
    }

    /** The parts of {@code text} between separators outside quotes and parentheses. */
    private static List<String> splitOutside(String text, char separator) {
        List<String> parts = new ArrayList<>();
        String rest = text;
        for (int index = indexOutside(rest, String.valueOf(separator)); index >= 0;
                index = indexOutside(rest, String.valueOf(separator))) {
            parts.add(rest.substring(0, index));
            rest = rest.substring(index + 1);
        }
        parts.add(rest);
        return parts;
    }
}
