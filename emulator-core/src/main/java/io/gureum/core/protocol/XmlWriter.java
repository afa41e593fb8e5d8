package io.gureum.core.protocol;

import java.nio.charset.StandardCharsets;

/** A minimal streaming XML writer: elements, escaped text, attributes. Not thread-safe. */
public final class XmlWriter {
    private final StringBuilder out = new StringBuilder(1024);

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

    /** An element with no content, {@code <name/>}. */
    public XmlWriter empty(String name) {
        out.append('<').append(name).append("/>");
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
        int start = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String replacement = replacement(c, attribute);
            if (replacement != null) {
                out.append(s, start, i).append(replacement);
                start = i + 1;
            }
        }
        out.append(s, start, n);
    }

    /**
     * What a character is written as, or null when it stands for itself. XML 1.0 cannot carry most
     * control characters even as references, so they become U+FFFD and the document stays parseable.
     */
    private static String replacement(char c, boolean attribute) {
        if (c >= 0x3f) {
            return c == '\uFFFE' || c == '\uFFFF' ? "\uFFFD" : null;
        }
        return switch (c) {
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '&' -> "&amp;";
            case '"' -> attribute ? "&quot;" : null;
            case '\r' -> "&#xD;";
            case '\n' -> attribute ? "&#xA;" : null;
            case '\t' -> attribute ? "&#x9;" : null;
            default -> c < 0x20 ? "\uFFFD" : null;
        };
    }

    public byte[] toBytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
