package io.gureum.logs.transform;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.cloudwatchlogs.model.Processor;

/**
 * The guidelines of CloudWatch-Logs-Transformation-Create.html that the model cannot express: the first processor
 * is a parser; one to five parsers; a parser for an AWS vended log type only first and only one; one grok, one
 * addKeys and one copyValue at most. Also checked: each processor names exactly one type, grok patterns, regular
 * expressions, date formats and time zones compile. Gureum does not run the parsers for AWS vended logs
 * (parseCloudfront, parseRoute53, parsePostgres, parseVPC, parseWAF, parseToOCSF) and refuses them rather than
 * store events it did not transform.
 */
public final class TransformerRules {
    static final List<String> PARSERS = List.of("parseJSON", "grok", "csv", "parseKeyValue", "parseCloudfront",
            "parseRoute53", "parsePostgres", "parseVPC", "parseWAF", "parseToOCSF");
    static final List<String> VENDED = PARSERS.subList(4, PARSERS.size());
    static final int MAX_PARSERS = 5;

    private TransformerRules() {
    }

    /** Throws IllegalArgumentException with the reason. */
    public static void check(List<Processor> processors) {
        List<String> types = new ArrayList<>();
        for (Processor p : processors) {
            types.add(type(p));
        }
        Map<String, Integer> counts = new HashMap<>();
        types.forEach(t -> counts.merge(t, 1, Integer::sum));
        if (!PARSERS.contains(types.get(0))) {
            throw new IllegalArgumentException("The first processor in a transformer must be a parser.");
        }
        long parsers = types.stream().filter(PARSERS::contains).count();
        if (parsers > MAX_PARSERS) {
            throw new IllegalArgumentException("A transformer can include at most 5 parser-type processors.");
        }
        for (int i = 1; i < types.size(); i++) {
            if (VENDED.contains(types.get(i))) {
                throw new IllegalArgumentException(
                        "The " + types.get(i) + " processor must be the first processor in a transformer.");
            }
        }
        for (String once : List.of("grok", "addKeys", "copyValue")) {
            if (counts.getOrDefault(once, 0) > 1) {
                throw new IllegalArgumentException("A transformer can include only one " + once + " processor.");
            }
        }
        if (VENDED.contains(types.get(0))) {
            throw new IllegalArgumentException("The " + types.get(0) + " processor is not supported by Gureum.");
        }
        for (Processor p : processors) {
            checkValues(p);
        }
    }

    private static String type(Processor p) {
        String found = null;
        for (SdkField<?> f : p.sdkFields()) {
            if (f.getValueOrDefault(p) != null) {
                if (found != null) {
                    throw new IllegalArgumentException("Each processor must include exactly one processor type.");
                }
                found = f.memberName();
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("Each processor must include exactly one processor type.");
        }
        return found;
    }

    private static void checkValues(Processor p) {
        if (p.grok() != null) {
            Grok.compile(p.grok().match());
        }
        if (p.substituteString() != null) {
            p.substituteString().entries().forEach(e -> {
                try {
                    Pattern.compile(e.from());
                } catch (java.util.regex.PatternSyntaxException x) {
                    throw new IllegalArgumentException("Invalid regular expression in substituteString: " + e.from());
                }
            });
        }
        if (p.dateTimeConverter() != null) {
            var d = p.dateTimeConverter();
            try {
                d.matchPatterns().forEach(DateTimeFormatter::ofPattern);
                if (d.targetFormat() != null) {
                    DateTimeFormatter.ofPattern(d.targetFormat());
                }
                for (String zone : new String[] {d.sourceTimezone(), d.targetTimezone()}) {
                    if (zone != null) {
                        ZoneId.of(zone);
                    }
                }
            } catch (RuntimeException x) {
                throw new IllegalArgumentException("Invalid dateTimeConverter configuration: " + x.getMessage());
            }
        }
    }
}
