package io.gureum.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.events.EventBus;
import io.gureum.core.events.ServiceMetric;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns ingested log events into the metrics of their group's metric filters
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/MonitoringLogData.html): each event the
 * filter pattern matches gives one data point per metric transformation, in the transformation's
 * namespace, stamped with the event's time. {@code metricValue} is a number, or {@code $.field} read from
 * the JSON event (an event without that number gives none); {@code dimensions} map names to
 * {@code $.field} references; {@code unit} defaults to {@code None}. A batch with no matching event gives
 * one data point of {@code defaultValue}, when the transformation has one ("the value reported … during a
 * period when logs are ingested but no matching logs are found"). Nothing is done when nobody listens.
 */
final class MetricFilterEmitter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventBus events;
    private final Map<String, FilterPattern> patterns = new ConcurrentHashMap<>();

    MetricFilterEmitter(EventBus events) {
        this.events = events;
    }

    void ingested(LogGroup group, List<StoredEvent> batch) {
        if (batch.isEmpty() || group.metricFilters.isEmpty() || !events.hasSubscribers(ServiceMetric.class)) {
            return;
        }
        for (StoredMetricFilter filter : group.metricFilters.values()) {
            FilterPattern pattern = patterns.computeIfAbsent(String.valueOf(filter.filterPattern()),
                    p -> parsePattern(filter.filterPattern()));
            if (pattern == null) {
                continue;
            }
            boolean matched = false;
            // applyOnTransformedLogs: "the metric filter is applied on the transformed version of the log events
            // instead of the original ingested log events" (API_PutMetricFilter.html).
            boolean transformed = Boolean.TRUE.equals(filter.applyOnTransformedLogs());
            for (StoredEvent e : batch) {
                String message = transformed ? e.insightsMessage() : e.message();
                FilterPattern.Match match = pattern.match(message);
                if (match != null) {
                    matched = true;
                    JsonNode json = parse(message);
                    for (StoredMetricFilter.Transformation t : filter.transformations()) {
                        emit(group, t, json, match.fields(), Instant.ofEpochMilli(e.timestamp()));
                    }
                }
            }
            if (!matched) {
                Instant last = Instant.ofEpochMilli(batch.get(batch.size() - 1).timestamp());
                for (StoredMetricFilter.Transformation t : filter.transformations()) {
                    if (t.defaultValue() != null) {
                        publish(group, t, t.defaultValue(), Map.of(), last);
                    }
                }
            }
        }
    }

    private void emit(LogGroup group, StoredMetricFilter.Transformation t, JsonNode json, Map<String, String> fields,
            Instant at) {
        Double value = number(t.metricValue(), json, fields);
        if (value == null) {
            return;
        }
        Map<String, String> dimensions = new LinkedHashMap<>();
        if (t.dimensions() != null) {
            for (Map.Entry<String, String> d : t.dimensions().entrySet()) {
                String v = text(d.getValue(), json, fields);
                if (v == null) {
                    return; // AWS publishes nothing for an event without the dimension's field
                }
                dimensions.put(d.getKey(), v);
            }
        }
        publish(group, t, value, dimensions, at);
    }

    private void publish(LogGroup group, StoredMetricFilter.Transformation t, double value,
            Map<String, String> dimensions, Instant at) {
        events.publish(new ServiceMetric(group.account, group.region, t.metricNamespace(), t.metricName(), dimensions,
                value, t.unit() != null ? t.unit() : "None", at));
    }

    /**
     * A {@code $.field} of a JSON event or a {@code $name} of a space-delimited pattern's fields, as text; null when
     * the event lacks it or it is not a single value.
     */
    static String text(String reference, JsonNode json, Map<String, String> fields) {
        if (reference == null || !reference.startsWith("$")) {
            return null;
        }
        if (!reference.startsWith("$.")) {
            return fields.get(reference.substring(1));
        }
        JsonNode v = field(reference, json);
        return v == null || v.isContainerNode() || v.isNull() ? null : v.asText();
    }

    /** The metric value: a literal number, a {@code $.field} of the event or a {@code $name} field holding a number. */
    static Double number(String metricValue, JsonNode json, Map<String, String> fields) {
        if (metricValue == null) {
            return null;
        }
        if (!metricValue.startsWith("$")) {
            try {
                return Double.valueOf(metricValue);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (!metricValue.startsWith("$.")) {
            try {
                String v = fields.get(metricValue.substring(1));
                return v == null ? null : Double.valueOf(v);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        JsonNode v = field(metricValue, json);
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        try {
            return v.isTextual() ? Double.valueOf(v.textValue()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code $.a.b[0].c} in a JSON event; null when the event is no JSON or lacks it. */
    static JsonNode field(String reference, JsonNode json) {
        if (json == null || reference == null || !reference.startsWith("$.")) {
            return null;
        }
        JsonNode node = json;
        for (String part : reference.substring(2).split("\\.")) {
            String name = part;
            int bracket = part.indexOf('[');
            if (bracket >= 0) {
                name = part.substring(0, bracket);
            }
            if (!name.isEmpty()) {
                node = node.get(name);
            }
            while (node != null && bracket >= 0) {
                int close = part.indexOf(']', bracket);
                if (close < 0) {
                    return null;
                }
                try {
                    node = node.get(Integer.parseInt(part.substring(bracket + 1, close)));
                } catch (NumberFormatException e) {
                    return null;
                }
                bracket = part.indexOf('[', close);
            }
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /** Null for a pattern that does not parse (PutMetricFilter refuses those; kept for safety): it emits nothing. */
    private static FilterPattern parsePattern(String text) {
        try {
            return FilterPattern.parse(text);
        } catch (FilterPattern.InvalidPattern | IllegalArgumentException e) {
            return null;
        }
    }

    static JsonNode parse(String message) {
        String m = message.strip();
        if (!m.startsWith("{")) {
            return null;
        }
        try {
            return JSON.readTree(m);
        } catch (IOException e) {
            return null;
        }
    }
}
