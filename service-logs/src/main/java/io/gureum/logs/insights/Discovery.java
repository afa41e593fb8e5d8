package io.gureum.logs.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of a record before any command runs: the system fields {@code @timestamp}, {@code @message},
 * {@code @logStream}, {@code @log}, {@code @ingestionTime}, and, for a message that is a JSON object, its
 * fields flattened with dots ({@code request.path}) and array indexes ({@code items.0}), at most 200 of them
 * (CWL_AnalyzeLogData-discoverable-fields.html).
 */
final class Discovery {
    static final int MAX_JSON_FIELDS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Discovery() {
    }

    static Map<String, Object> fields(LogRecord r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("@timestamp", Instant.ofEpochMilli(r.timestamp()));
        row.put("@message", r.message());
        row.put("@logStream", r.logStream());
        row.put("@log", r.log());
        row.put("@ingestionTime", Instant.ofEpochMilli(r.ingestionTime()));
        String m = r.message().strip();
        if (m.startsWith("REPORT RequestId: ") || m.startsWith("START RequestId: ") || m.startsWith("END RequestId: ")) {
            lambda(m, row);
        }
        if (m.startsWith("{")) {
            try {
                JsonNode tree = JSON.readTree(m);
                if (tree != null && tree.isObject()) {
                    flatten("", tree, row, new int[] {0});
                }
            } catch (java.io.IOException notJson) {
                // a message that only looks like JSON has no discovered fields
            }
        }
        return row;
    }

    private static final java.util.regex.Pattern LAMBDA_FIELD = java.util.regex.Pattern
            .compile("(RequestId|Duration|Billed Duration|Memory Size|Max Memory Used|Init Duration): ([^\\t]+?)(?:\\t|$)");

    /**
     * Lambda's platform lines: {@code @type} (START, END, REPORT), {@code @requestId}, and from REPORT
     * {@code @duration}, {@code @billedDuration}, {@code @initDuration} (milliseconds) and {@code @memorySize},
     * {@code @maxMemoryUsed} (bytes, counting a MB as 1,000,000 as the documented sample queries divide them).
     */
    private static void lambda(String m, Map<String, Object> row) {
        row.put("@type", m.substring(0, m.indexOf(' ')));
        java.util.regex.Matcher f = LAMBDA_FIELD.matcher(m);
        while (f.find()) {
            String value = f.group(2).trim();
            switch (f.group(1)) {
                case "RequestId" -> row.put("@requestId", value.split(" ")[0]);
                case "Duration" -> putNumber(row, "@duration", value, 1);
                case "Billed Duration" -> putNumber(row, "@billedDuration", value, 1);
                case "Init Duration" -> putNumber(row, "@initDuration", value, 1);
                case "Memory Size" -> putNumber(row, "@memorySize", value, 1_000_000);
                default -> putNumber(row, "@maxMemoryUsed", value, 1_000_000);
            }
        }
    }

    private static void putNumber(Map<String, Object> row, String field, String value, double scale) {
        try {
            row.put(field, Double.parseDouble(value.split(" ")[0]) * scale);
        } catch (NumberFormatException e) {
            // a line that only looks like Lambda's keeps the fields it has
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Object> row, int[] count) {
        if (count[0] >= MAX_JSON_FIELDS) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), row, count);
            }
        } else if (node.isArray()) {
            for (int k = 0; k < node.size(); k++) {
                flatten(prefix + "." + k, node.get(k), row, count);
            }
        } else if (!node.isNull() && !row.containsKey(prefix)) {
            row.put(prefix, node.isNumber() ? (Object) node.doubleValue()
                    : node.isBoolean() ? (Object) node.booleanValue() : node.asText());
            count[0]++;
        }
    }
}
