package io.gureum.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.ids.Arn;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Dead-letter queue policies: the source's {@code RedrivePolicy}
 * ({@code {"deadLetterTargetArn":…,"maxReceiveCount":n}}, n in 1–1000) and the target's
 * {@code RedriveAllowPolicy} ({@code allowAll}, {@code denyAll}, or {@code byQueue} with 1–10 source
 * ARNs). See https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
 */
final class Redrive {
    record Policy(String deadLetterTargetArn, int maxReceiveCount) {
        String toJson() {
            ObjectNode n = QueuePolicies.JSON.createObjectNode();
            n.put("deadLetterTargetArn", deadLetterTargetArn);
            n.put("maxReceiveCount", maxReceiveCount);
            return n.toString();
        }
    }

    record AllowPolicy(String permission, List<String> sourceQueueArns) {
        boolean allows(String sourceArn) {
            return switch (permission) {
                case "denyAll" -> false;
                case "byQueue" -> sourceQueueArns.contains(sourceArn);
                default -> true;
            };
        }

        String toJson() {
            ObjectNode n = QueuePolicies.JSON.createObjectNode();
            n.put("redrivePermission", permission);
            if (!sourceQueueArns.isEmpty()) {
                ArrayNode a = n.putArray("sourceQueueArns");
                sourceQueueArns.forEach(a::add);
            }
            return n.toString();
        }
    }

    private Redrive() {
    }

    static Policy parsePolicy(String value) {
        JsonNode n = json(QueueAttributes.REDRIVE_POLICY, value);
        JsonNode target = n.get("deadLetterTargetArn");
        JsonNode count = n.get("maxReceiveCount");
        if (target == null || !target.isTextual()) {
            throw invalid(value, "Redrive policy does not contain mandatory attribute: deadLetterTargetArn.");
        }
        if (count == null) {
            throw invalid(value, "Redrive policy does not contain mandatory attribute: maxReceiveCount.");
        }
        int max;
        try {
            max = count.isNumber() ? count.intValue() : Integer.parseInt(count.asText().trim());
        } catch (NumberFormatException e) {
            throw invalid(value, "Invalid value for maxReceiveCount: " + count.asText()
                    + ", valid values are from 1 to 1000 both inclusive.");
        }
        if (max < 1 || max > 1000) {
            throw invalid(value, "Invalid value for maxReceiveCount: " + max
                    + ", valid values are from 1 to 1000 both inclusive.");
        }
        try {
            Arn.parse(target.asText());
        } catch (IllegalArgumentException e) {
            throw invalid(value, "Invalid value for deadLetterTargetArn.");
        }
        return new Policy(target.asText(), max);
    }

    static AllowPolicy parseAllowPolicy(String value) {
        JsonNode n = json(QueueAttributes.REDRIVE_ALLOW_POLICY, value);
        String permission = n.path("redrivePermission").asText("");
        List<String> sources = new ArrayList<>();
        n.path("sourceQueueArns").forEach(s -> sources.add(s.asText()));
        switch (permission) {
            case "allowAll", "denyAll" -> {
                if (!sources.isEmpty()) {
                    throw SqsErrors.invalidParameterValue(QueueAttributes.REDRIVE_ALLOW_POLICY, value,
                            "Only when redrivePermission is byQueue can sourceQueueArns be specified.");
                }
            }
            case "byQueue" -> {
                if (sources.isEmpty() || sources.size() > 10) {
                    throw SqsErrors.invalidParameterValue(QueueAttributes.REDRIVE_ALLOW_POLICY, value,
                            "When redrivePermission is byQueue, sourceQueueArns must contain 1 to 10 queue ARNs.");
                }
            }
            default -> throw SqsErrors.invalidParameterValue(QueueAttributes.REDRIVE_ALLOW_POLICY, value,
                    "Invalid value for redrivePermission: valid values are allowAll, denyAll and byQueue.");
        }
        return new AllowPolicy(permission, sources);
    }

    private static JsonNode json(String name, String value) {
        try {
            JsonNode n = QueuePolicies.JSON.readTree(value);
            if (n != null && n.isObject()) {
                return n;
            }
        } catch (IOException e) {
            // falls through
        }
        throw SqsErrors.invalidParameterValue(name, value, "Invalid JSON.");
    }

    static RuntimeException invalid(String value, String reason) {
        return SqsErrors.invalidParameterValue(QueueAttributes.REDRIVE_POLICY, value, reason);
    }
}
