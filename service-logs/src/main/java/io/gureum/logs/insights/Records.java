package io.gureum.logs.insights;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A record's fields as GetLogRecord shows them: times in epoch milliseconds, everything else as text. */
public final class Records {
    private Records() {
    }

    /** The names of a record's fields before any command: system fields, then those of a JSON message. */
    public static java.util.Set<String> fieldNames(LogRecord r) {
        return Discovery.fields(r).keySet();
    }

    public static Map<String, String> asText(LogRecord r) {
        Map<String, String> out = new LinkedHashMap<>();
        Discovery.fields(r).forEach((k, v) -> out.put(k,
                v instanceof Instant t ? Long.toString(t.toEpochMilli()) : Values.text(v)));
        return out;
    }
}
