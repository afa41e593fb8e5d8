package io.gureum.s3.access;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether a bucket policy is public, per "The meaning of public" in
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status:
 * a policy is non-public only when every Allow statement grants to fixed principals, or its wildcard
 * principal is narrowed by a condition with fixed values (no wildcards) on one of the keys S3 lists.
 */
public final class PublicPolicies {
    /** The condition keys whose fixed values make a wildcard principal non-public. */
    private static final Set<String> NARROWING = Set.of("aws:sourcearn", "aws:sourcevpc", "aws:sourcevpce",
            "aws:sourceowner", "aws:sourceaccount", "aws:sourceip", "aws:userid", "aws:principalaccount",
            "aws:principalarn", "aws:principalorgid", "aws:principalorgpaths",
            "s3:x-amz-server-side-encryption-aws-kms-key-id", "s3:dataaccesspointarn", "s3:dataaccesspointaccount");

    private PublicPolicies() {
    }

    /** Whether the parsed policy document is public. */
    public static boolean isPublic(JsonNode policy) {
        for (JsonNode s : statements(policy)) {
            if (isPublicStatement(s)) {
                return true;
            }
        }
        return false;
    }

    /** The statements of a policy (a lone statement object counts as a list of one). */
    static List<JsonNode> statements(JsonNode policy) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode st = policy == null ? null : policy.get("Statement");
        if (st == null) {
            return out;
        }
        if (st.isArray()) {
            st.forEach(out::add);
        } else if (st.isObject()) {
            out.add(st);
        }
        return out;
    }

    static boolean isPublicStatement(JsonNode s) {
        if (!"Allow".equals(s.path("Effect").asText())) {
            return false;
        }
        if (s.has("NotPrincipal")) {
            return true;
        }
        return wildcardPrincipal(s.get("Principal")) && !narrowed(s.get("Condition"));
    }

    private static boolean wildcardPrincipal(JsonNode principal) {
        if (principal == null) {
            return false;
        }
        if (principal.isTextual()) {
            return wild(principal.asText());
        }
        for (Map.Entry<String, JsonNode> e : principal.properties()) {
            if ("Service".equals(e.getKey()) || "Federated".equals(e.getKey())) {
                continue;
            }
            for (JsonNode v : e.getValue().isArray() ? e.getValue() : List.of(e.getValue())) {
                if (wild(v.asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean narrowed(JsonNode condition) {
        if (condition == null || !condition.isObject()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> op : condition.properties()) {
            String operator = op.getKey();
            if (operator.endsWith("IfExists") || operator.startsWith("Not") || operator.contains(":StringNot")
                    || operator.equals("Null") || operator.startsWith("Bool") || operator.startsWith("Numeric")
                    || operator.startsWith("Date")) {
                continue;
            }
            for (Map.Entry<String, JsonNode> key : op.getValue().properties()) {
                if (!NARROWING.contains(key.getKey().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                boolean fixed = true;
                for (JsonNode v : key.getValue().isArray() ? key.getValue() : List.of(key.getValue())) {
                    String value = v.asText();
                    if (wild(value) || ("aws:sourceip".equalsIgnoreCase(key.getKey()) && broadCidr(value))) {
                        fixed = false;
                    }
                }
                if (fixed) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean wild(String value) {
        return value.contains("*") || value.contains("?");
    }

    /** An IPv4 range wider than /8 (or IPv6 wider than /32) counts as public, as S3 says. */
    private static boolean broadCidr(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return false;
        }
        try {
            int prefix = Integer.parseInt(cidr.substring(slash + 1));
            return cidr.contains(":") ? prefix < 32 : prefix < 8;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
