package io.gureum.sqs;

import io.gureum.core.error.AwsException;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.AsyncResponse;
import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * What the message operations share ({@link MessageSending}, {@link MessageReceiving}): validating and sending a message, receiving, deleting and changing
 * the visibility of one, and the checks of the batch operations.
 * See https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html and
 * API_ReceiveMessage.html.
 */
final class MessageOperations {
    private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern DEDUP_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");
    static final List<String> SYSTEM_ATTRIBUTES = List.of("SenderId", "SentTimestamp",
            "ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp", "SequenceNumber", "MessageDeduplicationId",
            "MessageGroupId", "AWSTraceHeader", "DeadLetterQueueSourceArn");

    private final ServiceContext context;
    private final SqsQueues queues;
    private final LongPoll longPoll;
    private final SqsMetrics metrics;

    MessageOperations(ServiceContext context, SqsQueues queues, LongPoll longPoll) {
        this.context = context;
        this.metrics = new SqsMetrics(context);
        this.queues = queues;
        this.longPoll = longPoll;
    }

    private long now() {
        return context.clock().now().toEpochMilli();
    }

    // ---- send -------------------------------------------------------------------------------

    /** The fields of SendMessage and of a SendMessageBatch entry. */
    record Outgoing(String body, Map<String, MessageAttributeValue> attributes,
            Map<String, software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue> systemAttributes,
            Integer delaySeconds, String groupId, String deduplicationId) {

        static Outgoing of(SendMessageRequest r) {
            return new Outgoing(r.messageBody(), r.messageAttributes(), r.messageSystemAttributesAsStrings(),
                    r.delaySeconds(), r.messageGroupId(), r.messageDeduplicationId());
        }

        static Outgoing of(SendMessageBatchRequestEntry r) {
            return new Outgoing(r.messageBody(), r.messageAttributes(), r.messageSystemAttributesAsStrings(),
                    r.delaySeconds(), r.messageGroupId(), r.messageDeduplicationId());
        }
    }

    /** Validates an outgoing message against the queue; the message size is returned for batch totals. */
    Queue.SendSpec validate(Queue q, Outgoing o) {
        MessageValidation.checkBody(o.body());
        Map<String, AttributeValue> attributes = MessageValidation.attributes(o.attributes());
        String trace = MessageValidation.traceHeader(o.systemAttributes());
        int max = q.intAttribute(QueueAttributes.MAXIMUM_MESSAGE_SIZE);
        int size = SqsMessage.sizeOf(o.body(), attributes);
        if (size > max) {
            throw SqsErrors.invalidParameterValue("One or more parameters are invalid. Reason: Message must be "
                    + "shorter than " + max + " bytes.");
        }
        if (o.delaySeconds() != null) {
            if (q.fifo && o.delaySeconds() != 0) {
                throw SqsErrors.unsupportedForQueueType("DelaySeconds", o.delaySeconds());
            }
            if (o.delaySeconds() < 0 || o.delaySeconds() > 900) {
                throw SqsErrors.invalidParameterValue("DelaySeconds", o.delaySeconds(),
                        "DelaySeconds must be >= 0 and <= 900.");
            }
        }
        if (q.fifo) {
            if (o.groupId() == null || o.groupId().isEmpty()) {
                throw SqsErrors.missingParameter("MessageGroupId");
            }
            if (!DEDUP_ID.matcher(o.groupId()).matches()) {
                throw SqsErrors.invalidParameterValue("MessageGroupId", o.groupId(),
                        "MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.");
            }
            if (o.deduplicationId() == null
                    && !"true".equals(q.attribute(QueueAttributes.CONTENT_BASED_DEDUPLICATION))) {
                throw SqsErrors.invalidParameterValue("The queue should either have ContentBasedDeduplication "
                        + "enabled or MessageDeduplicationId provided explicitly");
            }
            if (o.deduplicationId() != null && !DEDUP_ID.matcher(o.deduplicationId()).matches()) {
                throw SqsErrors.invalidParameterValue("MessageDeduplicationId", o.deduplicationId(),
                        "MessageDeduplicationId can only include alphanumeric and punctuation characters. "
                                + "1 to 128 in length.");
            }
        } else {
            if (o.deduplicationId() != null) {
                throw SqsErrors.unsupportedForQueueType("MessageDeduplicationId", o.deduplicationId());
            }
            if (o.groupId() != null && !DEDUP_ID.matcher(o.groupId()).matches()) {
                throw SqsErrors.invalidParameterValue("MessageGroupId", o.groupId(),
                        "MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.");
            }
        }
        return new Queue.SendSpec(o.body(), attributes, trace, o.delaySeconds(), o.groupId(), o.deduplicationId(),
                SenderIds.of(RequestContext.current()));
    }


    /** Sends and wakes one waiting receive. */
    Queue.SendResult send(Queue q, Queue.SendSpec spec) {
        Queue.SendResult r = sendQuietly(q, spec);
        if (!r.duplicate()) {
            q.signal(1);
        }
        return r;
    }

    /** Sends without waking waiting receives: a batch wakes them once, so a woken poll finds the whole batch. */
    Queue.SendResult sendQuietly(Queue q, Queue.SendSpec spec) {
        Queue.SendResult r = q.send(spec, context.ids().requestId(), now());
        if (!r.duplicate()) {
            metrics.sent(q, spec);
        }
        return r;
    }

    /** What a send answers: the digests are of the request, which differs from the original for a FIFO duplicate. */
    record Sent(String messageId, String md5OfBody, String md5OfAttributes, String md5OfSystemAttributes,
            String sequenceNumber) {
    }

    Sent sendAndDigest(Queue q, Queue.SendSpec spec, boolean wake) {
        Queue.SendResult r = wake ? send(q, spec) : sendQuietly(q, spec);
        SqsMessage m = r.message();
        if (!r.duplicate()) {
            return new Sent(m.id, m.md5OfBody, m.md5OfAttributes, m.md5OfSystemAttributes, m.sequenceNumber);
        }
        String sys = spec.traceHeader() == null ? null : MessageMd5.ofAttributes(
                Map.of("AWSTraceHeader", new AttributeValue("String", spec.traceHeader(), null)));
        return new Sent(m.id, MessageMd5.ofBody(spec.body()), MessageMd5.ofAttributes(spec.attributes()), sys,
                m.sequenceNumber);
    }

    /** Batch-level checks shared by the three batch operations; {@code entryType} names their entry shape. */
    static void checkBatch(List<String> ids, String entryType) {
        if (ids == null || ids.isEmpty()) {
            throw SqsErrors.emptyBatch(entryType);
        }
        if (ids.size() > 10) {
            throw SqsErrors.tooManyEntries(ids.size());
        }
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (id == null || !BATCH_ID.matcher(id).matches()) {
                throw SqsErrors.invalidBatchEntryId();
            }
            if (!seen.add(id)) {
                throw SqsErrors.idsNotDistinct(id);
            }
        }
    }

    static void checkBatchSize(List<SendMessageBatchRequestEntry> entries) {
        long total = 0;
        for (SendMessageBatchRequestEntry e : entries) {
            Map<String, AttributeValue> attrs = new LinkedHashMap<>();
            if (e.messageAttributes() != null) {
                e.messageAttributes().forEach((k, v) -> attrs.put(k, new AttributeValue(
                        v.dataType() == null ? "" : v.dataType(), v.stringValue(),
                        v.binaryValue() == null ? null : v.binaryValue().asByteArrayUnsafe())));
            }
            total += SqsMessage.sizeOf(e.messageBody() == null ? "" : e.messageBody(), attrs);
        }
        if (total > QueueAttributes.MAX_MESSAGE_SIZE) {
            throw SqsErrors.batchTooLong(QueueAttributes.MAX_MESSAGE_SIZE, total);
        }
    }

    /** The entry's error as a batch result: AWS reports per-entry failures instead of failing the call. */
    static BatchResultErrorEntry failure(String id, RuntimeException e) {
        String code;
        String message;
        boolean sender = true;
        if (e instanceof AwsException a) {
            code = a.code();
            message = a.getMessage();
            sender = a.senderFault();
        } else if (e instanceof AwsServiceException s) {
            code = s.awsErrorDetails().errorCode();
            message = s.awsErrorDetails().errorMessage();
        } else {
            throw e;
        }
        return BatchResultErrorEntry.builder().id(id).code(code).message(message).senderFault(sender).build();
    }

    // ---- receive ----------------------------------------------------------------------------

    /** Validates a receive and starts it; the future completes when messages arrive or the wait ends. */
    CompletableFuture<ReceiveMessageResponse> receive(Queue q, ReceiveMessageRequest r) {
        int max = r.maxNumberOfMessages() == null ? 1 : r.maxNumberOfMessages();
        if (max < 1 || max > 10) {
            throw SqsErrors.invalidParameterValue("MaxNumberOfMessages", max, "Must be between 1 and 10, if provided.");
        }
        int wait = r.waitTimeSeconds() != null ? r.waitTimeSeconds()
                : q.intAttribute(QueueAttributes.RECEIVE_MESSAGE_WAIT_TIME_SECONDS);
        if (wait < 0 || wait > 20) {
            throw SqsErrors.invalidParameterValue("WaitTimeSeconds", wait, "Must be >= 0 and <= 20, if provided.");
        }
        int visibility = r.visibilityTimeout() != null ? r.visibilityTimeout()
                : q.intAttribute(QueueAttributes.VISIBILITY_TIMEOUT);
        if (visibility < 0 || visibility > 43_200) {
            throw SqsErrors.invalidParameterValue("VisibilityTimeout", visibility,
                    "Must be >= 0 and <= 43200, if provided.");
        }
        String attemptId = r.receiveRequestAttemptId();
        if (attemptId != null && !q.fifo) {
            attemptId = null; // AWS ignores it on standard queues
        }
        Set<String> system = new HashSet<>();
        if (r.attributeNamesAsStrings() != null) {
            system.addAll(r.attributeNamesAsStrings());
        }
        if (r.messageSystemAttributeNamesAsStrings() != null) {
            system.addAll(r.messageSystemAttributeNamesAsStrings());
        }
        if (system.contains("All")) {
            system.addAll(SYSTEM_ATTRIBUTES);
        }
        List<String> wanted = r.messageAttributeNames() == null ? List.of() : r.messageAttributeNames();
        CompletableFuture<List<Queue.Delivery>> polled = longPoll.receive(q, max, visibility, attemptId, wait,
                queues::byArn);
        return AsyncResponse.propagateCancellation(polled.thenApply(deliveries -> {
                    metrics.received(q, deliveries.size());
                    List<Message> messages = new ArrayList<>(deliveries.size());
                    for (Queue.Delivery d : deliveries) {
                        messages.add(toMessage(d, system, wanted));
                    }
                    // AWS leaves Messages out of an empty answer: the CLI then prints nothing.
                    return messages.isEmpty() ? ReceiveMessageResponse.builder().build()
                            : ReceiveMessageResponse.builder().messages(messages).build();
                }), polled);
    }

    static Message toMessage(Queue.Delivery d, Set<String> system, List<String> wantedAttributes) {
        SqsMessage m = d.message();
        Map<String, String> attrs = new LinkedHashMap<>();
        for (String name : SYSTEM_ATTRIBUTES) {
            if (!system.contains(name)) {
                continue;
            }
            String v = switch (name) {
                case "SenderId" -> m.senderId;
                case "SentTimestamp" -> Long.toString(m.sentAt);
                case "ApproximateReceiveCount" -> Integer.toString(d.receiveCount());
                case "ApproximateFirstReceiveTimestamp" -> Long.toString(d.firstReceiveAt());
                case "SequenceNumber" -> m.sequenceNumber;
                case "MessageDeduplicationId" -> m.deduplicationId;
                case "MessageGroupId" -> m.groupId;
                case "AWSTraceHeader" -> m.traceHeader;
                case "DeadLetterQueueSourceArn" -> d.deadLetterSourceArn();
                default -> null;
            };
            if (v != null) {
                attrs.put(name, v);
            }
        }
        Map<String, AttributeValue> selected = selectAttributes(m.attributes, wantedAttributes);
        Message.Builder b = Message.builder().messageId(m.id).receiptHandle(d.receiptHandle()).md5OfBody(m.md5OfBody)
                .body(m.body);
        if (!attrs.isEmpty()) {
            b.attributesWithStrings(attrs);
        }
        if (!selected.isEmpty()) {
            Map<String, MessageAttributeValue> out = new LinkedHashMap<>();
            selected.forEach((k, v) -> out.put(k, v.isBinary()
                    ? MessageAttributeValue.builder().dataType(v.dataType()).binaryValue(SdkBytes.fromByteArray(v.binaryValue())).build()
                    : MessageAttributeValue.builder().dataType(v.dataType()).stringValue(v.stringValue()).build()));
            b.messageAttributes(out).md5OfMessageAttributes(MessageMd5.ofAttributes(selected));
        }
        return b.build();
    }

    /** {@code All} or {@code .*} selects every attribute, {@code prefix.*} those with the prefix. */
    static Map<String, AttributeValue> selectAttributes(Map<String, AttributeValue> all, List<String> wanted) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        if (all.isEmpty() || wanted.isEmpty()) {
            return out;
        }
        for (Map.Entry<String, AttributeValue> e : all.entrySet()) {
            for (String w : wanted) {
                boolean match = w.equals("All") || w.equals(".*") || w.equals(e.getKey())
                        || (w.endsWith(".*") && e.getKey().startsWith(w.substring(0, w.length() - 1)));
                if (match) {
                    out.put(e.getKey(), e.getValue());
                    break;
                }
            }
        }
        return out;
    }

    // ---- delete and visibility --------------------------------------------------------------

    void delete(Queue q, String receiptHandle) {
        if (receiptHandle == null || receiptHandle.isEmpty()) {
            throw SqsErrors.missingParameter("ReceiptHandle");
        }
        q.delete(receiptHandle, now());
        metrics.deleted(q);
    }

    void changeVisibility(Queue q, String receiptHandle, Integer timeout) {
        if (receiptHandle == null || receiptHandle.isEmpty()) {
            throw SqsErrors.missingParameter("ReceiptHandle");
        }
        if (timeout == null) {
            throw SqsErrors.missingParameter("VisibilityTimeout");
        }
        if (timeout < 0 || timeout > 43_200) {
            throw SqsErrors.invalidParameterValue("VisibilityTimeout", timeout,
                    "VisibilityTimeout must be an integer between 0 and 43200");
        }
        q.changeVisibility(receiptHandle, timeout, now());
    }
}
