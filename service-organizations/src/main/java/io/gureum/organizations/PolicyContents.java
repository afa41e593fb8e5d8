package io.gureum.organizations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import software.amazon.awssdk.services.organizations.model.ConstraintViolationExceptionReason;
import software.amazon.awssdk.services.organizations.model.MalformedPolicyDocumentException;

/**
 * Checks a policy document against its type's grammar and size before it is stored
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html,
 * orgs_manage_policies_rcps_syntax.html, orgs_reference_limits.html).
 */
final class PolicyContents {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MALFORMED = "The provided policy document doesn't meet the requirements of the specified "
            + "policy type.";
    private static final Set<String> SCP_KEYS = Set.of("Sid", "Effect", "Action", "NotAction", "Resource",
            "NotResource", "Condition");
    private static final Set<String> RCP_KEYS = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");

    private PolicyContents() {
    }

    /** The largest document of a type, in characters. */
    static int maxSize(String type) {
        return switch (type) {
            case "SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY" -> 5_120;
            case "AISERVICES_OPT_OUT_POLICY" -> 2_500;
            default -> 10_000;
        };
    }

    static void check(String type, String content) {
        if (content.length() > maxSize(type)) {
            throw OrgErrors.constraint(ConstraintViolationExceptionReason.POLICY_CONTENT_LIMIT_EXCEEDED,
                    "The provided policy document exceeds the maximum size for the specified policy type.");
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(content);
        } catch (Exception e) {
            throw malformed();
        }
        if (doc == null || !doc.isObject()) {
            throw malformed();
        }
        switch (type) {
            case "SERVICE_CONTROL_POLICY" -> statements(doc, SCP_KEYS, false);
            case "RESOURCE_CONTROL_POLICY" -> statements(doc, RCP_KEYS, true);
            default -> {
                // Management policies (tag, backup, AI opt-out) are objects of their own inheritance syntax.
            }
        }
    }

    /**
     * An IAM-style document: Version 2012-10-17, and Statement(s) each with an Effect (SCPs: Allow or Deny;
     * RCPs: Deny only, but for the AWS managed RCPFullAWSAccess), an Action or NotAction, and, for RCPs, a
     * Principal and a Resource.
     */
    private static void statements(JsonNode doc, Set<String> keys, boolean rcp) {
        JsonNode version = doc.get("Version");
        if (version != null && !"2012-10-17".equals(version.asText())) {
            throw malformed();
        }
        JsonNode st = doc.get("Statement");
        if (st == null || !(st.isArray() || st.isObject()) || st.isArray() && st.isEmpty()) {
            throw malformed();
        }
        for (JsonNode s : st.isArray() ? st : JSON.createArrayNode().add(st)) {
            if (!s.isObject()) {
                throw malformed();
            }
            s.fieldNames().forEachRemaining(k -> {
                if (!keys.contains(k)) {
                    throw malformed();
                }
            });
            String effect = s.path("Effect").asText();
            boolean effectOk = rcp ? effect.equals("Deny") : effect.equals("Allow") || effect.equals("Deny");
            if (!effectOk || s.has("Action") == s.has("NotAction")) {
                throw malformed();
            }
            if (rcp && (!(s.has("Principal") || s.has("NotPrincipal")) || !(s.has("Resource") || s.has("NotResource")))) {
                throw malformed();
            }
        }
    }

    private static MalformedPolicyDocumentException malformed() {
        return OrgErrors.of(MalformedPolicyDocumentException.class, MALFORMED);
    }
}
