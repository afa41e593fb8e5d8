package io.gureum.sns;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A subscription's {@code ReplayPolicy}, {@code {"PointType":"Timestamp","StartingPoint":"…","EndingPoint":"…"}}:
 * replay the topic's archived messages published in that window (the ending point is optional)
 * (https://docs.aws.amazon.com/sns/latest/dg/message-archiving-and-replay-subscriber.html).
 */
record ReplayPolicy(Instant startingPoint, Instant endingPoint) {

    /** Parses a policy a client sets, refusing what SNS refuses. */
    static ReplayPolicy parse(String json) {
        JsonNode n = Topics.requireJson("ReplayPolicy", json);
        if (!"Timestamp".equals(n.path("PointType").asText(null))) {
            throw invalid("PointType must be Timestamp");
        }
        Instant start = time(n, "StartingPoint");
        if (start == null) {
            throw invalid("StartingPoint is required");
        }
        Instant end = time(n, "EndingPoint");
        if (end != null && end.isBefore(start)) {
            throw invalid("EndingPoint must not be before StartingPoint");
        }
        return new ReplayPolicy(start, end);
    }

    /** A stored policy, or null when there is none. */
    static ReplayPolicy parseOrNull(String json) {
        if (json == null || json.isEmpty()) {
            return null;
        }
        try {
            return parse(json);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Instant time(JsonNode policy, String field) {
        JsonNode v = policy.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(field + " must be a timestamp such as 2024-01-01T00:00:00.000Z");
        }
    }

    private static RuntimeException invalid(String reason) {
        return SnsErrors.invalidParameter("Attributes Reason: ReplayPolicy: " + reason);
    }
}
