package io.gureum.sqs;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * SendMessage and SendMessageBatch, from clients over HTTP and from other services in-process (SNS, S3,
 * Lambda), whose principal decides the message's {@code SenderId} ({@link SenderIds}).
 */
final class MessageSending {
    private final SqsQueues queues;
    private final MessageOperations messages;
    private final QueueEncryption encryption;

    MessageSending(SqsQueues queues, MessageOperations messages, QueueEncryption encryption) {
        this.queues = queues;
        this.messages = messages;
        this.encryption = encryption;
    }

    public SendMessageResponse sendMessage(SendMessageRequest request) {
        Queue q = queues.resolve(request.queueUrl());
        Queue.SendSpec spec = messages.validate(q, MessageOperations.Outgoing.of(request));
        encryption.beforeSend(q);
        MessageOperations.Sent m = messages.sendAndDigest(q, spec, true);
        return SendMessageResponse.builder().messageId(m.messageId()).md5OfMessageBody(m.md5OfBody())
                .md5OfMessageAttributes(m.md5OfAttributes()).md5OfMessageSystemAttributes(m.md5OfSystemAttributes())
                .sequenceNumber(m.sequenceNumber()).build();
    }

    /** Each entry succeeds or fails on its own; the waiting receives are woken once, for the whole batch. */
    public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
        Queue q = queues.resolve(request.queueUrl());
        List<SendMessageBatchRequestEntry> entries = request.entries();
        MessageOperations.checkBatch(entries == null ? null : entries.stream().map(SendMessageBatchRequestEntry::id).toList(),
                "SendMessageBatchRequestEntry");
        MessageOperations.checkBatchSize(entries);
        encryption.beforeSend(q); // the whole request fails: SendMessageBatch lists the Kms* errors
        List<SendMessageBatchResultEntry> ok = new ArrayList<>();
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (SendMessageBatchRequestEntry e : entries) {
            try {
                MessageOperations.Sent m = messages.sendAndDigest(q,
                        messages.validate(q, MessageOperations.Outgoing.of(e)), false);
                ok.add(SendMessageBatchResultEntry.builder().id(e.id()).messageId(m.messageId())
                        .md5OfMessageBody(m.md5OfBody()).md5OfMessageAttributes(m.md5OfAttributes())
                        .md5OfMessageSystemAttributes(m.md5OfSystemAttributes()).sequenceNumber(m.sequenceNumber())
                        .build());
            } catch (RuntimeException ex) {
                failed.add(MessageOperations.failure(e.id(), ex));
            }
        }
        q.signal(ok.size());
        return SendMessageBatchResponse.builder().successful(ok).failed(failed).build();
    }
}
