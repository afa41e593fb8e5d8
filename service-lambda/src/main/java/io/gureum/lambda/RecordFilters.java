package io.gureum.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.patterns.EventPattern;
import io.gureum.core.patterns.InvalidPatternException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Event filtering of event source mappings (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html):
 * each {@code FilterCriteria} pattern is EventBridge's pattern language applied to the record as the function would
 * see it; a record passes when any pattern matches. An SQS message's {@code body} is matched as JSON when it is a JSON
 * object or array, as text otherwise.
 */
final class RecordFilters {
    private final ConcurrentHashMap<String, EventPattern> parsed = new ConcurrentHashMap<>();

    /** Refuses a pattern Lambda refuses. */
    static void check(String pattern) {
        try {
            EventPattern.parse(pattern);
        } catch (InvalidPatternException e) {
            throw LambdaErrors.invalidParameter("Invalid filter pattern definition.");
        }
    }

    /** Whether the record (as the function's event lists it) passes the mapping's filters. */
    boolean test(EventSourceMapping m, JsonNode record) {
        List<String> patterns;
        synchronized (m) {
            patterns = m.filterPatterns;
        }
        if (patterns.isEmpty()) {
            return true;
        }
        JsonNode doc = withParsedBody(record);
        for (String p : patterns) {
            if (parsed.computeIfAbsent(p, EventPattern::parse).matches(doc)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode withParsedBody(JsonNode record) {
        JsonNode body = record.get("body");
        if (body == null || !body.isTextual()) {
            return record;
        }
        String text = body.asText().strip();
        if (!text.startsWith("{") && !text.startsWith("[")) {
            return record;
        }
        try {
            JsonNode json = LambdaJson.MAPPER.readTree(text);
            ObjectNode copy = ((ObjectNode) record).deepCopy();
            copy.set("body", json);
            return copy;
        } catch (IOException | ClassCastException notJson) {
            return record;
        }
    }
}
