package io.github.sessionguard.settings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** One element of a settings XML file: name, namespace, attributes, text and the line of its start tag. */
final class XmlElement {
    final String namespace;
    final String localName;
    final Map<String, String> attributes;
    final int line;
    final List<XmlElement> children = new ArrayList<>();
    final StringBuilder text = new StringBuilder();

    XmlElement(String namespace, String localName, Map<String, String> attributes, int line) {
        this.namespace = namespace;
        this.localName = localName;
        this.attributes = attributes;
        this.line = line;
    }

    String text() {
        return text.toString().trim();
    }

    String attribute(String name) {
        return attributes.get(name);
    }

    /** The key of an attribute in a namespace ({@code {uri}local}), as the reader also stores it. */
    static String qualified(String namespace, String localName) {
        return "{" + namespace + "}" + localName;
    }

    List<XmlElement> children(String name) {
        List<XmlElement> found = new ArrayList<>();
        for (XmlElement child : children) {
            if (child.localName.equals(name)) {
                found.add(child);
            }
        }
        return found.isEmpty() ? Collections.emptyList() : found;
    }

    XmlElement child(String name) {
        for (XmlElement child : children) {
            if (child.localName.equals(name)) {
                return child;
            }
        }
        return null;
    }

    /** Every element of this subtree named {@code name}, this one included, in document order. */
    void collect(String name, List<XmlElement> out, int depth) {
        if (depth > XmlReader.MAX_DEPTH) {
            return;
        }
        if (localName.equals(name)) {
            out.add(this);
        }
        for (XmlElement child : children) {
            child.collect(name, out, depth + 1);
        }
    }
}
