package io.gureum.sqs;

import io.gureum.core.targets.QueueTarget;
import io.gureum.core.time.GureumClock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Queues as core's {@link QueueTarget}s, for what no public operation expresses: Lambda's event source
 * mappings receive (without a wait), delete and change the visibility of messages on the queue owner's
 * behalf. Other services send with an in-process {@code SqsClient.sendMessage}; {@link QueueTarget#send}
 * is kept because the interface is core's.
 */
final class QueueTargets {
    private final SqsQueues queues;
    private final MessageOperations messages;
    private final GureumClock clock;

    QueueTargets(SqsQueues queues, MessageOperations messages, GureumClock clock) {
        this.queues = queues;
        this.messages = messages;
        this.clock = clock;
    }

    Optional<QueueTarget> lookup(String queueArn) {
        Queue q = queues.byArn(queueArn);
        if (q == null || q.deleted()) {
            return Optional.empty();
        }
        return Optional.of(new Target(q));
    }

    private final class Target implements QueueTarget {
        private final Queue q;

        Target(Queue q) {
            this.q = q;
        }

        @Override
        public boolean fifo() {
            return q.fifo;
        }

        @Override
        public String send(String body, Map<String, Attribute> attributes, String groupId, String deduplicationId,
                String senderId) {
            Map<String, AttributeValue> attrs = new LinkedHashMap<>();
            attributes.forEach((k, v) -> attrs.put(k, new AttributeValue(v.dataType(), v.stringValue(), v.binaryValue())));
            int max = q.intAttribute(QueueAttributes.MAXIMUM_MESSAGE_SIZE);
            if (SqsMessage.sizeOf(body, attrs) > max) {
                throw SqsErrors.invalidParameterValue("One or more parameters are invalid. Reason: Message "
                        + "must be shorter than " + max + " bytes.");
            }
            Queue.SendSpec spec = new Queue.SendSpec(body, attrs, null, null, q.fifo ? groupId : null,
                    q.fifo ? deduplicationId : null, senderId);
            return messages.send(q, spec).message().id;
        }

        @Override
        public List<Received> receive(int maxMessages, int visibilityTimeout) {
            int visibility = visibilityTimeout >= 0 ? visibilityTimeout : q.intAttribute(QueueAttributes.VISIBILITY_TIMEOUT);
            List<Received> out = new ArrayList<>();
            for (Queue.Delivery d : q.receive(maxMessages, visibility, null, clock.now().toEpochMilli(), queues::byArn)) {
                Message m = MessageOperations.toMessage(d, Set.copyOf(MessageOperations.SYSTEM_ATTRIBUTES), List.of("All"));
                Map<String, Attribute> attributes = new LinkedHashMap<>();
                d.message().attributes.forEach((k, v) -> attributes.put(k,
                        new Attribute(v.dataType(), v.stringValue(), v.binaryValue())));
                out.add(new Received(m.messageId(), m.receiptHandle(), m.body(), m.md5OfBody(),
                        m.attributesAsStrings(), attributes, m.md5OfMessageAttributes(), q.arnText));
            }
            return out;
        }

        @Override
        public void delete(String receiptHandle) {
            try {
                messages.delete(q, receiptHandle);
            } catch (RuntimeException staleOrForeign) {
                // as documented: nothing to do for a handle that no longer applies
            }
        }

        @Override
        public void changeVisibility(String receiptHandle, int seconds) {
            try {
                messages.changeVisibility(q, receiptHandle, seconds);
            } catch (RuntimeException staleOrForeign) {
                // the message was deleted or received again meanwhile
            }
        }
    }
}
