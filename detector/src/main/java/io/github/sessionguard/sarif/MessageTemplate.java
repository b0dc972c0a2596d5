package io.github.sessionguard.sarif;

import java.util.List;

/** SARIF message strings (3.11.5): {@code {n}} stands for argument n, {@code {{} / {}}} for braces. */
final class MessageTemplate {
    private MessageTemplate() {
    }

    /** The template with its placeholders replaced, or {@code null} if it names an argument that is missing. */
    static String format(String template, List<?> arguments) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < template.length() && template.charAt(i + 1) == c) {
                out.append(c);
                i += 2;
                continue;
            }
            if (c == '{') {
                int close = template.indexOf('}', i);
                String index = close < 0 ? "" : template.substring(i + 1, close);
                if (!index.matches("[0-9]{1,4}") || Integer.parseInt(index) >= arguments.size()) {
                    return null;
                }
                out.append(arguments.get(Integer.parseInt(index)));
                i = close + 1;
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }
}
