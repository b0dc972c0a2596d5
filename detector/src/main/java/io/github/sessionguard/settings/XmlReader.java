package io.github.sessionguard.settings;

import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Parses a settings XML file into {@link XmlElement}s with the line of each start tag. The parser never
 * fetches anything: DTDs (old {@code web.xml} files declare one) and external entities are not loaded.
 */
final class XmlReader {
    static final int MAX_DEPTH = 64;

    private XmlReader() {
    }

    /** The root element, or null for a file that is not well-formed XML. */
    static XmlElement parse(SettingsResource resource) throws SAXException, IOException {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            SAXParser parser = factory.newSAXParser();
            Handler handler = new Handler();
            parser.parse(new InputSource(new StringReader(resource.text())), handler);
            return handler.root;
        } catch (ParserConfigurationException e) {
            throw new SAXException("SessionGuard: no usable XML parser", e);
        }
    }

    private static final class Handler extends DefaultHandler {
        private final Deque<XmlElement> open = new ArrayDeque<>();
        private Locator locator;
        private XmlElement root;

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public InputSource resolveEntity(String publicId, String systemId) {
            return new InputSource(new StringReader(""));
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < attributes.getLength(); i++) {
                String name = attributes.getLocalName(i);
                values.put(name == null || name.isEmpty() ? attributes.getQName(i) : name, attributes.getValue(i));
                String namespace = attributes.getURI(i);
                if (namespace != null && !namespace.isEmpty() && name != null && !name.isEmpty()) {
                    // Also by its namespace: Spring's p:secure="true" is a property, not the bean's own attribute.
                    values.put(XmlElement.qualified(namespace, name), attributes.getValue(i));
                }
            }
            String name = localName == null || localName.isEmpty() ? qName : localName;
            XmlElement element = new XmlElement(uri, name, values, locator == null ? 1 : locator.getLineNumber());
            if (open.size() < MAX_DEPTH) {
                if (open.isEmpty()) {
                    root = element;
                } else {
                    open.peek().children.add(element);
                }
            }
            open.push(element);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            open.pop();
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (!open.isEmpty()) {
                open.peek().text.append(ch, start, length);
            }
        }
    }
}
