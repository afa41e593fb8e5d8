package io.gureum.sns;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A topic's data protection policy, applied: Deny statements refuse an inbound Publish (or skip an outbound
 * delivery) whose text holds one of their data identifiers, Deidentify statements mask or redact what they
 * find, Audit statements are accepted but their findings are not written to the destinations
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-message-data-protection-policies.html,
 * https://docs.aws.amazon.com/sns/latest/dg/sns-message-data-protection-operations.html). A statement applies
 * to a principal when its Principal is {@code *} or names the caller's account (an account ID or any ARN in it).
 */
final class DataProtection {
    enum Direction { Inbound, Outbound }

    private record Statement(Direction direction, List<String> principals, List<DataIdentifiers.Identifier> identifiers,
            String operation, Character mask) {
    }

    private final List<Statement> statements;

    private DataProtection(List<Statement> statements) {
        this.statements = statements;
    }

    /** @throws IllegalArgumentException with the reason the policy is not valid */
    static DataProtection parse(String json) {
        JsonNode doc;
        try {
            doc = FilterPolicy.JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("Policy must be a valid JSON document");
        }
        if (doc == null || !doc.isObject()) {
            throw new IllegalArgumentException("Policy must be a JSON object");
        }
        if (!doc.path("Name").isTextual() || doc.path("Name").asText().isEmpty()) {
            throw new IllegalArgumentException("Policy must have a Name");
        }
        if (!"2021-06-01".equals(doc.path("Version").asText(null))) {
            throw new IllegalArgumentException("Version must be 2021-06-01");
        }
        Map<String, DataIdentifiers.Identifier> custom = new LinkedHashMap<>();
        for (JsonNode c : doc.path("Configuration").path("CustomDataIdentifier")) {
            String name = c.path("Name").asText("");
            if (name.isEmpty() || !c.path("Regex").isTextual()) {
                throw new IllegalArgumentException("A custom data identifier needs a Name and a Regex");
            }
            try {
                custom.put(name, new DataIdentifiers.Identifier(Pattern.compile(c.get("Regex").asText()), s -> true));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("Invalid Regex for custom data identifier " + name);
            }
        }
        JsonNode list = doc.path("Statement");
        if (!list.isArray()) {
            throw new IllegalArgumentException("Statement must be a list");
        }
        List<Statement> out = new ArrayList<>();
        int audits = 0;
        for (JsonNode s : list) {
            Direction direction;
            try {
                direction = Direction.valueOf(s.path("DataDirection").asText(""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("DataDirection must be Inbound or Outbound");
            }
            List<String> principals = new ArrayList<>();
            s.path("Principal").forEach(p -> principals.add(p.asText()));
            if (principals.isEmpty()) {
                throw new IllegalArgumentException("Statement must have a Principal");
            }
            List<DataIdentifiers.Identifier> identifiers = new ArrayList<>();
            JsonNode ids = s.path("DataIdentifier");
            if (!ids.isArray() || ids.isEmpty()) {
                throw new IllegalArgumentException("Statement must have at least one DataIdentifier");
            }
            for (JsonNode id : ids) {
                String name = id.asText();
                if (custom.containsKey(name)) {
                    identifiers.add(custom.get(name));
                } else if (name.startsWith(DataIdentifiers.MANAGED_PREFIX)) {
                    DataIdentifiers.Identifier managed = DataIdentifiers.managed(name);
                    if (managed != null) {
                        identifiers.add(managed);
                    }
                } else {
                    throw new IllegalArgumentException("Unknown DataIdentifier " + name);
                }
            }
            JsonNode op = s.path("Operation");
            if (!op.isObject() || op.size() != 1) {
                throw new IllegalArgumentException("Operation must have exactly one of Audit, Deidentify or Deny");
            }
            String operation = op.fieldNames().next();
            Character mask = null;
            switch (operation) {
                case "Audit" -> {
                    audits++;
                    if (direction != Direction.Inbound) {
                        throw new IllegalArgumentException("Audit is supported for Inbound statements only");
                    }
                    String rate = op.get("Audit").path("SampleRate").asText("");
                    if (!rate.matches("[0-9]{1,2}")) {
                        throw new IllegalArgumentException("SampleRate must be an integer from 0 to 99");
                    }
                }
                case "Deny" -> {
                    // nothing to configure
                }
                case "Deidentify" -> {
                    JsonNode d = op.get("Deidentify");
                    boolean masks = d.has("MaskConfig");
                    if (masks == d.has("RedactConfig")) {
                        throw new IllegalArgumentException("Deidentify must have exactly one of MaskConfig or RedactConfig");
                    }
                    if (masks) {
                        String c = d.get("MaskConfig").path("MaskWithCharacter").asText("*");
                        if (c.length() != 1) {
                            throw new IllegalArgumentException("MaskWithCharacter must be a single character");
                        }
                        mask = c.charAt(0);
                    }
                }
                default -> throw new IllegalArgumentException("Operation must have exactly one of Audit, Deidentify or Deny");
            }
            out.add(new Statement(direction, principals, identifiers, operation, mask));
        }
        if (audits > 1) {
            throw new IllegalArgumentException("Policy can have only one Audit statement");
        }
        return new DataProtection(out);
    }

    /** The policy of {@code topic}, or null when it has none (or an empty one). */
    static DataProtection of(Topic topic) {
        String json = topic == null ? null : topic.attribute("DataProtectionPolicy");
        return json == null || json.isEmpty() ? null : parse(json);
    }

    /** Whether a Deny statement of {@code direction} applying to {@code account} finds something in {@code text}. */
    boolean denies(Direction direction, String account, String text) {
        for (Statement s : statements) {
            if (s.direction() == direction && s.operation().equals("Deny") && appliesTo(s, account)
                    && !findings(s, text).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} with what the Deidentify statements of {@code direction} find masked or redacted. */
    String deidentify(Direction direction, String account, String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Statement s : statements) {
            if (s.direction() != direction || !s.operation().equals("Deidentify") || !appliesTo(s, account)) {
                continue;
            }
            List<int[]> found = findings(s, out);
            found.sort(Comparator.comparingInt((int[] f) -> f[0]).reversed());
            StringBuilder b = new StringBuilder(out);
            int limit = Integer.MAX_VALUE;
            for (int[] f : found) {
                if (f[1] > limit) {
                    continue; // overlaps a finding already replaced
                }
                b.replace(f[0], f[1], s.mask() == null ? "" : String.valueOf(s.mask()).repeat(f[1] - f[0]));
                limit = f[0];
            }
            out = b.toString();
        }
        return out;
    }

    private static List<int[]> findings(Statement s, String text) {
        List<int[]> out = new ArrayList<>();
        if (text != null) {
            for (DataIdentifiers.Identifier id : s.identifiers()) {
                out.addAll(id.find(text));
            }
        }
        return out;
    }

    private static boolean appliesTo(Statement s, String account) {
        for (String p : s.principals()) {
            if (p.equals("*") || p.equals(account) || (account != null && p.startsWith("arn:") && p.split(":").length > 4
                    && p.split(":")[4].equals(account))) {
                return true;
            }
        }
        return false;
    }
}
