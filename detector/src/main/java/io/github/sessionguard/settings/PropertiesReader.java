package io.github.sessionguard.settings;

import io.github.sessionguard.catalogue.BootSessionKeys;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code .properties} file the way {@code java.util.Properties} does (comments, continuation
 * lines, {@code =}/{@code :}/blank separators, escapes) but keeps the line of every key, and splits
 * Spring Boot multi-document files at {@code #---}/{@code !---}, each document's profile taken from its
 * {@code spring.config.activate.on-profile} (or legacy {@code spring.profiles}).
 */
final class PropertiesReader {
    private PropertiesReader() {
    }

    static List<BootProperty> read(SettingsResource resource, String fileProfile) {
        List<BootProperty> all = new ArrayList<>();
        List<String[]> document = new ArrayList<>(); // key, value, line
        List<String> lines = resource.lines();
        int i = 0;
        while (i < lines.size()) {
            int startLine = i + 1;
            String line = stripLeading(lines.get(i));
            i++;
            if (line.equals("#---") || line.equals("!---")) {
                flush(document, resource, fileProfile, all);
                continue;
            }
            if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == '!') {
                continue;
            }
            StringBuilder logical = new StringBuilder();
            while (true) {
                if (endsWithContinuation(line) && i < lines.size()) {
                    logical.append(line, 0, line.length() - 1);
                    line = stripLeading(lines.get(i));
                    i++;
                } else {
                    logical.append(line);
                    break;
                }
            }
            String[] pair = split(logical.toString());
            document.add(new String[] {pair[0], pair[1], Integer.toString(startLine)});
        }
        flush(document, resource, fileProfile, all);
        return all;
    }

    private static void flush(List<String[]> document, SettingsResource resource, String fileProfile,
            List<BootProperty> all) {
        String profile = fileProfile;
        for (String[] entry : document) {
            if (BootSessionKeys.isProfileActivation(entry[0])) {
                profile = BootSessionKeys.combineProfiles(fileProfile, entry[1]);
            }
        }
        for (String[] entry : document) {
            all.add(new BootProperty(entry[0], entry[1], resource, Integer.parseInt(entry[2]), profile));
        }
        document.clear();
    }

    private static String stripLeading(String line) {
        int start = 0;
        while (start < line.length() && (line.charAt(start) == ' ' || line.charAt(start) == '\t'
                || line.charAt(start) == '\f')) {
            start++;
        }
        return line.substring(start);
    }

    private static boolean endsWithContinuation(String line) {
        int slashes = 0;
        for (int j = line.length() - 1; j >= 0 && line.charAt(j) == '\\'; j--) {
            slashes++;
        }
        return slashes % 2 == 1;
    }

    private static String[] split(String logical) {
        int keyEnd = 0;
        boolean escaped = false;
        for (; keyEnd < logical.length(); keyEnd++) {
            char c = logical.charAt(keyEnd);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '=' || c == ':' || c == ' ' || c == '\t' || c == '\f') {
                break;
            }
        }
        int valueStart = keyEnd;
        while (valueStart < logical.length() && (logical.charAt(valueStart) == ' ' || logical.charAt(valueStart) == '\t'
                || logical.charAt(valueStart) == '\f')) {
            valueStart++;
        }
        if (valueStart < logical.length() && (logical.charAt(valueStart) == '=' || logical.charAt(valueStart) == ':')) {
            valueStart++;
            while (valueStart < logical.length() && (logical.charAt(valueStart) == ' '
                    || logical.charAt(valueStart) == '\t' || logical.charAt(valueStart) == '\f')) {
                valueStart++;
            }
        }
        return new String[] {unescape(logical.substring(0, keyEnd)), unescape(logical.substring(valueStart))};
    }

    private static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int j = 0; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c != '\\' || j + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++j);
            switch (next) {
            case 't':
                out.append('\t');
                break;
            case 'n':
                out.append('\n');
                break;
            case 'r':
                out.append('\r');
                break;
            case 'f':
                out.append('\f');
                break;
            case 'u':
                if (j + 4 < text.length()) {
                    try {
                        out.append((char) Integer.parseInt(text.substring(j + 1, j + 5), 16));
                        j += 4;
                        break;
                    } catch (NumberFormatException e) {
                        // java.util.Properties rejects a malformed \\u escape; keep the text as written.
                        out.append('u');
                        break;
                    }
                }
                out.append('u');
                break;
            default:
                out.append(next);
            }
        }
        return out.toString();
    }
}
