package io.gureum.core.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal streaming XML writer: elements, escaped text, attributes. Not thread-safe.
 *
 * <p>It writes UTF-8 straight into a byte buffer that each thread reuses from one response to the next
 * ({@link #toBytes()} copies the document out and hands the buffer back), so a response costs one array of its
 * own size: a {@code StringBuilder} of 1 KiB, its {@code String} and that string's bytes were three (issue #20).
 */
public final class XmlWriter {
    /** Buffers up to this size are kept for the thread's next writer; a larger one (a big listing) is dropped. */
    private static final int KEEP_AT_MOST = 64 * 1024;
    private static final ThreadLocal<byte[]> SPARE = new ThreadLocal<>();

    private byte[] buf;
    private int len;
    /** Whether {@link #buf} is scratch space of this writer's own (not bytes {@link #toBytes()} handed out). */
    private boolean scratch = true;

    public XmlWriter() {
        byte[] spare = SPARE.get();
        if (spare != null) {
            SPARE.set(null); // this writer's until toBytes: a writer started meanwhile gets its own
            buf = spare;
        } else {
            buf = new byte[1024];
        }
    }

    public XmlWriter declaration() {
        return raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    }

    public XmlWriter start(String name) {
        return raw('<').raw(name).raw('>');
    }

    public XmlWriter start(String name, String xmlns) {
        if (xmlns == null) {
            return start(name);
        }
        raw('<').raw(name).raw(" xmlns=\"");
        escape(xmlns, true);
        return raw("\">");
    }

    /** Opens an element with attributes given as name, value pairs. */
    public XmlWriter startWithAttributes(String name, String... attributes) {
        raw('<').raw(name);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            raw(' ').raw(attributes[i]).raw("=\"");
            escape(attributes[i + 1], true);
            raw('"');
        }
        return raw('>');
    }

    /** An element with no content, {@code <name/>}. */
    public XmlWriter empty(String name) {
        return raw('<').raw(name).raw("/>");
    }

    public XmlWriter end(String name) {
        return raw("</").raw(name).raw('>');
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
                append(s, start, i);
                append(replacement, 0, replacement.length());
                start = i + 1;
            }
        }
        append(s, start, n);
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

    private XmlWriter raw(char c) {
        if (len == buf.length) {
            grow(1);
        }
        buf[len++] = (byte) c; // markup characters only: ASCII
        return this;
    }

    private XmlWriter raw(String s) {
        append(s, 0, s.length());
        return this;
    }

    /**
     * {@code s[from, to)} in UTF-8, as {@link String#getBytes(java.nio.charset.Charset)} encodes it: a surrogate
     * without its pair becomes {@code '?'}.
     */
    private void append(String s, int from, int to) {
        if (buf.length - len < to - from) {
            grow(to - from);
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (len == buf.length) {
                    grow(to - i);
                }
                buf[len++] = (byte) c;
            } else {
                if (buf.length - len < 4) {
                    grow(4 + to - i);
                }
                if (c < 0x800) {
                    buf[len++] = (byte) (0xC0 | c >> 6);
                    buf[len++] = (byte) (0x80 | c & 0x3F);
                } else if (Character.isSurrogate(c)) {
                    char low = i + 1 < to ? s.charAt(i + 1) : 0;
                    if (Character.isHighSurrogate(c) && Character.isLowSurrogate(low)) {
                        int cp = Character.toCodePoint(c, low);
                        buf[len++] = (byte) (0xF0 | cp >> 18);
                        buf[len++] = (byte) (0x80 | cp >> 12 & 0x3F);
                        buf[len++] = (byte) (0x80 | cp >> 6 & 0x3F);
                        buf[len++] = (byte) (0x80 | cp & 0x3F);
                        i++;
                    } else {
                        buf[len++] = '?';
                    }
                } else {
                    buf[len++] = (byte) (0xE0 | c >> 12);
                    buf[len++] = (byte) (0x80 | c >> 6 & 0x3F);
                    buf[len++] = (byte) (0x80 | c & 0x3F);
                }
            }
        }
    }

    private void grow(int needed) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + needed));
        scratch = true;
    }

    /**
     * The document's bytes. The buffer goes back to the thread for its next writer; this writer keeps the
     * returned bytes as its content, so writing on afterwards copies them first and never touches the buffer.
     */
    public byte[] toBytes() {
        byte[] out = Arrays.copyOf(buf, len);
        if (scratch && buf.length <= KEEP_AT_MOST) {
            SPARE.set(buf);
        }
        buf = out;
        scratch = false;
        return out;
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }
}
