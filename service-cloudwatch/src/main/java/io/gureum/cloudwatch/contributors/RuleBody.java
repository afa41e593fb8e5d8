package io.gureum.cloudwatch.contributors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.cloudwatch.CloudWatchErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Contributor Insights rule definition, checked as the rule syntax page (ContributorInsights-RuleSyntax)
 * documents it: {@code Schema} {"Name": "CloudWatchLogRule", "Version": 1}, {@code LogGroupNames} (a trailing
 * {@code *} is a prefix) or {@code LogGroupARNs} (one of them), {@code LogFormat} JSON or CLF, CLF's optional
 * {@code Fields} aliases, {@code Contribution} with 1–4 {@code Keys}, an optional {@code ValueOf} and up to four
 * {@code Filters} (each a {@code Match} and one operator: {@code In}/{@code NotIn}/{@code StartsWith} with up to 10
 * strings, {@code GreaterThan}/{@code LessThan}/{@code EqualTo}/{@code NotEqualTo} with a number,
 * {@code IsPresent} with a boolean), and {@code AggregateOn} Count or Sum (Sum needs {@code ValueOf}).
 * A definition that breaks these is {@code InvalidParameterValue}.
 */
public record RuleBody(List<String> logGroupNames, boolean clf, Map<String, String> fields, List<String> keys,
        String valueOf, List<Filter> filters, boolean sum) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP = Set.of("Schema", "LogGroupNames", "LogGroupARNs", "LogFormat", "Fields",
            "Contribution", "AggregateOn");
    private static final Set<String> OPERATORS = Set.of("In", "NotIn", "StartsWith", "GreaterThan", "LessThan",
            "EqualTo", "NotEqualTo", "IsPresent");
    /** JSON property notation: $ then .name or [n] steps. */
    private static final Pattern JSON_PATH = Pattern.compile("\\$(\\.[^.\\[\\]]+|\\[\\d+])+");

    /** One filter: the field, its operator and the operand (strings, a number or a boolean). */
    public record Filter(String match, String operator, List<String> strings, double number, boolean present) {
    }

    /** The parsed definition, or {@code InvalidParameterValue} naming what is wrong. */
    public static RuleBody parse(String definition) {
        JsonNode root;
        try {
            root = JSON.readTree(definition);
        } catch (java.io.IOException e) {
            throw invalid("The rule definition is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw invalid("The rule definition must be a JSON object.");
        }
        root.fieldNames().forEachRemaining(f -> {
            if (!TOP.contains(f)) {
                throw invalid("Unknown field " + f + ".");
            }
        });
        JsonNode schema = root.get("Schema");
        if (schema == null || !"CloudWatchLogRule".equals(schema.path("Name").asText(null))
                || !schema.path("Version").isIntegralNumber() || schema.path("Version").asInt() != 1) {
            throw invalid("Schema must be {\"Name\": \"CloudWatchLogRule\", \"Version\": 1}.");
        }
        boolean hasNames = root.has("LogGroupNames");
        if (hasNames == root.has("LogGroupARNs")) {
            throw invalid("Exactly one of LogGroupNames or LogGroupARNs must be specified.");
        }
        List<String> groups = strings(root.get(hasNames ? "LogGroupNames" : "LogGroupARNs"),
                hasNames ? "LogGroupNames" : "LogGroupARNs", Integer.MAX_VALUE);
        if (groups.isEmpty()) {
            throw invalid((hasNames ? "LogGroupNames" : "LogGroupARNs") + " must not be empty.");
        }
        if (!hasNames) {
            groups = groups.stream().map(RuleBody::nameOfArn).toList();
        }
        String format = root.path("LogFormat").asText(null);
        if (!"JSON".equals(format) && !"CLF".equals(format)) {
            throw invalid("LogFormat must be JSON or CLF.");
        }
        boolean clf = format.equals("CLF");
        Map<String, String> fields = new LinkedHashMap<>();
        if (root.has("Fields")) {
            if (!clf) {
                throw invalid("Fields can only be used with the CLF LogFormat.");
            }
            if (!root.get("Fields").isObject()) {
                throw invalid("Fields must be an object.");
            }
            root.get("Fields").fields().forEachRemaining(e -> {
                if (!e.getKey().matches("[1-9]\\d*") || !e.getValue().isTextual()) {
                    throw invalid("Fields must map field positions (1, 2, ...) to names.");
                }
                fields.put(e.getValue().asText(), e.getKey());
            });
        }
        JsonNode contribution = root.get("Contribution");
        if (contribution == null || !contribution.isObject()) {
            throw invalid("Contribution is required.");
        }
        contribution.fieldNames().forEachRemaining(f -> {
            if (!Set.of("Keys", "ValueOf", "Filters").contains(f)) {
                throw invalid("Unknown field Contribution." + f + ".");
            }
        });
        List<String> keys = strings(contribution.get("Keys"), "Contribution.Keys", 4);
        if (keys.isEmpty()) {
            throw invalid("Contribution.Keys must have between 1 and 4 members.");
        }
        RuleBody shape = new RuleBody(groups, clf, fields, keys, null, List.of(), false);
        keys.forEach(k -> shape.checkField(k, "Contribution.Keys"));
        String valueOf = null;
        if (contribution.has("ValueOf")) {
            if (!contribution.get("ValueOf").isTextual()) {
                throw invalid("Contribution.ValueOf must be a string.");
            }
            valueOf = contribution.get("ValueOf").asText();
            shape.checkField(valueOf, "Contribution.ValueOf");
        }
        List<Filter> filters = new ArrayList<>();
        if (contribution.has("Filters")) {
            JsonNode list = contribution.get("Filters");
            if (!list.isArray() || list.size() > 4) {
                throw invalid("Contribution.Filters must be an array of at most 4 filters.");
            }
            for (JsonNode f : list) {
                filters.add(shape.filter(f));
            }
        }
        String aggregate = root.path("AggregateOn").asText(null);
        if (!"Count".equals(aggregate) && !"Sum".equals(aggregate)) {
            throw invalid("AggregateOn must be Count or Sum.");
        }
        boolean sum = aggregate.equals("Sum");
        if (sum && valueOf == null) {
            throw invalid("Contribution.ValueOf is required when AggregateOn is Sum.");
        }
        return new RuleBody(groups, clf, fields, keys, valueOf, filters, sum);
    }

    private Filter filter(JsonNode f) {
        if (!f.isObject() || !f.has("Match") || !f.get("Match").isTextual()) {
            throw invalid("Each filter must have a Match field.");
        }
        String match = f.get("Match").asText();
        checkField(match, "Filters.Match");
        List<String> ops = new ArrayList<>();
        f.fieldNames().forEachRemaining(n -> {
            if (!n.equals("Match")) {
                if (!OPERATORS.contains(n)) {
                    throw invalid("Unknown filter operator " + n + ".");
                }
                ops.add(n);
            }
        });
        if (ops.size() != 1) {
            throw invalid("Each filter must have exactly one operator: In, NotIn, StartsWith, GreaterThan, LessThan,"
                    + " EqualTo, NotEqualTo or IsPresent.");
        }
        String op = ops.get(0);
        JsonNode operand = f.get(op);
        switch (op) {
            case "In", "NotIn", "StartsWith" -> {
                List<String> values = strings(operand, op, 10);
                if (values.isEmpty()) {
                    throw invalid(op + " must have between 1 and 10 values.");
                }
                return new Filter(match, op, values, 0, false);
            }
            case "IsPresent" -> {
                if (!operand.isBoolean()) {
                    throw invalid("IsPresent must be true or false.");
                }
                return new Filter(match, op, List.of(), 0, operand.asBoolean());
            }
            default -> {
                if (!operand.isNumber()) {
                    throw invalid(op + " must be a number.");
                }
                return new Filter(match, op, List.of(), operand.asDouble(), false);
            }
        }
    }

    private void checkField(String field, String where) {
        if (clf) {
            if (!field.matches("[1-9]\\d*") && !fields.containsKey(field)) {
                throw invalid(where + " " + field + " is neither a CLF field position nor a name given in Fields.");
            }
        } else if (!JSON_PATH.matcher(field).matches()) {
            throw invalid(where + " " + field + " is not in JSON property format ($.name).");
        }
    }

    private static List<String> strings(JsonNode node, String where, int max) {
        if (node == null || !node.isArray()) {
            throw invalid(where + " must be an array of strings.");
        }
        if (node.size() > max) {
            throw invalid(where + " has more than " + max + " members.");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual() || n.asText().isEmpty()) {
                throw invalid(where + " must be an array of strings.");
            }
            out.add(n.asText());
        }
        return out;
    }

    /**
     * {@code arn:aws:logs:region:account:log-group:name[:*]} (or {@code log-group/name}, as the rule syntax page
     * writes it) → name. Only the caller's own log groups are read: cross-account observability is not emulated.
     */
    private static String nameOfArn(String arn) {
        String[] p = arn.split(":", 6);
        if (p.length < 6 || !p[0].equals("arn") || !p[2].equals("logs")) {
            throw invalid("LogGroupARNs " + arn + " is not a log group ARN.");
        }
        String rest = p[5];
        String name;
        if (rest.startsWith("log-group:")) {
            name = rest.substring("log-group:".length());
        } else if (rest.startsWith("log-group/")) {
            name = rest.substring("log-group/".length());
        } else {
            throw invalid("LogGroupARNs " + arn + " is not a log group ARN.");
        }
        name = name.endsWith(":*") ? name.substring(0, name.length() - 2) : name;
        if (name.isEmpty()) {
            throw invalid("LogGroupARNs " + arn + " is not a log group ARN.");
        }
        return name;
    }

    private static RuntimeException invalid(String why) {
        return CloudWatchErrors.invalidValue("The rule definition is invalid: " + why);
    }

    /** Whether a log group is one of the rule's (exact names, or prefixes ending with {@code *}). */
    public boolean covers(String logGroup) {
        for (String g : logGroupNames) {
            if (g.endsWith("*") ? logGroup.startsWith(g.substring(0, g.length() - 1)) : logGroup.equals(g)) {
                return true;
            }
        }
        return false;
    }

    /** The prefix to list log groups by: the common prefix of all the names (without their {@code *}). */
    public String listingPrefix() {
        String prefix = null;
        for (String g : logGroupNames) {
            String p = g.endsWith("*") ? g.substring(0, g.length() - 1) : g;
            if (prefix == null) {
                prefix = p;
            } else {
                int i = 0;
                while (i < prefix.length() && i < p.length() && prefix.charAt(i) == p.charAt(i)) {
                    i++;
                }
                prefix = prefix.substring(0, i);
            }
        }
        return prefix == null ? "" : prefix;
    }

    /** A matching event's contributor (its key values) and value; null when the event does not match. */
    public record Observation(List<String> contributor, double value) {
    }

    /** The event's observation under this rule, or null when it is filtered out or lacks a key or value. */
    public Observation observe(String message) {
        LogEvent event = clf ? LogEvent.clf(message, fields) : LogEvent.json(message);
        if (event == null) {
            return null;
        }
        for (Filter f : filters) {
            if (!matches(f, event.field(f.match()))) {
                return null;
            }
        }
        List<String> contributor = new ArrayList<>();
        for (String k : keys) {
            String v = event.field(k);
            if (v == null) {
                return null;
            }
            contributor.add(v);
        }
        double value = 1;
        if (sum) {
            Double d = number(event.field(valueOf));
            if (d == null) {
                return null;
            }
            value = d;
        }
        return new Observation(contributor, value);
    }

    private static boolean matches(Filter f, String value) {
        switch (f.operator()) {
            case "IsPresent":
                return (value != null) == f.present();
            case "In":
                return value != null && f.strings().contains(value);
            case "NotIn":
                return value != null && !f.strings().contains(value);
            case "StartsWith":
                return value != null && f.strings().stream().anyMatch(value::startsWith);
            default:
                Double d = number(value);
                if (d == null) {
                    return false;
                }
                return switch (f.operator()) {
                    case "GreaterThan" -> d > f.number();
                    case "LessThan" -> d < f.number();
                    case "EqualTo" -> d == f.number();
                    default -> d != f.number();
                };
        }
    }

    private static Double number(String s) {
        if (s == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(s.trim());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
