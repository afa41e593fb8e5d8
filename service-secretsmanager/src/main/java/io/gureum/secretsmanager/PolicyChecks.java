package io.gureum.secretsmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The checks PutResourcePolicy and ValidateResourcePolicy make of a resource policy
 * (API_ValidateResourcePolicy.html): its syntax, and whether it grants broad access — an {@code Allow}
 * statement to every principal ({@code "*"} or {@code {"AWS": "*"}}) that no condition on the caller's or
 * source's account, organization, ARN or network restricts, which BlockPublicPolicy refuses.
 */
final class PolicyChecks {
    /** "This policy has invalid syntax." is AWS's MalformedPolicyDocumentException wording. */
    static final String INVALID_SYNTAX = "This policy has invalid syntax.";
    static final String BROAD_ACCESS = "BLOCK_PUBLIC_POLICY";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RESTRICTING_KEYS = Set.of("aws:sourceaccount", "aws:sourcearn",
            "aws:sourceowner", "aws:principalaccount", "aws:principalarn", "aws:principalorgid",
            "aws:principalorgpaths", "aws:sourceorgid", "aws:sourceorgpaths", "aws:sourcevpc", "aws:sourcevpce",
            "aws:userid", "aws:sourceip", "aws:calledvia");

    private PolicyChecks() {
    }

    /** The policy's statements; MalformedPolicyDocumentException if it is not a well-formed policy. */
    static List<JsonNode> statements(String policy) {
        JsonNode doc;
        try {
            doc = JSON.readTree(policy);
        } catch (IOException e) {
            throw SecretsErrors.malformedPolicy(INVALID_SYNTAX);
        }
        if (doc == null || !doc.isObject()) {
            throw SecretsErrors.malformedPolicy(INVALID_SYNTAX);
        }
        JsonNode version = doc.get("Version");
        if (version != null && !version.asText().equals("2012-10-17") && !version.asText().equals("2008-10-17")) {
            throw SecretsErrors.malformedPolicy(INVALID_SYNTAX);
        }
        JsonNode statement = doc.get("Statement");
        List<JsonNode> out = new ArrayList<>();
        if (statement != null && statement.isObject()) {
            out.add(statement);
        } else if (statement != null && statement.isArray() && statement.size() > 0) {
            statement.forEach(out::add);
        } else {
            throw SecretsErrors.malformedPolicy(INVALID_SYNTAX);
        }
        for (JsonNode s : out) {
            String effect = s.path("Effect").asText("");
            boolean hasPrincipal = s.has("Principal") || s.has("NotPrincipal");
            boolean hasAction = s.has("Action") || s.has("NotAction");
            if (!s.isObject() || !(effect.equals("Allow") || effect.equals("Deny")) || !hasPrincipal || !hasAction) {
                throw SecretsErrors.malformedPolicy(INVALID_SYNTAX);
            }
        }
        return out;
    }

    /** Whether a well-formed policy grants broad access. */
    static boolean grantsBroadAccess(List<JsonNode> statements) {
        for (JsonNode s : statements) {
            if (s.path("Effect").asText().equals("Allow") && everyone(s.get("Principal")) && !restricted(s)) {
                return true;
            }
        }
        return false;
    }

    private static boolean everyone(JsonNode principal) {
        if (principal == null) {
            return false;
        }
        if (principal.isTextual()) {
            return principal.asText().equals("*");
        }
        JsonNode aws = principal.get("AWS");
        if (aws == null) {
            return false;
        }
        if (aws.isTextual()) {
            return aws.asText().equals("*");
        }
        for (JsonNode p : aws) {
            if (p.asText().equals("*")) {
                return true;
            }
        }
        return false;
    }

    private static boolean restricted(JsonNode statement) {
        JsonNode condition = statement.get("Condition");
        if (condition == null || !condition.isObject()) {
            return false;
        }
        for (JsonNode operator : condition) {
            Iterator<String> keys = operator.fieldNames();
            while (keys.hasNext()) {
                if (RESTRICTING_KEYS.contains(keys.next().toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }
}
