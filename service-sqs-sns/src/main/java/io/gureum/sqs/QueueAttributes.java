package io.gureum.sqs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settable queue attributes: names, AWS's valid ranges and defaults. See
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
 * Values are kept as the strings AWS returns; policies are validated by {@link Redrive} and
 * {@link QueuePolicies}.
 */
final class QueueAttributes {
    static final String DELAY_SECONDS = "DelaySeconds";
    static final String MAXIMUM_MESSAGE_SIZE = "MaximumMessageSize";
    static final String MESSAGE_RETENTION_PERIOD = "MessageRetentionPeriod";
    static final String POLICY = "Policy";
    static final String RECEIVE_MESSAGE_WAIT_TIME_SECONDS = "ReceiveMessageWaitTimeSeconds";
    static final String VISIBILITY_TIMEOUT = "VisibilityTimeout";
    static final String REDRIVE_POLICY = "RedrivePolicy";
    static final String REDRIVE_ALLOW_POLICY = "RedriveAllowPolicy";
    static final String KMS_MASTER_KEY_ID = "KmsMasterKeyId";
    static final String KMS_DATA_KEY_REUSE_PERIOD_SECONDS = "KmsDataKeyReusePeriodSeconds";
    static final String SQS_MANAGED_SSE_ENABLED = "SqsManagedSseEnabled";
    static final String FIFO_QUEUE = "FifoQueue";
    static final String CONTENT_BASED_DEDUPLICATION = "ContentBasedDeduplication";
    static final String DEDUPLICATION_SCOPE = "DeduplicationScope";
    static final String FIFO_THROUGHPUT_LIMIT = "FifoThroughputLimit";

    /** Since August 2025 the limit is 1 MiB for a message and for a whole batch. */
    static final int MAX_MESSAGE_SIZE = 1_048_576;

    static final Set<String> FIFO_ONLY = Set.of(CONTENT_BASED_DEDUPLICATION, DEDUPLICATION_SCOPE, FIFO_THROUGHPUT_LIMIT);
    static final Set<String> READ_ONLY = Set.of("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
            "ApproximateNumberOfMessagesDelayed", "CreatedTimestamp", "LastModifiedTimestamp", "QueueArn");
    private static final Set<String> SETTABLE = Set.of(DELAY_SECONDS, MAXIMUM_MESSAGE_SIZE, MESSAGE_RETENTION_PERIOD,
            POLICY, RECEIVE_MESSAGE_WAIT_TIME_SECONDS, VISIBILITY_TIMEOUT, REDRIVE_POLICY, REDRIVE_ALLOW_POLICY,
            KMS_MASTER_KEY_ID, KMS_DATA_KEY_REUSE_PERIOD_SECONDS, SQS_MANAGED_SSE_ENABLED, CONTENT_BASED_DEDUPLICATION,
            DEDUPLICATION_SCOPE, FIFO_THROUGHPUT_LIMIT);

    private QueueAttributes() {
    }

    /** The attributes a new queue starts with. */
    static Map<String, String> defaults(boolean fifo) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put(DELAY_SECONDS, "0");
        a.put(MAXIMUM_MESSAGE_SIZE, Integer.toString(MAX_MESSAGE_SIZE));
        a.put(MESSAGE_RETENTION_PERIOD, "345600");
        a.put(RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "0");
        a.put(VISIBILITY_TIMEOUT, "30");
        a.put(SQS_MANAGED_SSE_ENABLED, "true");
        if (fifo) {
            a.put(CONTENT_BASED_DEDUPLICATION, "false");
            a.put(DEDUPLICATION_SCOPE, "queue");
            a.put(FIFO_THROUGHPUT_LIMIT, "perQueue");
        }
        return a;
    }

    private static final Map<String, String> STANDARD_DEFAULTS = Collections.unmodifiableMap(defaults(false));
    private static final Map<String, String> FIFO_DEFAULTS = Collections.unmodifiableMap(defaults(true));

    /**
     * The map a queue keeps (and never changes in place): the one shared default map when {@code attributes} equal a
     * standard or FIFO queue's defaults in the same order, else a copy.
     */
    static Map<String, String> shared(Map<String, String> attributes) {
        for (Map<String, String> d : List.of(STANDARD_DEFAULTS, FIFO_DEFAULTS)) {
            if (d.equals(attributes) && List.copyOf(d.keySet()).equals(List.copyOf(attributes.keySet()))) {
                return d;
            }
        }
        return new LinkedHashMap<>(attributes);
    }

    /**
     * Checks one attribute a caller sets and returns the value to store (normalised, or null to remove).
     * Redrive policies are checked against other queues by the caller.
     */
    static String validate(String name, String value, boolean fifo) {
        if (!SETTABLE.contains(name) || (!fifo && FIFO_ONLY.contains(name))) {
            throw SqsErrors.invalidAttributeName(name);
        }
        if (value == null) {
            throw SqsErrors.invalidAttributeValue(name, null);
        }
        return switch (name) {
            case DELAY_SECONDS -> range(name, value, 0, 900);
            case MAXIMUM_MESSAGE_SIZE -> range(name, value, 1024, MAX_MESSAGE_SIZE);
            case MESSAGE_RETENTION_PERIOD -> range(name, value, 60, 1_209_600);
            case RECEIVE_MESSAGE_WAIT_TIME_SECONDS -> range(name, value, 0, 20);
            case VISIBILITY_TIMEOUT -> range(name, value, 0, 43_200);
            case KMS_DATA_KEY_REUSE_PERIOD_SECONDS -> range(name, value, 60, 86_400);
            case SQS_MANAGED_SSE_ENABLED, CONTENT_BASED_DEDUPLICATION -> bool(name, value);
            case DEDUPLICATION_SCOPE -> oneOf(name, value, "messageGroup", "queue");
            case FIFO_THROUGHPUT_LIMIT -> oneOf(name, value, "perQueue", "perMessageGroupId");
            case POLICY -> QueuePolicies.validate(value);
            case KMS_MASTER_KEY_ID -> value.isEmpty() ? null : value;
            case REDRIVE_POLICY, REDRIVE_ALLOW_POLICY -> value; // checked by Redrive, which knows the queues
            default -> value;
        };
    }

    /** Cross-attribute rules, after all values of one request are applied. */
    static void checkCombination(Map<String, String> a) {
        if ("perMessageGroupId".equals(a.get(FIFO_THROUGHPUT_LIMIT)) && "queue".equals(a.get(DEDUPLICATION_SCOPE))) {
            throw SqsErrors.invalidParameterValue(FIFO_THROUGHPUT_LIMIT, "perMessageGroupId",
                    "The perMessageGroupId value is allowed only when the value for DeduplicationScope is messageGroup.");
        }
    }

    static int intValue(Map<String, String> a, String name) {
        return Integer.parseInt(a.get(name));
    }

    private static String range(String name, String value, long min, long max) {
        try {
            long v = Long.parseLong(value.trim());
            if (v >= min && v <= max) {
                return Long.toString(v);
            }
        } catch (NumberFormatException e) {
            // falls through to the error
        }
        throw SqsErrors.invalidAttributeValue(name, null);
    }

    private static String bool(String name, String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return value.toLowerCase(java.util.Locale.ROOT);
        }
        throw SqsErrors.invalidAttributeValue(name, null);
    }

    private static String oneOf(String name, String value, String... allowed) {
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw SqsErrors.invalidAttributeValue(name, null);
    }
}
