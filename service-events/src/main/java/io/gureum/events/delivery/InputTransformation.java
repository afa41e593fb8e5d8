package io.gureum.events.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.model.InputTransformer;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * What a target receives for a matched event: the whole event, {@code Input} as given, the part at
 * {@code InputPath}, or {@code InputTransformer}'s template with its placeholders replaced
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html).
 *
 * <p>In a template a placeholder inside a JSON string is replaced by the value's text (a string
 * without its quotes, escaped for JSON); outside a string by the value as JSON (a string quoted). A
 * template that is not JSON (it starts with neither {@code {}, {@code [} nor {@code "}) takes the
 * text of each value as is. A path the event does not have gives {@code null} (empty inside a string).
 * Besides the InputPathsMap names, {@code aws.events.rule-arn}, {@code aws.events.rule-name},
 * {@code aws.events.event.ingestion-time} and {@code aws.events.event.json} are defined.
 */
public final class InputTransformation {
    private InputTransformation() {
    }

    public static String input(Target target, ObjectNode event, String ruleArn, String ruleName, String ingestionTime) {
        if (target.input() != null) {
            return target.input();
        }
        if (target.inputPath() != null) {
            JsonNode part = JsonPath.read(event, target.inputPath());
            return part == null ? "null" : part.toString();
        }
        if (target.inputTransformer() != null) {
            return transform(target.inputTransformer(), event, ruleArn, ruleName, ingestionTime);
        }
        return event.toString();
    }

    static String transform(InputTransformer t, ObjectNode event, String ruleArn, String ruleName,
            String ingestionTime) {
        Map<String, String> paths = t.hasInputPathsMap() ? t.inputPathsMap() : Map.of();
        String template = t.inputTemplate();
        String trimmed = template.trim();
        boolean json = trimmed.startsWith("{") || trimmed.startsWith("[") || trimmed.startsWith("\"");
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && inString && i + 1 < template.length()) {
                out.append(c).append(template.charAt(++i));
                continue;
            }
            if (c == '"') {
                inString = !inString;
            }
            if (c == '<') {
                int close = template.indexOf('>', i);
                if (close > i) {
                    String name = template.substring(i + 1, close);
                    JsonNode value = value(name, paths, event, ruleArn, ruleName, ingestionTime);
                    if (value != null || paths.containsKey(name)) {
                        out.append(render(value, json, inString));
                        i = close;
                        continue;
                    }
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private static JsonNode value(String name, Map<String, String> paths, ObjectNode event, String ruleArn,
            String ruleName, String ingestionTime) {
        return switch (name) {
            case "aws.events.rule-arn" -> Envelope.JSON.getNodeFactory().textNode(ruleArn);
            case "aws.events.rule-name" -> Envelope.JSON.getNodeFactory().textNode(ruleName);
            case "aws.events.event.ingestion-time" -> Envelope.JSON.getNodeFactory().textNode(ingestionTime);
            case "aws.events.event.json", "aws.events.event" -> event;
            default -> paths.containsKey(name) ? JsonPath.read(event, paths.get(name)) : null;
        };
    }

    private static String render(JsonNode value, boolean json, boolean inString) {
        if (value == null || value.isNull()) {
            return inString ? "" : "null";
        }
        if (value.isTextual()) {
            if (!json) {
                return value.asText();
            }
            String quoted = value.toString();
            return inString ? quoted.substring(1, quoted.length() - 1) : quoted;
        }
        return value.toString();
    }
}
