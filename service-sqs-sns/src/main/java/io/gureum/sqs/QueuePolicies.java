package io.gureum.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/**
 * The queue's access policy document: validated as JSON when set, and edited by AddPermission and
 * RemovePermission, which add or remove one statement whose Sid is the label
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_AddPermission.html).
 * Gureum stores policies; it does not enforce them.
 */
final class QueuePolicies {
    static final ObjectMapper JSON = new ObjectMapper();

    private QueuePolicies() {
    }

    static String validate(String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(value);
            if (n != null && n.isObject()) {
                return value;
            }
        } catch (IOException e) {
            // falls through
        }
        throw SqsErrors.invalidAttributeValue(QueueAttributes.POLICY, "Invalid JSON");
    }

    /** Actions a queue owner can grant: the others are the owner's alone. */
    private static final java.util.Set<String> GRANTABLE = java.util.Set.of("*", "ChangeMessageVisibility",
            "DeleteMessage", "GetQueueAttributes", "GetQueueUrl", "ListDeadLetterSourceQueues", "PurgeQueue",
            "ReceiveMessage", "SendMessage");

    /**
     * A statement holds at most seven actions (OverLimit, 403), each one a queue owner may grant
     * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_AddPermission.html).
     */
    static void checkActions(List<String> actions) {
        if (actions.size() > 7) {
            throw new io.gureum.core.error.AwsException("OverLimit",
                    actions.size() + " Actions were found, maximum allowed is 7.", 403);
        }
        for (String a : actions) {
            String name = a.startsWith("SQS:") ? a.substring(4) : a;
            if (!GRANTABLE.contains(name)) {
                throw SqsErrors.invalidParameterValue("ActionName", "SQS:" + name,
                        "Only the queue owner is allowed to invoke this action.");
            }
        }
    }

    static String addStatement(String policy, String queueArn, String label, List<String> accounts,
            List<String> actions, String partition) {
        ObjectNode doc = parseOrNew(policy, queueArn);
        ArrayNode statements = doc.withArray("Statement");
        for (JsonNode s : statements) {
            if (label.equals(s.path("Sid").asText(null))) {
                throw SqsErrors.invalidParameterValue("Label", label, "Already exists.");
            }
        }
        ObjectNode s = statements.addObject();
        s.put("Sid", label);
        s.put("Effect", "Allow");
        ArrayNode principals = s.putObject("Principal").putArray("AWS");
        accounts.forEach(a -> principals.add("arn:" + partition + ":iam::" + a + ":root"));
        ArrayNode acts = s.putArray("Action");
        actions.forEach(a -> acts.add(a.startsWith("SQS:") || a.equals("*") ? a : "SQS:" + a));
        s.put("Resource", queueArn);
        return doc.toString();
    }

    static String removeStatement(String policy, String label) {
        if (policy != null) {
            ObjectNode doc = parseOrNew(policy, null);
            ArrayNode statements = doc.withArray("Statement");
            for (Iterator<JsonNode> it = statements.iterator(); it.hasNext(); ) {
                if (label.equals(it.next().path("Sid").asText(null))) {
                    it.remove();
                    return statements.isEmpty() ? null : doc.toString();
                }
            }
        }
        throw SqsErrors.invalidParameterValue("Label", label, "can't find label on existing policy.");
    }

    private static ObjectNode parseOrNew(String policy, String queueArn) {
        if (policy != null) {
            try {
                return (ObjectNode) JSON.readTree(policy);
            } catch (IOException | ClassCastException e) {
                // replaced below
            }
        }
        ObjectNode doc = JSON.createObjectNode();
        doc.put("Version", "2012-10-17");
        if (queueArn != null) {
            doc.put("Id", queueArn + "/SQSDefaultPolicy");
        }
        doc.putArray("Statement");
        return doc;
    }
}
