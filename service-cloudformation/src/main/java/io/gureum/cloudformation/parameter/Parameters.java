package io.gureum.cloudformation.parameter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gureum.cloudformation.template.TemplateError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Resolves a template's {@code Parameters} against the values given, checking types and constraints with
 * AWS's wording ("Parameters" section of the template anatomy).
 */
public final class Parameters {
    private static final Set<String> SIMPLE = Set.of("String", "Number", "List<Number>", "CommaDelimitedList");
    private static final Set<String> AWS_TYPES = Set.of("AWS::EC2::AvailabilityZone::Name", "AWS::EC2::Image::Id",
            "AWS::EC2::Instance::Id", "AWS::EC2::KeyPair::KeyName", "AWS::EC2::SecurityGroup::GroupName",
            "AWS::EC2::SecurityGroup::Id", "AWS::EC2::Subnet::Id", "AWS::EC2::Volume::Id", "AWS::EC2::VPC::Id",
            "AWS::Route53::HostedZone::Id", "AWS::SSM::Parameter::Name");
    private static final String SSM_PREFIX = "AWS::SSM::Parameter::Value<";

    private final ExistenceCheck existence;
    private final SsmLookup ssm;

    public Parameters(ExistenceCheck existence, SsmLookup ssm) {
        this.existence = existence;
        this.ssm = ssm;
    }

    /** Checks each declared parameter's type ("Unrecognized parameter type"), without values. */
    public static void checkDeclarations(JsonNode declared) {
        declared.fields().forEachRemaining(e -> {
            String type = e.getValue().path("Type").asText("");
            if (e.getValue().path("Type").isMissingNode()) {
                throw TemplateError.format("[/Parameters/" + e.getKey() + "] 'null' values are not allowed in"
                        + " templates");
            }
            if (!known(type)) {
                throw TemplateError.format("Unrecognized parameter type: " + type);
            }
        });
    }

    static boolean known(String type) {
        if (SIMPLE.contains(type) || AWS_TYPES.contains(type)) {
            return true;
        }
        if (type.startsWith("List<") && type.endsWith(">")) {
            return AWS_TYPES.contains(type.substring(5, type.length() - 1));
        }
        if (type.startsWith(SSM_PREFIX) && type.endsWith(">")) {
            String inner = type.substring(SSM_PREFIX.length(), type.length() - 1);
            return inner.equals("String") || inner.equals("List<String>") || inner.equals("CommaDelimitedList")
                    || known(inner);
        }
        return false;
    }

    /**
     * The parameters' values: given, else the previous value when {@code UsePreviousValue}, else the
     * default; a {@code ValidationError} for unknown keys, missing values and broken constraints.
     */
    public Map<String, ResolvedParameter> resolve(JsonNode declared, List<ParameterInput> given,
            Map<String, String> previous) {
        checkDeclarations(declared);
        Map<String, ParameterInput> byKey = new LinkedHashMap<>();
        Set<String> unknown = new TreeSet<>();
        for (ParameterInput p : given) {
            if (!declared.has(p.key())) {
                unknown.add(p.key());
            }
            byKey.put(p.key(), p);
        }
        if (!unknown.isEmpty()) {
            throw TemplateError.validation("Parameters: " + unknown + " do not exist in the template");
        }
        Map<String, ResolvedParameter> out = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        declared.fields().forEachRemaining(e -> {
            String key = e.getKey();
            JsonNode decl = e.getValue();
            ParameterInput in = byKey.get(key);
            String raw;
            if (in != null && in.usePreviousValue()) {
                raw = previous == null ? null : previous.get(key);
                if (raw == null) {
                    throw TemplateError.validation("Invalid input for parameter key " + key
                            + ". Cannot specify usePreviousValue as true for a parameter key not in the previous"
                            + " template");
                }
            } else if (in != null && in.value() != null) {
                raw = in.value();
            } else if (decl.has("Default")) {
                raw = scalarText(decl.get("Default"));
            } else {
                missing.add(key);
                return;
            }
            out.put(key, value(key, decl, raw));
        });
        if (!missing.isEmpty()) {
            throw TemplateError.validation("Parameters: " + missing + " must have values");
        }
        checkExistence(declared, out);
        return out;
    }

    private static String scalarText(JsonNode v) {
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(e -> parts.add(e.asText()));
            return String.join(",", parts);
        }
        return v.asText();
    }

    private ResolvedParameter value(String key, JsonNode decl, String raw) {
        String type = decl.get("Type").asText();
        boolean noEcho = decl.path("NoEcho").asText("false").equalsIgnoreCase("true");
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (type.startsWith(SSM_PREFIX)) {
            String inner = type.substring(SSM_PREFIX.length(), type.length() - 1);
            String fetched = ssm.value(raw);
            if (fetched == null) {
                throw TemplateError.validation("Unable to fetch parameters [" + raw
                        + "] from parameter store for this account.");
            }
            JsonNode v = inner.startsWith("List<") || inner.equals("CommaDelimitedList") ? list(fetched)
                    : f.textNode(fetched);
            return new ResolvedParameter(key, raw, v, noEcho, fetched);
        }
        boolean isList = type.startsWith("List<") || type.equals("CommaDelimitedList");
        List<String> items = isList ? split(raw) : List.of(raw);
        for (String item : items) {
            check(key, decl, type, item);
        }
        JsonNode v = isList ? list(raw) : f.textNode(raw);
        return new ResolvedParameter(key, raw, v, noEcho, null);
    }

    private static List<String> split(String raw) {
        List<String> items = new ArrayList<>();
        if (raw.isEmpty()) {
            return items;
        }
        for (String s : raw.split(",", -1)) {
            items.add(s.trim());
        }
        return items;
    }

    private static ArrayNode list(String raw) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        split(raw).forEach(a::add);
        return a;
    }

    private static void check(String key, JsonNode decl, String type, String value) {
        if (decl.has("AllowedValues")) {
            boolean allowed = false;
            for (JsonNode a : decl.get("AllowedValues")) {
                allowed |= a.asText().equals(value);
            }
            if (!allowed) {
                throw TemplateError.validation("Parameter '" + key + "' must be one of AllowedValues");
            }
        }
        if (type.equals("Number") || type.equals("List<Number>")) {
            BigDecimal n;
            try {
                n = new BigDecimal(value);
            } catch (NumberFormatException e) {
                throw TemplateError.validation("Parameter '" + key + "' must be a number.");
            }
            if (decl.has("MinValue") && n.compareTo(new BigDecimal(decl.get("MinValue").asText())) < 0) {
                throw constraint(key, decl, "Parameter '" + key + "' must be a number not less than "
                        + decl.get("MinValue").asText());
            }
            if (decl.has("MaxValue") && n.compareTo(new BigDecimal(decl.get("MaxValue").asText())) > 0) {
                throw constraint(key, decl, "Parameter '" + key + "' must be a number not greater than "
                        + decl.get("MaxValue").asText());
            }
            return;
        }
        if (decl.has("MinLength") && value.length() < decl.get("MinLength").asInt()) {
            throw constraint(key, decl, "Parameter '" + key + "' must contain at least "
                    + decl.get("MinLength").asText() + " characters");
        }
        if (decl.has("MaxLength") && value.length() > decl.get("MaxLength").asInt()) {
            throw constraint(key, decl, "Parameter '" + key + "' must contain at most "
                    + decl.get("MaxLength").asText() + " characters");
        }
        if (decl.has("AllowedPattern")) {
            String pattern = decl.get("AllowedPattern").asText();
            boolean matches;
            try {
                matches = Pattern.compile(pattern).matcher(value).matches();
            } catch (PatternSyntaxException e) {
                throw TemplateError.format("Parameter '" + key + "' has an invalid AllowedPattern");
            }
            if (!matches) {
                throw constraint(key, decl, "Parameter '" + key + "' must match pattern " + pattern);
            }
        }
    }

    /** With a ConstraintDescription AWS answers it instead of its own wording. */
    private static RuntimeException constraint(String key, JsonNode decl, String own) {
        if (decl.hasNonNull("ConstraintDescription")) {
            return TemplateError.validation("Parameter " + key + " failed to satisfy constraint: "
                    + decl.get("ConstraintDescription").asText());
        }
        return TemplateError.validation(own);
    }

    private void checkExistence(JsonNode declared, Map<String, ResolvedParameter> values) {
        for (ResolvedParameter p : values.values()) {
            String type = declared.get(p.key()).get("Type").asText();
            String element = type.startsWith("List<") ? type.substring(5, type.length() - 1) : type;
            if (!AWS_TYPES.contains(element) || element.equals("AWS::SSM::Parameter::Name")) {
                continue;
            }
            List<String> items = type.startsWith("List<") ? split(p.raw()) : List.of(p.raw());
            if (items.isEmpty() || items.size() == 1 && items.get(0).isEmpty()) {
                continue;
            }
            List<String> missing = existence.missing(element, items);
            if (!missing.isEmpty()) {
                throw TemplateError.validation("Parameter validation failed: parameter value "
                        + String.join(", ", missing) + " for parameter name " + p.key() + " does not exist");
            }
        }
    }
}
