package io.gureum.dynamodb;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Amazon Ion text as DynamoDB exports and imports it: one {@code {Item:{...}}} struct per line; numbers as
 * decimals, binaries as blobs, sets as lists annotated {@code $dynamodb_SS}, {@code $dynamodb_NS},
 * {@code $dynamodb_BS} (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.Output.html).
 * The reader knows the part of Ion those files use, plus ints, floats and symbols.
 */
final class IonText {
    private IonText() {
    }

    // ---- writing ----

    static String item(Map<String, AttributeValue> item) {
        StringBuilder b = new StringBuilder("{Item:");
        struct(b, item);
        return b.append('}').toString();
    }

    /** An incremental export line in Ion. */
    static String delta(PointInTimeRecovery.Delta d, boolean newOnly) {
        StringBuilder b = new StringBuilder("{Metadata:{WriteTimestampMicros:");
        b.append(d.written().toEpochMilli() * 1000).append(".},Keys:");
        struct(b, d.key());
        if (d.newImage() != null) {
            b.append(",NewImage:");
            struct(b, d.newImage());
        }
        if (!newOnly && d.oldImage() != null) {
            b.append(",OldImage:");
            struct(b, d.oldImage());
        }
        return b.append('}').toString();
    }

    private static void struct(StringBuilder b, Map<String, AttributeValue> m) {
        b.append('{');
        boolean first = true;
        for (Map.Entry<String, AttributeValue> e : m.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            string(b, e.getKey());
            b.append(':');
            value(b, e.getValue());
        }
        b.append('}');
    }

    private static void value(StringBuilder b, AttributeValue v) {
        if (v.s() != null) {
            string(b, v.s());
        } else if (v.n() != null) {
            b.append(decimal(v.n()));
        } else if (v.b() != null) {
            blob(b, v.b());
        } else if (v.bool() != null) {
            b.append(v.bool());
        } else if (Boolean.TRUE.equals(v.nul())) {
            b.append("null");
        } else if (v.hasSs()) {
            b.append("$dynamodb_SS::[");
            join(b, v.ss(), x -> string(b, x));
        } else if (v.hasNs()) {
            b.append("$dynamodb_NS::[");
            join(b, v.ns(), x -> b.append(decimal(x)));
        } else if (v.hasBs()) {
            b.append("$dynamodb_BS::[");
            join(b, v.bs(), x -> blob(b, x));
        } else if (v.hasM()) {
            struct(b, v.m());
        } else if (v.hasL()) {
            b.append('[');
            join(b, v.l(), x -> value(b, x));
        }
    }

    private static <T> void join(StringBuilder b, List<T> values, java.util.function.Consumer<T> each) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            each.accept(values.get(i));
        }
        b.append(']');
    }

    /** An Ion decimal: {@code 1.}, {@code 1.5}, {@code 1d30}. */
    static String decimal(String n) {
        BigDecimal d = new BigDecimal(n);
        if (d.scale() > 0) {
            return d.toPlainString();
        }
        if (d.scale() == 0) {
            return d.toPlainString() + ".";
        }
        return d.unscaledValue() + "d" + (-d.scale());
    }

    private static void blob(StringBuilder b, SdkBytes bytes) {
        b.append("{{").append(Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe())).append("}}");
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    // ---- reading ----

    /** The items of an Ion text file: every top-level {@code {Item:{...}}}. */
    static List<Map<String, AttributeValue>> items(String text) {
        Reader r = new Reader(text);
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        while (r.skipSpace()) {
            Object v = r.value();
            if (v instanceof AttributeValue av && av.hasM() && av.m().get("Item") != null && av.m().get("Item").hasM()) {
                out.add(av.m().get("Item").m());
            } else if (!(v instanceof String)) { // a bare symbol such as $ion_1_0
                throw new IllegalArgumentException("Expected a struct with an Item field");
            }
        }
        return out;
    }

    private static final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = s;
        }

        boolean skipSpace() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c) || c == ',') {
                    i++;
                } else if (s.startsWith("//", i)) {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        i++;
                    }
                } else if (s.startsWith("/*", i)) {
                    int end = s.indexOf("*/", i + 2);
                    i = end < 0 ? s.length() : end + 2;
                } else {
                    return true;
                }
            }
            return false;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at offset " + i);
        }

        /** An AttributeValue, or a String for a bare symbol. */
        Object value() {
            skipSpace();
            String annotation = null;
            int save = i;
            String sym = symbolText();
            if (sym != null) {
                skipSpace();
                if (s.startsWith("::", i)) {
                    i += 2;
                    annotation = sym;
                    skipSpace();
                } else {
                    i = save;
                }
            }
            char c = s.charAt(i);
            if (c == '{' && s.startsWith("{{", i)) {
                int end = s.indexOf("}}", i);
                String b64 = s.substring(i + 2, end).replaceAll("\\s", "");
                i = end + 2;
                return AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(b64)));
            }
            if (c == '{') {
                i++;
                Map<String, AttributeValue> m = new LinkedHashMap<>();
                while (true) {
                    skipSpace();
                    if (s.charAt(i) == '}') {
                        i++;
                        return AttributeValue.fromM(m);
                    }
                    String name = s.charAt(i) == '"' ? quoted('"') : symbolText();
                    if (name == null) {
                        throw error("Expected a field name");
                    }
                    skipSpace();
                    if (s.charAt(i) != ':') {
                        throw error("Expected ':'");
                    }
                    i++;
                    Object v = value();
                    m.put(name, v instanceof AttributeValue av ? av : AttributeValue.fromS((String) v));
                }
            }
            if (c == '[') {
                i++;
                List<AttributeValue> l = new ArrayList<>();
                while (true) {
                    skipSpace();
                    if (s.charAt(i) == ']') {
                        i++;
                        return list(annotation, l);
                    }
                    Object v = value();
                    l.add(v instanceof AttributeValue av ? av : AttributeValue.fromS((String) v));
                }
            }
            if (c == '"') {
                return AttributeValue.fromS(quoted('"'));
            }
            if (c == '\'' && s.startsWith("'''", i)) {
                StringBuilder b = new StringBuilder();
                while (s.startsWith("'''", i)) {
                    i += 3;
                    int end = s.indexOf("'''", i);
                    b.append(unescape(s.substring(i, end)));
                    i = end + 3;
                    skipSpace();
                }
                return AttributeValue.fromS(b.toString());
            }
            if (c == '-' || Character.isDigit(c)) {
                int start = i;
                while (i < s.length() && "0123456789.-+eEdD_".indexOf(s.charAt(i)) >= 0) {
                    i++;
                }
                String n = s.substring(start, i).replace("_", "").replace('d', 'E').replace('D', 'E');
                if (n.endsWith(".")) {
                    n = n.substring(0, n.length() - 1);
                }
                return AttributeValue.fromN(new BigDecimal(n).toString());
            }
            String word = symbolText();
            if (word == null) {
                throw error("Unexpected character '" + c + "'");
            }
            if (word.equals("true") || word.equals("false")) {
                return AttributeValue.fromBool(Boolean.parseBoolean(word));
            }
            if (word.equals("null") || word.startsWith("null.")) {
                return AttributeValue.fromNul(true);
            }
            return word;
        }

        private static AttributeValue list(String annotation, List<AttributeValue> l) {
            if ("$dynamodb_SS".equals(annotation)) {
                return AttributeValue.fromSs(l.stream().map(AttributeValue::s).toList());
            }
            if ("$dynamodb_NS".equals(annotation)) {
                return AttributeValue.fromNs(l.stream().map(AttributeValue::n).toList());
            }
            if ("$dynamodb_BS".equals(annotation)) {
                return AttributeValue.fromBs(l.stream().map(AttributeValue::b).toList());
            }
            return AttributeValue.fromL(l);
        }

        /** A bare or 'quoted' symbol, or null. */
        private String symbolText() {
            if (i >= s.length()) {
                return null;
            }
            char c = s.charAt(i);
            if (c == '\'' && !s.startsWith("'''", i)) {
                return quoted('\'');
            }
            if (Character.isLetter(c) || c == '_' || c == '$') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$'
                        || s.charAt(i) == '.')) {
                    i++;
                }
                return s.substring(start, i);
            }
            return null;
        }

        private String quoted(char q) {
            int start = ++i;
            while (s.charAt(i) != q) {
                i += s.charAt(i) == '\\' ? 2 : 1;
            }
            String raw = s.substring(start, i);
            i++;
            return unescape(raw);
        }

        private static String unescape(String raw) {
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < raw.length(); k++) {
                char c = raw.charAt(k);
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = raw.charAt(++k);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'x' -> {
                        b.append((char) Integer.parseInt(raw.substring(k + 1, k + 3), 16));
                        k += 2;
                    }
                    case 'u' -> {
                        b.append((char) Integer.parseInt(raw.substring(k + 1, k + 5), 16));
                        k += 4;
                    }
                    default -> b.append(e);
                }
            }
            return b.toString();
        }
    }
}
