package io.gureum.logs.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatchlogs.model.Processor;

/**
 * The JSON and string mutators (CloudWatch-Logs-Transformation-JSONMutators.html,
 * CloudWatch-Logs-Transformation-StringMutators.html). A key the event lacks is skipped; an existing target is
 * kept unless {@code overwriteIfExists}.
 */
final class Mutators {
    private Mutators() {
    }

    /** Runs {@code p} if it is a mutator; false otherwise. */
    static boolean run(TransformEvent event, Processor p) {
        if (p.addKeys() != null) {
            p.addKeys().entries().forEach(e -> event.put(e.key(), TextNode.valueOf(e.value()), e.overwriteIfExists()));
        } else if (p.deleteKeys() != null) {
            p.deleteKeys().withKeys().forEach(event::remove);
        } else if (p.moveKeys() != null) {
            p.moveKeys().entries().forEach(e -> move(event, e.source(), e.target(), e.overwriteIfExists()));
        } else if (p.renameKeys() != null) {
            p.renameKeys().entries().forEach(e -> {
                int dot = e.key().lastIndexOf('.');
                String target = dot < 0 ? e.renameTo() : e.key().substring(0, dot + 1) + e.renameTo();
                move(event, e.key(), target, e.overwriteIfExists());
            });
        } else if (p.copyValue() != null) {
            p.copyValue().entries().forEach(e -> {
                JsonNode v = event.get(e.source());
                if (v != null) {
                    event.put(e.target(), v.deepCopy(), e.overwriteIfExists());
                }
            });
        } else if (p.lowerCaseString() != null) {
            strings(event, p.lowerCaseString().withKeys(), s -> s.toLowerCase(Locale.ROOT));
        } else if (p.upperCaseString() != null) {
            strings(event, p.upperCaseString().withKeys(), s -> s.toUpperCase(Locale.ROOT));
        } else if (p.trimString() != null) {
            strings(event, p.trimString().withKeys(), String::strip);
        } else if (p.substituteString() != null) {
            p.substituteString().entries().forEach(e -> strings(event, List.of(e.source()),
                    s -> Pattern.compile(e.from()).matcher(s).replaceAll(e.to())));
        } else if (p.splitString() != null) {
            p.splitString().entries().forEach(e -> {
                JsonNode v = event.root == null ? null : event.get(e.source());
                if (v != null && v.isTextual()) {
                    ArrayNode parts = JsonNodeFactory.instance.arrayNode();
                    for (String s : v.asText().split(Pattern.quote(e.delimiter()), -1)) {
                        parts.add(s);
                    }
                    event.put(e.source(), parts);
                }
            });
        } else {
            return false;
        }
        return true;
    }

    private static void move(TransformEvent event, String source, String target, Boolean overwrite) {
        if (!event.existsInEvent(source) || (!Boolean.TRUE.equals(overwrite) && event.existsInEvent(target))) {
            return;
        }
        event.put(target, event.remove(source));
    }

    private static void strings(TransformEvent event, List<String> keys, UnaryOperator<String> change) {
        for (String key : keys) {
            JsonNode v = event.root == null ? null : event.get(key);
            if (v != null && v.isTextual()) {
                event.put(key, TextNode.valueOf(change.apply(v.asText())));
            }
        }
    }
}
