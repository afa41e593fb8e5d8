package io.gureum.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.cloudformation.engine.ChangeSetRecord;
import io.gureum.cloudformation.engine.Changes;
import io.gureum.cloudformation.engine.Engine;
import io.gureum.cloudformation.engine.Prepared;
import io.gureum.cloudformation.engine.StackRecord;
import io.gureum.cloudformation.template.TemplateError;
import java.util.ArrayList;
import java.util.List;

/**
 * Stack policies ("Prevent updates to stack resources"): once a stack has one, an update may change only
 * what a statement allows ({@code Update:Modify}, {@code Update:Replace}, {@code Update:Delete},
 * {@code Update:*}) and no statement denies, matched by {@code Resource: LogicalResourceId/<id>} (wildcards)
 * and {@code Condition StringEquals/StringLike ResourceType}. A denied update fails and rolls back before
 * any resource changes.
 */
final class StackPolicy {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StackPolicy() {
    }

    static JsonNode parse(String body) {
        try {
            JsonNode p = JSON.readTree(body);
            if (p == null || !p.has("Statement")) {
                throw TemplateError.validation("Error validating stack policy: Statement is required");
            }
            return p;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw TemplateError.validation("Error validating stack policy: Invalid JSON");
        }
    }

    /** A change the policy denies: the resource and AWS's message. */
    record Denial(String logicalId, String message) {
    }

    /**
     * The first change of the update the policy (or the policy given for this update only) denies, or null:
     * the engine then records the denial as AWS does and rolls the update back.
     */
    static Denial check(StackRecord stack, Prepared prepared, String duringUpdate, Engine engine) {
        String body = duringUpdate != null ? duringUpdate : stack.stackPolicyBody;
        if (body == null) {
            return null;
        }
        JsonNode policy = parse(body);
        for (ChangeSetRecord.ResourceChangeRow row : Changes.of(engine, stack, prepared)) {
            String action = switch (row.action()) {
                case "Modify" -> "True".equals(row.replacement()) ? "Update:Replace" : "Update:Modify";
                case "Remove" -> "Update:Delete";
                default -> null;
            };
            if (action == null) {
                continue;
            }
            String denial = decide(policy, action, row.logicalId(), row.type());
            if (denial != null) {
                return new Denial(row.logicalId(), denial);
            }
        }
        return null;
    }

    /** Null when allowed; else AWS's denial message. */
    static String decide(JsonNode policy, String action, String logicalId, String type) {
        boolean allowed = false;
        List<JsonNode> statements = new ArrayList<>();
        JsonNode s = policy.get("Statement");
        (s.isArray() ? s : List.of(s)).forEach(statements::add);
        for (int i = 0; i < statements.size(); i++) {
            JsonNode st = statements.get(i);
            if (!matches(st, action, logicalId, type)) {
                continue;
            }
            if ("Deny".equals(st.path("Effect").asText())) {
                return "Action denied by stack policy: Statement [#" + (i + 1) + "] denies [" + action
                        + "] for resource [LogicalResourceId/" + logicalId + "]";
            }
            allowed = true;
        }
        return allowed ? null : "Action not allowed by stack policy: No statement allows [" + action
                + "] for resource [LogicalResourceId/" + logicalId + "]";
    }

    private static boolean matches(JsonNode st, String action, String logicalId, String type) {
        boolean notAction = st.has("NotAction");
        boolean actionMatch = any(st.has("Action") ? st.get("Action") : st.path("NotAction"), action);
        if (notAction == actionMatch) {
            return false;
        }
        boolean notResource = st.has("NotResource");
        boolean resourceMatch = any(st.has("Resource") ? st.get("Resource") : st.path("NotResource"),
                "LogicalResourceId/" + logicalId);
        if (notResource == resourceMatch) {
            return false;
        }
        JsonNode cond = st.path("Condition");
        for (String op : List.of("StringEquals", "StringLike")) {
            JsonNode c = cond.path(op).get("ResourceType");
            if (c != null && !any(c, type)) {
                return false;
            }
        }
        return true;
    }

    private static boolean any(JsonNode patterns, String value) {
        for (JsonNode p : patterns.isArray() ? patterns : List.of(patterns)) {
            if (glob(p.asText(), value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean glob(String pattern, String value) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return value.matches(re.toString());
    }
}
