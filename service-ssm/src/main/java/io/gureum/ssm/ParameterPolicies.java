package io.gureum.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses PutParameter's {@code Policies} (parameter-store-policies.html): a JSON array of Expiration
 * ({@code Timestamp}), ExpirationNotification ({@code Before} + {@code Unit}) and NoChangeNotification
 * ({@code After} + {@code Unit}) policies, each at most once.
 */
final class ParameterPolicies {
    static final int MAX = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> UNITS = Set.of("Days", "Hours");

    private ParameterPolicies() {
    }

    static List<ParameterPolicy> parse(String text, Instant now) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw SsmErrors.invalidPolicyAttribute("Invalid policies input: " + text);
        }
        if (root == null || !root.isArray()) {
            throw SsmErrors.invalidPolicyAttribute("Invalid policies input: " + text);
        }
        if (root.size() > MAX) {
            throw SsmErrors.tooManyPolicies();
        }
        List<ParameterPolicy> out = new ArrayList<>();
        Set<String> types = new HashSet<>();
        for (JsonNode policy : root) {
            String type = policy.path("Type").asText("");
            JsonNode attributes = policy.path("Attributes");
            Instant expires = switch (type) {
                case "Expiration" -> expiration(attributes, now);
                case "ExpirationNotification" -> {
                    period(attributes, "Before");
                    yield null;
                }
                case "NoChangeNotification" -> {
                    period(attributes, "After");
                    yield null;
                }
                default -> throw SsmErrors.invalidPolicyType(type);
            };
            if (!types.add(type)) {
                throw SsmErrors.incompatiblePolicies();
            }
            out.add(new ParameterPolicy(type, policy.toString(), expires));
        }
        return out;
    }

    private static Instant expiration(JsonNode attributes, Instant now) {
        String timestamp = attributes.path("Timestamp").asText("");
        Instant at;
        try {
            at = Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw SsmErrors.invalidPolicyAttribute("Timestamp " + timestamp + " is not in the ISO 8601 format.");
        }
        if (!at.isAfter(now)) {
            throw SsmErrors.invalidPolicyAttribute("The expiration time " + timestamp + " must be in the future.");
        }
        return at;
    }

    private static void period(JsonNode attributes, String field) {
        String amount = attributes.path(field).asText("");
        String unit = attributes.path("Unit").asText("");
        if (!amount.matches("[1-9][0-9]{0,5}") || !UNITS.contains(unit)) {
            throw SsmErrors.invalidPolicyAttribute("A policy attribute or its value is invalid: " + field + "="
                    + amount + ", Unit=" + unit + ".");
        }
    }

    static Instant expiresAt(List<ParameterPolicy> policies) {
        return policies.stream().map(ParameterPolicy::expiresAt).filter(java.util.Objects::nonNull).findFirst()
                .orElse(null);
    }
}
