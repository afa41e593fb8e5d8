package io.gureum.events.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The event as EventBridge delivers it: {@code version} "0", {@code id}, {@code detail-type},
 * {@code source}, {@code account}, {@code time} (UTC, whole seconds), {@code region}, {@code resources},
 * {@code detail}, and {@code replay-name} for replayed events
 * (https://docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html).
 */
public final class Envelope {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private Envelope() {
    }

    public static ObjectNode of(String id, String detailType, String source, String account, Instant time,
            String region, List<String> resources, JsonNode detail) {
        ObjectNode e = JSON.createObjectNode();
        e.put("version", "0");
        e.put("id", id);
        e.put("detail-type", detailType);
        e.put("source", source);
        e.put("account", account);
        e.put("time", time(time));
        e.put("region", region);
        resources.forEach(e.putArray("resources")::add);
        if (!e.has("resources")) {
            e.putArray("resources");
        }
        e.set("detail", detail);
        return e;
    }

    public static String time(Instant t) {
        return TIME.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The event's {@code time} back as an instant. */
    public static Instant timeOf(JsonNode event) {
        return Instant.parse(event.path("time").asText());
    }
}
