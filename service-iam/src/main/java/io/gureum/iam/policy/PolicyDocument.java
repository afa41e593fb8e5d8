package io.gureum.iam.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed policy document (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html).
 * Elements that may be a string or an array of strings are always lists here; condition values that are
 * JSON booleans or numbers become their text.
 */
public record PolicyDocument(String version, List<Statement> statements) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public PolicyDocument {
        statements = List.copyOf(statements);
    }

    /** Parses a document; throws {@link PolicySyntaxException} with IAM's "Syntax errors in policy." otherwise. */
    public static PolicyDocument parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new PolicySyntaxException("Syntax errors in policy.");
        }
        if (root == null || !root.isObject()) {
            throw new PolicySyntaxException("Syntax errors in policy.");
        }
        JsonNode version = root.get("Version");
        if (version != null && (!version.isTextual()
                || !version.asText().equals("2012-10-17") && !version.asText().equals("2008-10-17"))) {
            throw new PolicySyntaxException("The policy must contain a valid version string");
        }
        JsonNode statement = root.get("Statement");
        if (statement == null || !statement.isObject() && !(statement.isArray() && !statement.isEmpty())) {
            throw new PolicySyntaxException("Syntax errors in policy.");
        }
        List<Statement> statements = new ArrayList<>();
        for (JsonNode s : statement.isArray() ? statement : List.of(statement)) {
            statements.add(statement(s));
        }
        return new PolicyDocument(version == null ? null : version.asText(), statements);
    }

    /** The document's decision alone: an applying Deny wins over an applying Allow; no Allow is an implicit deny. */
    public Evaluation evaluate(AuthorizationRequest request) {
        Statement allow = null;
        for (Statement s : statements) {
            if (s.applies(request)) {
                if (s.effect() == Effect.DENY) {
                    return new Evaluation(Decision.EXPLICIT_DENY, s);
                }
                allow = allow == null ? s : allow;
            }
        }
        return allow != null ? new Evaluation(Decision.ALLOW, allow) : new Evaluation(Decision.IMPLICIT_DENY, null);
    }

    private static Statement statement(JsonNode s) {
        if (!s.isObject()) {
            throw new PolicySyntaxException("Syntax errors in policy.");
        }
        JsonNode effect = s.get("Effect");
        if (effect == null || !effect.isTextual()
                || !effect.asText().equals("Allow") && !effect.asText().equals("Deny")) {
            throw new PolicySyntaxException("Syntax errors in policy.");
        }
        List<String> actions = strings(s.get("Action"));
        List<String> notActions = strings(s.get("NotAction"));
        if (actions == null && notActions == null || actions != null && notActions != null) {
            throw new PolicySyntaxException("Syntax errors in policy.");
        }
        JsonNode sid = s.get("Sid");
        return new Statement(sid == null ? null : sid.asText(),
                effect.asText().equals("Allow") ? Effect.ALLOW : Effect.DENY, principals(s.get("Principal")),
                principals(s.get("NotPrincipal")), actions, notActions, strings(s.get("Resource")),
                strings(s.get("NotResource")), conditions(s.get("Condition")));
    }

    private static List<String> strings(JsonNode node) {
        if (node == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode n : node) {
                if (!n.isValueNode()) {
                    throw new PolicySyntaxException("Syntax errors in policy.");
                }
                out.add(n.asText());
            }
        } else if (node.isValueNode() && !node.isNull()) {
            out.add(node.asText());
        } else {
            throw new PolicySyntaxException("Syntax errors in policy.");
        }
        return out;
    }

    private static Principals principals(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual() && node.asText().equals("*")) {
            return Principals.EVERYONE;
        }
        if (!node.isObject()) {
            throw new PolicySyntaxException("Syntax errors in policy.");
        }
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> byKind.put(e.getKey(), strings(e.getValue())));
        return new Principals(false, byKind);
    }

    private static List<Condition> conditions(JsonNode node) {
        if (node == null) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new PolicySyntaxException("Syntax errors in policy.");
        }
        List<Condition> out = new ArrayList<>();
        node.fields().forEachRemaining(op -> {
            if (!op.getValue().isObject()) {
                throw new PolicySyntaxException("Syntax errors in policy.");
            }
            op.getValue().fields().forEachRemaining(
                    key -> out.add(new Condition(op.getKey(), key.getKey(), strings(key.getValue()))));
        });
        return out;
    }
}
