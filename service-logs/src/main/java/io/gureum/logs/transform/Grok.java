package io.gureum.logs.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A grok expression compiled to a Java regular expression: {@code %{PATTERN}}, {@code %{PATTERN:field}} and
 * {@code %{PATTERN:field:int|float}} with the common patterns of the grok library (the list below); text between
 * them is a regular expression. An unknown pattern name is refused when the transformer is put.
 */
final class Grok {
    private static final String INT = "[+-]?(?:[0-9]+)";
    private static final String NUMBER = "(?:[+-]?(?:(?:[0-9]+(?:\\.[0-9]+)?)|(?:\\.[0-9]+)))";
    private static final String IPV4 = "(?:(?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])";
    private static final String IPV6 = "(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}";
    private static final String HOSTNAME =
            "\\b(?:[0-9A-Za-z][0-9A-Za-z-]{0,62})(?:\\.(?:[0-9A-Za-z][0-9A-Za-z-]{0,62}))*\\.?\\b";
    static final Map<String, String> PATTERNS = Map.ofEntries(
            Map.entry("WORD", "\\b\\w+\\b"),
            Map.entry("NOTSPACE", "\\S+"),
            Map.entry("SPACE", "\\s*"),
            Map.entry("DATA", ".*?"),
            Map.entry("GREEDYDATA", ".*"),
            Map.entry("INT", INT),
            Map.entry("POSINT", "\\b(?:[1-9][0-9]*)\\b"),
            Map.entry("NONNEGINT", "\\b(?:[0-9]+)\\b"),
            Map.entry("NUMBER", NUMBER),
            Map.entry("BASE10NUM", NUMBER),
            Map.entry("BASE16NUM", "(?<![0-9A-Fa-f])(?:[+-]?(?:0x)?(?:[0-9A-Fa-f]+))"),
            Map.entry("IPV4", IPV4),
            Map.entry("IPV6", IPV6),
            Map.entry("IP", "(?:" + IPV4 + "|" + IPV6 + ")"),
            Map.entry("HOSTNAME", HOSTNAME),
            Map.entry("IPORHOST", "(?:" + IPV4 + "|" + HOSTNAME + ")"),
            Map.entry("USERNAME", "[a-zA-Z0-9._-]+"),
            Map.entry("USER", "[a-zA-Z0-9._-]+"),
            Map.entry("EMAILADDRESS", "[a-zA-Z0-9!#$%&'*+\\-/=?^_`{|}~.]+@" + HOSTNAME),
            Map.entry("UUID", "[A-Fa-f0-9]{8}-(?:[A-Fa-f0-9]{4}-){3}[A-Fa-f0-9]{12}"),
            Map.entry("QUOTEDSTRING", "(?:\"(?:\\\\.|[^\\\\\"])*\"|'(?:\\\\.|[^\\\\'])*')"),
            Map.entry("URIPATH", "(?:/[A-Za-z0-9$.+!*'(){},~:;=@#%&_\\-]*)+"),
            Map.entry("URIPARAM", "\\?[A-Za-z0-9$.+!*'|(){},~@#%&/=:;_?\\-\\[\\]<>]*"),
            Map.entry("LOGLEVEL", "(?:[Aa]lert|ALERT|[Tt]race|TRACE|[Dd]ebug|DEBUG|[Nn]otice|NOTICE|[Ii]nfo(?:rmation)?"
                    + "|INFO(?:RMATION)?|[Ww]arn?(?:ing)?|WARN?(?:ING)?|[Ee]rr?(?:or)?|ERR?(?:OR)?|[Cc]rit?(?:ical)?"
                    + "|CRIT?(?:ICAL)?|[Ff]atal|FATAL|[Ss]evere|SEVERE|EMERG(?:ENCY)?|[Ee]merg(?:ency)?)"),
            Map.entry("TIMESTAMP_ISO8601",
                    "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:?\\d{2}(?::?\\d{2}(?:[.,]\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?"),
            Map.entry("HTTPDATE", "\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}"),
            Map.entry("MONTH", "\\b(?:[Jj]an(?:uary)?|[Ff]eb(?:ruary)?|[Mm]ar(?:ch)?|[Aa]pr(?:il)?|[Mm]ay|[Jj]une?"
                    + "|[Jj]uly?|[Aa]ug(?:ust)?|[Ss]ep(?:tember)?|[Oo]ct(?:ober)?|[Nn]ov(?:ember)?|[Dd]ec(?:ember)?)\\b"),
            Map.entry("MONTHDAY", "(?:(?:0[1-9])|(?:[12][0-9])|(?:3[01])|[1-9])"),
            Map.entry("YEAR", "\\d{2,4}"),
            Map.entry("TIME", "\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?"));

    private static final Pattern REFERENCE = Pattern.compile("%\\{(\\w+)(?::([\\w.@\\-\\[\\]]+))?(?::(int|float))?}");

    /** A captured field: its regex group, name and conversion (null, "int" or "float"). */
    record Field(String group, String name, String type) {
    }

    final Pattern regex;
    final List<Field> fields;

    private Grok(Pattern regex, List<Field> fields) {
        this.regex = regex;
        this.fields = fields;
    }

    /** Compiled expressions by their text, so that ingestion does not compile one per event (bounded). */
    private static final java.util.Map<String, Grok> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();

    /** Throws IllegalArgumentException naming what is wrong. */
    static Grok compile(String match) {
        Grok cached = COMPILED.get(match);
        if (cached != null) {
            return cached;
        }
        Grok compiled = compileNew(match);
        if (COMPILED.size() > 256) {
            COMPILED.clear();
        }
        COMPILED.put(match, compiled);
        return compiled;
    }

    private static Grok compileNew(String match) {
        Matcher m = REFERENCE.matcher(match);
        StringBuilder out = new StringBuilder();
        List<Field> fields = new ArrayList<>();
        int at = 0;
        while (m.find()) {
            String body = PATTERNS.get(m.group(1));
            if (body == null) {
                throw new IllegalArgumentException("Unknown grok pattern " + m.group(1) + ".");
            }
            out.append(match, at, m.start());
            if (m.group(2) != null) {
                String group = "g" + fields.size();
                fields.add(new Field(group, m.group(2), m.group(3)));
                out.append("(?<").append(group).append('>').append(body).append(')');
            } else {
                out.append("(?:").append(body).append(')');
            }
            at = m.end();
        }
        out.append(match.substring(at));
        try {
            return new Grok(Pattern.compile(out.toString()), fields);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("Invalid grok match pattern: " + e.getDescription() + ".");
        }
    }
}
