package io.gureum.logs.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import software.amazon.awssdk.services.cloudwatchlogs.model.CSV;
import software.amazon.awssdk.services.cloudwatchlogs.model.ParseJSON;
import software.amazon.awssdk.services.cloudwatchlogs.model.ParseKeyValue;

/**
 * The configurable parsers (CloudWatch-Logs-Transformation-Configurable.html): parseJSON, grok, csv and
 * parseKeyValue. Each reads {@code source} (default {@code @message}) and puts what it extracted under
 * {@code destination}, or at the event's root.
 */
final class Parsers {
    private Parsers() {
    }

    static void parseJson(TransformEvent event, ParseJSON p) {
        JsonNode parsed;
        try {
            parsed = TransformEvent.JSON.readTree(text(event, p.source()));
        } catch (java.io.IOException e) {
            throw new TransformFailed("The source is not JSON.");
        }
        if (parsed == null || !parsed.isObject()) {
            throw new TransformFailed("The source is not a JSON object.");
        }
        place(event, p.source(), p.destination(), (ObjectNode) parsed);
    }

    static void grok(TransformEvent event, software.amazon.awssdk.services.cloudwatchlogs.model.Grok p) {
        Grok grok = Grok.compile(p.match());
        Matcher m = grok.regex.matcher(text(event, p.source()));
        if (!m.find()) {
            throw new TransformFailed("The grok pattern does not match.");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Grok.Field f : grok.fields) {
            String value = m.group(f.group());
            if (value == null) {
                continue;
            }
            JsonNode node = TextNode.valueOf(value);
            try {
                if ("int".equals(f.type())) {
                    node = LongNode.valueOf(Long.parseLong(value));
                } else if ("float".equals(f.type())) {
                    node = DoubleNode.valueOf(Double.parseDouble(value));
                }
            } catch (NumberFormatException e) {
                // Left as text.
            }
            putPath(out, f.name(), node);
        }
        place(event, p.source(), null, out);
    }

    static void csv(TransformEvent event, CSV p) {
        String delimiter = p.delimiter() == null ? "," : p.delimiter().replace("\\t", "\t");
        char quote = p.quoteCharacter() == null || p.quoteCharacter().isEmpty() ? '"' : p.quoteCharacter().charAt(0);
        List<String> values = split(text(event, p.source()), delimiter, quote);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        List<String> columns = p.hasColumns() ? p.columns() : List.of();
        for (int i = 0; i < values.size(); i++) {
            out.put(i < columns.size() ? columns.get(i) : "column_" + (i + 1), values.get(i));
        }
        place(event, p.source(), p.destination(), out);
    }

    static void parseKeyValue(TransformEvent event, ParseKeyValue p) {
        String fields = p.fieldDelimiter() == null ? "&" : p.fieldDelimiter();
        String kv = p.keyValueDelimiter() == null ? "=" : p.keyValueDelimiter();
        String prefix = p.keyPrefix() == null ? "" : p.keyPrefix();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String pair : text(event, p.source()).split(java.util.regex.Pattern.quote(fields))) {
            if (pair.isEmpty()) {
                continue;
            }
            int at = pair.indexOf(kv);
            if (at < 0) {
                if (p.nonMatchValue() != null) {
                    out.put(prefix + pair, p.nonMatchValue());
                }
                continue;
            }
            out.put(prefix + pair.substring(0, at), pair.substring(at + kv.length()));
        }
        if (p.destination() != null) {
            event.put(p.destination(), out, p.overwriteIfExists());
            return;
        }
        if (isMessage(p.source()) && event.root == null) {
            event.root = out;
            return;
        }
        out.fields().forEachRemaining(e -> event.put(e.getKey(), e.getValue(), p.overwriteIfExists()));
    }

    /** The parsed object goes under {@code destination}; else it becomes the event (from @message) or joins its root. */
    private static void place(TransformEvent event, String source, String destination, ObjectNode parsed) {
        if (destination != null) {
            event.put(destination, parsed);
        } else if (isMessage(source) && event.root == null) {
            event.root = parsed;
        } else {
            parsed.fields().forEachRemaining(e -> event.root().set(e.getKey(), e.getValue()));
        }
    }

    private static boolean isMessage(String source) {
        return source == null || TransformEvent.MESSAGE.equals(source);
    }

    static String text(TransformEvent event, String source) {
        JsonNode node = event.get(source == null ? TransformEvent.MESSAGE : source);
        if (node == null) {
            throw new TransformFailed("The source " + source + " is not in the event.");
        }
        return node.isTextual() ? node.asText() : node.toString();
    }

    private static void putPath(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = node.get(parts[i]);
            node = next instanceof ObjectNode o ? o : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
    }

    /** Splits one CSV line: quoted values may hold the delimiter, a doubled quote is one quote. */
    static List<String> split(String line, String delimiter, char quote) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == quote && i + 1 < line.length() && line.charAt(i + 1) == quote) {
                    cur.append(quote);
                    i++;
                } else if (c == quote) {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == quote) {
                quoted = true;
            } else if (line.startsWith(delimiter, i)) {
                out.add(cur.toString());
                cur.setLength(0);
                i += delimiter.length() - 1;
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
