package io.gureum.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The statement grammar IAM checks on write (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html):
 * Effect Allow or Deny, actions as {@code vendor:Action} (wildcards allowed) or {@code *}, resources as ARNs or
 * {@code *}, condition operators IAM knows. Messages are the MalformedPolicyDocument wordings IAM answers.
 */
final class PolicyGrammar {
    private static final Pattern OPERATOR = Pattern.compile("(ForAllValues:|ForAnyValue:)?(StringEquals|StringNotEquals"
            + "|StringEqualsIgnoreCase|StringNotEqualsIgnoreCase|StringLike|StringNotLike|NumericEquals|NumericNotEquals"
            + "|NumericLessThan|NumericLessThanEquals|NumericGreaterThan|NumericGreaterThanEquals|DateEquals"
            + "|DateNotEquals|DateLessThan|DateLessThanEquals|DateGreaterThan|DateGreaterThanEquals|Bool|BinaryEquals"
            + "|IpAddress|NotIpAddress|ArnEquals|ArnNotEquals|ArnLike|ArnNotLike)(IfExists)?|Null");

    private PolicyGrammar() {
    }

    /** @param trust a role trust policy (no Resource), else a permissions policy */
    static void checkStatement(JsonNode s, boolean trust) {
        JsonNode effect = s.get("Effect");
        if (effect == null || !effect.isTextual()) {
            throw IamErrors.malformedPolicy("Syntax errors in policy.");
        }
        if (!effect.asText().equals("Allow") && !effect.asText().equals("Deny")) {
            throw IamErrors.malformedPolicy("Invalid effect: " + effect.asText());
        }
        JsonNode actions = s.has("Action") ? s.get("Action") : s.get("NotAction");
        if (actions == null) {
            throw IamErrors.malformedPolicy("Policy statement must contain actions.");
        }
        for (String action : strings(actions)) {
            if (action.equals("*")) {
                continue;
            }
            int colons = action.length() - action.replace(":", "").length();
            if (colons == 0) {
                throw IamErrors.malformedPolicy("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
            }
            if (colons > 1) {
                throw IamErrors.malformedPolicy("Actions/Condition can contain only one colon.");
            }
        }
        if (!trust) {
            JsonNode resources = s.has("Resource") ? s.get("Resource") : s.get("NotResource");
            if (resources != null) {
                for (String resource : strings(resources)) {
                    if (!resource.equals("*") && !resource.startsWith("arn:")) {
                        throw IamErrors.malformedPolicy("Resource " + resource + " must be in ARN format or \"*\".");
                    }
                }
            }
        }
        JsonNode condition = s.get("Condition");
        if (condition != null) {
            if (!condition.isObject()) {
                throw IamErrors.malformedPolicy("Syntax errors in policy.");
            }
            condition.fieldNames().forEachRemaining(op -> {
                if (!OPERATOR.matcher(op).matches()) {
                    throw IamErrors.malformedPolicy("Invalid Condition type : " + op + ".");
                }
            });
        }
    }

    /** A string or an array of strings; anything else is a syntax error. */
    private static List<String> strings(JsonNode node) {
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (node.isArray() && !node.isEmpty()) {
            java.util.ArrayList<String> out = new java.util.ArrayList<>();
            for (JsonNode n : node) {
                if (!n.isTextual()) {
                    throw IamErrors.malformedPolicy("Syntax errors in policy.");
                }
                out.add(n.asText());
            }
            return out;
        }
        throw IamErrors.malformedPolicy("Syntax errors in policy.");
    }
}
