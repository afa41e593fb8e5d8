package io.gureum.sqs;

import io.gureum.core.spi.AsyncResponse;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageResponse;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/** ReceiveMessage (long polls included), DeleteMessage and ChangeMessageVisibility, singly and in batches. */
final class MessageReceiving {
    private final SqsQueues queues;
    private final MessageOperations messages;
    private final QueueEncryption encryption;

    MessageReceiving(SqsQueues queues, MessageOperations messages, QueueEncryption encryption) {
        this.encryption = encryption;
        this.queues = queues;
        this.messages = messages;
    }

    /**
     * Long polling holds no thread: the receive is a future that {@link LongPoll} and
     * {@link MessageWaiter} complete when a message arrives or the wait ends, and core writes the
     * response then.
     */
    public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
        Queue q = queues.resolve(request.queueUrl());
        encryption.beforeReceive(q);
        return AsyncResponse.later(messages.receive(q, request));
    }

    public DeleteMessageResponse deleteMessage(DeleteMessageRequest request) {
        messages.delete(queues.resolve(request.queueUrl()), request.receiptHandle());
        return DeleteMessageResponse.builder().build();
    }

    public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
        Queue q = queues.resolve(request.queueUrl());
        List<DeleteMessageBatchRequestEntry> entries = request.entries();
        MessageOperations.checkBatch(entries == null ? null : entries.stream().map(DeleteMessageBatchRequestEntry::id).toList(),
                "DeleteMessageBatchRequestEntry");
        List<DeleteMessageBatchResultEntry> ok = new ArrayList<>();
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (DeleteMessageBatchRequestEntry e : entries) {
            try {
                messages.delete(q, e.receiptHandle());
                ok.add(DeleteMessageBatchResultEntry.builder().id(e.id()).build());
            } catch (RuntimeException ex) {
                failed.add(MessageOperations.failure(e.id(), ex));
            }
        }
        return DeleteMessageBatchResponse.builder().successful(ok).failed(failed).build();
    }

    public ChangeMessageVisibilityResponse changeMessageVisibility(ChangeMessageVisibilityRequest request) {
        messages.changeVisibility(queues.resolve(request.queueUrl()), request.receiptHandle(),
                request.visibilityTimeout());
        return ChangeMessageVisibilityResponse.builder().build();
    }

    public ChangeMessageVisibilityBatchResponse changeMessageVisibilityBatch(ChangeMessageVisibilityBatchRequest request) {
        Queue q = queues.resolve(request.queueUrl());
        List<ChangeMessageVisibilityBatchRequestEntry> entries = request.entries();
        MessageOperations.checkBatch(entries == null ? null
                : entries.stream().map(ChangeMessageVisibilityBatchRequestEntry::id).toList(),
                "ChangeMessageVisibilityBatchRequestEntry");
        List<ChangeMessageVisibilityBatchResultEntry> ok = new ArrayList<>();
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (ChangeMessageVisibilityBatchRequestEntry e : entries) {
            try {
                messages.changeVisibility(q, e.receiptHandle(), e.visibilityTimeout());
                ok.add(ChangeMessageVisibilityBatchResultEntry.builder().id(e.id()).build());
            } catch (RuntimeException ex) {
                failed.add(MessageOperations.failure(e.id(), ex));
            }
        }
        return ChangeMessageVisibilityBatchResponse.builder().successful(ok).failed(failed).build();
    }
}
