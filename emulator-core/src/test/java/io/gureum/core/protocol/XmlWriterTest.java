package io.gureum.core.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** XmlWriter builds documents in a builder each thread reuses: the bytes are UTF-8 as before, and writers keep apart. */
class XmlWriterTest {
    private static String text(XmlWriter w) {
        return new String(w.toBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void encodesUtf8AsStringGetBytesDoes() {
        String value = "a<b>&\"c\" é ü 한글 \uD83D\uDE00 lone \uD800 end \uDC00";
        byte[] bytes = new XmlWriter().start("v").text(value).end("v").toBytes();
        String expected = "<v>a&lt;b&gt;&amp;\"c\" é ü 한글 \uD83D\uDE00 lone \uD800 end \uDC00</v>";
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), bytes);
    }

    @Test
    void escapesAttributesAndControlCharacters() {
        XmlWriter w = new XmlWriter().startWithAttributes("e", "k", "q\"\n\t\r<", "x", "1").text("\u0001\r\n\uFFFE")
                .end("e").empty("f").start("g", "urn:x\"y").end("g");
        assertEquals("<e k=\"q&quot;&#xA;&#x9;&#xD;&lt;\" x=\"1\">\uFFFD&#xD;\n\uFFFD</e><f/><g xmlns=\"urn:x&quot;y\"></g>",
                text(w));
    }

    @Test
    void aWriterUsedAfterToBytesNeverSharesTheReusedBuilder() {
        XmlWriter first = new XmlWriter().element("a", "1");
        byte[] firstBytes = first.toBytes();
        XmlWriter second = new XmlWriter().element("b", "2"); // takes the buffer first gave back
        first.element("c", "3"); // writes on after toBytes: into its own copy
        assertEquals("<a>1</a>", new String(firstBytes, StandardCharsets.UTF_8));
        assertEquals("<b>2</b>", text(second));
        assertEquals("<a>1</a><c>3</c>", text(first));
        assertEquals("<a>1</a><c>3</c>", text(first)); // twice: the same bytes
        XmlWriter third = new XmlWriter().element("d", "4");
        assertEquals("<d>4</d>", third.toString());
        assertEquals("<a>1</a>", new String(firstBytes, StandardCharsets.UTF_8));
    }

    @Test
    void nestedWritersOnOneThreadKeepApart() {
        XmlWriter outer = new XmlWriter().start("outer");
        XmlWriter inner = new XmlWriter().element("inner", "x");
        outer.text("y");
        assertEquals("<inner>x</inner>", text(inner));
        assertEquals("<outer>y</outer>", text(outer.end("outer")));
    }

    @Test
    void growsPastTheStartingBuffer() {
        String big = "x".repeat(5000) + "é".repeat(3000);
        assertArrayEquals(("<v>" + big + "</v>").getBytes(StandardCharsets.UTF_8),
                new XmlWriter().element("v", big).toBytes());
    }
}
