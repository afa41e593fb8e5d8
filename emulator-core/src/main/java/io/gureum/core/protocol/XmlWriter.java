package io.gureum.core.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal streaming XML writer: elements, escaped text, attributes. Not thread-safe.
 *
 * <p>It writes into a {@code StringBuilder} that each thread reuses from one response to the next: {@link #toBytes()}
 * encodes the document and hands the builder back. A new 1 KiB builder per response was the largest single allocation
 * of an S3 {@code ListBuckets} (issue #20). (Encoding UTF-8 by hand into a reused byte array saved the document's
 * string as well, but cost more CPU than the JDK's own copying and encoding.)
 */
public final class XmlWriter {
    /** Builders up to this capacity are kept for the thread's next writer; a larger one (a big listing) is dropped. */
    private static final int KEEP_AT_MOST = 64 * 1024;
    private static final ThreadLocal<StringBuilder> SPARE = new ThreadLocal<>();

    /** The document so far; null once {@link #toBytes()} gave the builder back, until written to again. */
    private StringBuilder out;
    /** The bytes {@link #toBytes()} returned, while {@link #out} is null. */
    private byte[] done;

    public XmlWriter() {
        StringBuilder spare = SPARE.get();
        if (spare != null) {
            SPARE.set(null); // this writer's until toBytes: a writer started meanwhile gets its own
            spare.setLength(0);
            out = spare;
        } else {
            out = new StringBuilder(1024);
        }
    }

    /** The builder to append to; after {@link #toBytes()}, a new one holding the document so far. */
    private StringBuilder out() {
        StringBuilder b = out;
        if (b == null) {
            b = new StringBuilder(new String(done, StandardCharsets.UTF_8));
            out = b;
            done = null;
        }
        return b;
    }

    public XmlWriter declaration() {
        out().append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        return this;
    }

    public XmlWriter start(String name) {
        out().append('<').append(name).append('>');
        return this;
    }

    public XmlWriter start(String name, String xmlns) {
        if (xmlns == null) {
            return start(name);
        }
        out().append('<').append(name).append(" xmlns=\"");
        escape(xmlns, true);
        out.append("\">");
        return this;
    }

    /** Opens an element with attributes given as name, value pairs. */
    public XmlWriter startWithAttributes(String name, String... attributes) {
        out().append('<').append(name);
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
        out().append('<').append(name).append("/>");
        return this;
    }

    public XmlWriter end(String name) {
        out().append("</").append(name).append('>');
        return this;
    }

    public XmlWriter text(String text) {
        out();
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

    /** Appends {@code s} escaped; {@link #out} is set (every caller has called {@link #out()}). */
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

    /**
     * The document in UTF-8. The builder goes back to the thread for its next writer; this writer keeps the returned
     * bytes as its content, so writing on afterwards (which no codec does) starts a builder of its own from them, and
     * a second call returns a copy.
     */
    public byte[] toBytes() {
        StringBuilder b = out;
        if (b == null) {
            return Arrays.copyOf(done, done.length);
        }
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        if (b.capacity() <= KEEP_AT_MOST) {
            SPARE.set(b);
        }
        out = null;
        done = bytes;
        return bytes;
    }

    @Override
    public String toString() {
        return out == null ? new String(done, StandardCharsets.UTF_8) : out.toString();
    }
}
