package io.gureum.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.events.delivery.Envelope;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a bus's resource-based policy lets another account put events on it: an Allow statement for
 * {@code events:PutEvents} (or {@code events:*}) whose principal is the account ({@code 111122223333},
 * {@code arn:aws:iam::111122223333:root}) or {@code *}, on the bus, and no matching Deny. Statements with a
 * Condition (such as {@code aws:PrincipalOrgID}) are not evaluated: Gureum has no organizations, so they
 * never match. (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus-perms.html)
 */
final class BusPolicy {
    private BusPolicy() {
    }

    static boolean allowsPutEvents(String policy, String account, String busArn) {
        if (policy == null) {
            return false;
        }
        JsonNode root;
        try {
            root = Envelope.JSON.readTree(policy);
        } catch (Exception e) {
            return false;
        }
        boolean allowed = false;
        for (JsonNode s : list(root.path("Statement"))) {
            if (s.has("Condition") || !principal(s.path("Principal"), account) || !action(s.path("Action"))
                    || !resource(s.path("Resource"), busArn)) {
                continue;
            }
            if (s.path("Effect").asText().equals("Deny")) {
                return false;
            }
            allowed |= s.path("Effect").asText().equals("Allow");
        }
        return allowed;
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(out::add);
        } else if (!node.isMissingNode() && !node.isNull()) {
            out.add(node);
        }
        return out;
    }

    private static boolean principal(JsonNode p, String account) {
        if (p.isTextual()) {
            return p.asText().equals("*");
        }
        for (JsonNode a : list(p.path("AWS"))) {
            String v = a.asText();
            if (v.equals("*") || v.equals(account) || v.equals("arn:aws:iam::" + account + ":root")) {
                return true;
            }
        }
        return false;
    }

    private static boolean action(JsonNode a) {
        return list(a).stream().map(JsonNode::asText)
                .anyMatch(v -> v.equalsIgnoreCase("events:PutEvents") || v.equals("events:*") || v.equals("*"));
    }

    private static boolean resource(JsonNode r, String busArn) {
        return list(r).stream().map(JsonNode::asText).anyMatch(v -> v.equals(busArn) || v.equals("*")
                || (v.endsWith("*") && busArn.startsWith(v.substring(0, v.length() - 1))));
    }
}
