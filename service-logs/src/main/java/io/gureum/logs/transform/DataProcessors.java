package io.gureum.logs.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import software.amazon.awssdk.services.cloudwatchlogs.model.DateTimeConverter;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListToMap;
import software.amazon.awssdk.services.cloudwatchlogs.model.Processor;

/**
 * The data processors (CloudWatch-Logs-Transformation-Datatype.html): typeConverter, dateTimeConverter and
 * listToMap. A value that does not convert is left as it was.
 */
final class DataProcessors {
    /** dateTimeConverter's default {@code targetFormat}. */
    static final String DEFAULT_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'";

    private DataProcessors() {
    }

    static boolean run(TransformEvent event, Processor p) {
        if (p.typeConverter() != null) {
            p.typeConverter().entries().forEach(e -> {
                JsonNode v = event.root == null ? null : event.get(e.key());
                JsonNode converted = v == null ? null : convert(v, e.typeAsString());
                if (converted != null) {
                    event.put(e.key(), converted);
                }
            });
        } else if (p.dateTimeConverter() != null) {
            dateTime(event, p.dateTimeConverter());
        } else if (p.listToMap() != null) {
            listToMap(event, p.listToMap());
        } else {
            return false;
        }
        return true;
    }

    private static JsonNode convert(JsonNode v, String type) {
        String s = v.isTextual() ? v.asText().strip() : v.toString();
        try {
            return switch (type) {
                case "integer" -> LongNode.valueOf(Long.parseLong(s));
                case "double" -> DoubleNode.valueOf(Double.parseDouble(s));
                case "boolean" -> s.equalsIgnoreCase("true") ? BooleanNode.TRUE
                        : s.equalsIgnoreCase("false") ? BooleanNode.FALSE : null;
                default -> TextNode.valueOf(v.isTextual() ? v.asText() : v.toString());
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void dateTime(TransformEvent event, DateTimeConverter p) {
        JsonNode v = event.get(p.source());
        if (v == null) {
            return;
        }
        Locale locale = p.locale() == null ? Locale.ROOT : Locale.forLanguageTag(p.locale().replace('_', '-'));
        ZoneId from = p.sourceTimezone() == null ? ZoneOffset.UTC : ZoneId.of(p.sourceTimezone());
        ZoneId to = p.targetTimezone() == null ? ZoneOffset.UTC : ZoneId.of(p.targetTimezone());
        DateTimeFormatter target = DateTimeFormatter.ofPattern(p.targetFormat() == null ? DEFAULT_FORMAT
                : p.targetFormat(), locale);
        for (String pattern : p.matchPatterns()) {
            ZonedDateTime time = parse(v.asText(), DateTimeFormatter.ofPattern(pattern, locale), from);
            if (time != null) {
                event.put(p.target(), TextNode.valueOf(target.format(time.withZoneSameInstant(to))));
                return;
            }
        }
    }

    private static ZonedDateTime parse(String text, DateTimeFormatter format, ZoneId zone) {
        try {
            TemporalAccessor t = format.parseBest(text, ZonedDateTime::from, LocalDateTime::from, LocalDate::from);
            if (t instanceof ZonedDateTime z) {
                return z;
            }
            if (t instanceof LocalDateTime l) {
                return l.atZone(zone);
            }
            return ((LocalDate) t).atStartOfDay(zone);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Each object of the list gives {@code key} → its {@code valueKey} (or the whole object); flatten keeps one. */
    private static void listToMap(TransformEvent event, ListToMap p) {
        JsonNode list = event.root == null ? null : event.get(p.source());
        if (list == null || !list.isArray()) {
            return;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        boolean flatten = Boolean.TRUE.equals(p.flatten());
        boolean last = "last".equals(p.flattenedElementAsString());
        for (JsonNode item : list) {
            JsonNode key = item.get(p.key());
            if (key == null || !key.isValueNode()) {
                continue;
            }
            JsonNode value = p.valueKey() == null ? item : item.get(p.valueKey());
            if (value == null) {
                continue;
            }
            String k = key.asText();
            if (flatten) {
                if (last || !out.has(k)) {
                    out.set(k, value.deepCopy());
                }
            } else {
                JsonNode existing = out.get(k);
                ArrayNode values = existing instanceof ArrayNode a ? a : out.putArray(k);
                values.add(value.deepCopy());
            }
        }
        if (p.target() != null) {
            event.put(p.target(), out);
        } else {
            out.fields().forEachRemaining(e -> event.root().set(e.getKey(), e.getValue()));
        }
    }
}
