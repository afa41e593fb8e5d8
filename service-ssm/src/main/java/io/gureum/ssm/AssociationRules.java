package io.gureum.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks CreateAssociation and UpdateAssociation make beyond the model's constraints: the schedule
 * ("Reference: Cron and rate expressions for Systems Manager"), the targets ("Understanding targets and
 * rate controls in State Manager associations") and the parameters against those the document declares.
 */
final class AssociationRules {
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.+)\\)");
    private static final Pattern AT = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");
    private static final Pattern CRON_FIELD = Pattern.compile("[0-9A-Za-z*?/,#\\-]+");

    private AssociationRules() {
    }

    /**
     * A schedule: {@code rate(n unit)} of 30 minutes or more and less than 31 days (the unit singular for 1,
     * plural otherwise), {@code cron(…)} with five or six fields (Minutes Hours Day-of-month Month Day-of-week
     * [Year]; one of the two day fields {@code ?}), or {@code at(yyyy-MM-ddTHH:mm:ss)}. Returns whether it is a
     * cron (or at) expression.
     */
    static boolean schedule(String expression) {
        Matcher rate = RATE.matcher(expression);
        if (rate.matches()) {
            long n;
            try {
                n = Long.parseLong(rate.group(1));
            } catch (NumberFormatException e) {
                throw AssociationErrors.invalidSchedule(expression);
            }
            String unit = rate.group(2);
            if (n < 1 || n == 1 != !unit.endsWith("s")) {
                throw AssociationErrors.invalidSchedule(expression);
            }
            long minutes = unit.startsWith("minute") ? n : unit.startsWith("hour") ? n * 60 : n * 1440;
            if (minutes < 30 || minutes >= 31L * 1440) {
                throw AssociationErrors.invalidSchedule(expression);
            }
            return false;
        }
        Matcher at = AT.matcher(expression);
        if (at.matches()) {
            try {
                LocalDateTime.parse(at.group(1));
            } catch (DateTimeParseException e) {
                throw AssociationErrors.invalidSchedule(expression);
            }
            return true;
        }
        Matcher cron = CRON.matcher(expression);
        if (!cron.matches()) {
            throw AssociationErrors.invalidSchedule(expression);
        }
        String[] fields = cron.group(1).trim().split(" +");
        if (fields.length < 5 || fields.length > 6) {
            throw AssociationErrors.invalidSchedule(expression);
        }
        for (String f : fields) {
            if (!CRON_FIELD.matcher(f).matches()) {
                throw AssociationErrors.invalidSchedule(expression);
            }
        }
        if (!fields[2].equals("?") && !fields[4].equals("?")) {
            throw AssociationErrors.invalidSchedule(expression);
        }
        return true;
    }

    /**
     * Targets: {@code InstanceIds} (any case; {@code *} for every instance), {@code tag:<key>},
     * {@code tag-key}, {@code resource-groups:Name}, {@code resource-groups:ResourceTypeFilters} and, for
     * Automation runbooks, {@code ParameterValues} and {@code ResourceGroup}; each with at least one value.
     */
    static List<StoredAssociation.Target> targets(List<software.amazon.awssdk.services.ssm.model.Target> given,
            boolean automation) {
        List<StoredAssociation.Target> targets = new ArrayList<>();
        for (var t : given) {
            String key = t.key() == null ? "" : t.key();
            List<String> values = t.hasValues() ? List.copyOf(t.values()) : List.of();
            boolean known = key.equalsIgnoreCase("InstanceIds") || key.startsWith("tag:") && key.length() > 4
                    || key.equals("tag-key") || key.equals("resource-groups:Name")
                    || key.equals("resource-groups:ResourceTypeFilters")
                    || automation && (key.equals("ParameterValues") || key.equals("ResourceGroup"));
            if (!known) {
                throw AssociationErrors.invalidTarget("Target key " + key + " is not supported. Use InstanceIds,"
                        + " tag:<key>, tag-key or resource-groups:Name.");
            }
            if (values.isEmpty()) {
                throw AssociationErrors.invalidTarget("Target " + key + " must have at least one value.");
            }
            targets.add(new StoredAssociation.Target(key.equalsIgnoreCase("InstanceIds") ? "InstanceIds" : key, values));
        }
        return targets;
    }

    /**
     * The parameters against the document's: every name must be one it declares, and every parameter it
     * declares without a {@code default} must be given (except the Automation target parameter, which the
     * targets fill). A value listed in {@code allowedValues} must be one of them.
     */
    static void parameters(JsonNode doc, Map<String, List<String>> given, String automationTarget) {
        JsonNode declared = doc == null ? null : doc.get("parameters");
        Map<String, JsonNode> byName = new java.util.LinkedHashMap<>();
        if (declared != null && declared.isObject()) {
            declared.fields().forEachRemaining(e -> byName.put(e.getKey(), e.getValue()));
        }
        for (Map.Entry<String, List<String>> e : given.entrySet()) {
            JsonNode p = byName.get(e.getKey());
            if (p == null) {
                throw AssociationErrors.invalidParameters("Parameter \"" + e.getKey()
                        + "\" is not defined in the document.");
            }
            JsonNode allowed = p.get("allowedValues");
            if (allowed != null && allowed.isArray() && !e.getValue().isEmpty()) {
                List<String> values = new ArrayList<>();
                allowed.forEach(v -> values.add(v.asText()));
                for (String v : e.getValue()) {
                    if (!values.contains(v) && !v.startsWith("{{")) {
                        throw AssociationErrors.invalidParameters("Parameter \"" + e.getKey() + "\" has value \"" + v
                                + "\" not in its allowedValues " + values + ".");
                    }
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = byName.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            boolean required = e.getValue().isObject() && !e.getValue().has("default");
            if (required && !given.containsKey(e.getKey()) && !e.getKey().equals(automationTarget)) {
                throw AssociationErrors.invalidParameters("Parameter \"" + e.getKey()
                        + "\" is required by the document but was not given.");
            }
        }
    }

    /** The document's {@code schemaVersion} as a number, 0 when it has none. */
    static double schemaVersion(JsonNode doc) {
        JsonNode v = doc == null ? null : doc.get("schemaVersion");
        try {
            return v == null ? 0 : Double.parseDouble(v.asText());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
