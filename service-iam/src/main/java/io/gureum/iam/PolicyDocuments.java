package io.gureum.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Checks policy documents as IAM does on write, and writes them as IAM answers them. */
final class PolicyDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyDocuments() {
    }

    /**
     * A role's trust policy: CreateRole and UpdateAssumeRolePolicy answer "This policy contains invalid
     * Json"; a trust policy names no Resource, the role itself is the resource
     * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
     */
    static void checkTrustPolicy(String document) {
        JsonNode root = parse(document, "This policy contains invalid Json");
        checkGrammar(root);
        for (JsonNode s : statements(root)) {
            if (s.has("Resource")) {
                throw IamErrors.malformedPolicy("Has prohibited field Resource");
            }
            PolicyGrammar.checkStatement(s, true);
        }
        if (PolicyLimits.size(document) > PolicyLimits.TRUST) {
            throw IamErrors.quota("ACLSizePerRole", PolicyLimits.TRUST);
        }
    }

    /**
     * A permissions policy (managed or inline): "Syntax errors in policy."; a Principal belongs only in
     * trust and resource policies, so IAM refuses it here (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html:
     * "You cannot use the Principal element in an identity-based policy").
     */
    static void checkPermissionsPolicy(String document) {
        JsonNode root = parse(document, "Syntax errors in policy.");
        checkGrammar(root);
        for (JsonNode s : statements(root)) {
            if (s.has("Principal") || s.has("NotPrincipal")) {
                throw IamErrors.malformedPolicy("Policy document should not specify a principal.");
            }
            if (!s.has("Resource") && !s.has("NotResource")) {
                throw IamErrors.malformedPolicy("Policy statement must contain resources.");
            }
            PolicyGrammar.checkStatement(s, false);
        }
    }

    /** A managed policy: the grammar, and at most 6,144 characters without whitespace. */
    static void checkManagedPolicy(String document) {
        checkPermissionsPolicy(document);
        if (PolicyLimits.size(document) > PolicyLimits.MANAGED) {
            throw IamErrors.quota("PolicySize", PolicyLimits.MANAGED);
        }
    }

    /** The statements of a document that passed {@link #checkGrammar}: one object or an array of them. */
    private static Iterable<JsonNode> statements(JsonNode root) {
        JsonNode statement = root.get("Statement");
        return statement.isArray() ? statement : List.of(statement);
    }

    private static JsonNode parse(String document, String message) {
        try {
            JsonNode root = JSON.readTree(document);
            if (root == null || !root.isObject()) {
                throw IamErrors.malformedPolicy(message);
            }
            return root;
        } catch (java.io.IOException e) {
            throw IamErrors.malformedPolicy(message);
        }
    }

    /** The grammar's top level: a Statement (object or non-empty array of objects) is required. */
    private static void checkGrammar(JsonNode root) {
        JsonNode statement = root.get("Statement");
        boolean ok = statement != null && (statement.isObject()
                || statement.isArray() && !statement.isEmpty() && allObjects(statement));
        JsonNode version = root.get("Version");
        if (!ok || version != null && !version.isTextual()) {
            throw IamErrors.malformedPolicy("Syntax errors in policy.");
        }
        if (version != null && !version.asText().equals("2012-10-17") && !version.asText().equals("2008-10-17")) {
            throw IamErrors.malformedPolicy("The policy must contain a valid version string");
        }
    }

    private static boolean allObjects(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isObject()) {
                return false;
            }
        }
        return true;
    }

    /**
     * IAM answers policy documents URL-encoded (RFC 3986), e.g. GetRole's AssumeRolePolicyDocument
     * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html: "URL-encoded compliant with RFC
     * 3986"); botocore decodes them, SDK v2 callers decode them themselves.
     */
    static String encode(String document) {
        return document == null ? null : URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20")
                .replace("*", "%2A");
    }
}
