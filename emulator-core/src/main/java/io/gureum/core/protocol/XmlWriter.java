package io.gureum.core.protocol;

import java.nio.charset.StandardCharsets;

/** A minimal streaming XML writer: elements, escaped text, attributes. Not thread-safe. */
public final class XmlWriter {
    private final StringBuilder out = new StringBuilder(512);

    public XmlWriter declaration() {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        return this;
    }

    public XmlWriter start(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    public XmlWriter start(String name, String xmlns) {
        if (xmlns == null) {
            return start(name);
        }
        out.append('<').append(name).append(" xmlns=\"");
        escape(xmlns, true);
        out.append("\">");
        return this;
    }

    /** Opens an element with attributes given as name, value pairs. */
    public XmlWriter startWithAttributes(String name, String... attributes) {
        out.append('<').append(name);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("=\"");
            escape(attributes[i + 1], true);
            out.append('"');
        }
        out.append('>');
        return this;
    }

    public XmlWriter end(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    public XmlWriter text(String text) {
        escape(text, false);
        return this;
    }

    public XmlWriter element(String name, String text) {
        start(name);
        if (text != null) {
            escape(text, false);
        }
        return end(name);
    }

    private void escape(String s, boolean attribute) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\r' -> out.append("&#xD;");
                case '\n' -> out.append(attribute ? "&#xA;" : "\n");
                default -> {
                    if (c < 0x20 && c != '\t') {
                        out.append("&#x").append(Integer.toHexString(c)).append(';');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    public byte[] toBytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
