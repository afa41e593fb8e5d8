package io.gureum.sns;

import io.gureum.core.error.ModeledErrors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.EndpointDisabledException;
import software.amazon.awssdk.services.sns.model.OptedOutException;
import software.amazon.awssdk.services.sns.model.PublishBatchRequest;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishBatchResultEntry;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/**
 * Publish (to a topic, a mobile endpoint or a phone number) and PublishBatch, from clients over HTTP and
 * from other services in-process (S3's notifications, Lambda's destinations), which publish with an
 * {@code SnsClient} as any client does (https://docs.aws.amazon.com/sns/latest/api/API_Publish.html).
 */
final class Publishing {
    private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern PUBLISHABLE_PHONE = Pattern.compile("\\+?[0-9]{5,15}");

    private final Topics topics;
    private final Publisher publisher;
    private final PlatformStore platforms;
    private final TopicEncryption encryption;

    Publishing(Topics topics, Publisher publisher, PlatformStore platforms, TopicEncryption encryption) {
        this.encryption = encryption;
        this.topics = topics;
        this.publisher = publisher;
        this.platforms = platforms;
    }

    public PublishResponse publish(PublishRequest request) {
        Publisher.Outgoing o = new Publisher.Outgoing(request.message(), request.subject(), request.messageStructure(),
                request.messageAttributes(), request.messageGroupId(), request.messageDeduplicationId());
        String target = request.topicArn() != null ? request.topicArn() : request.targetArn();
        if (request.phoneNumber() != null) {
            if (target != null) {
                throw SnsErrors.invalidParameter("Only one of TopicArn, TargetArn or PhoneNumber may be specified");
            }
            return PublishResponse.builder().messageId(toPhone(request.phoneNumber(), o)).build();
        }
        if (target == null || target.isEmpty()) {
            throw SnsErrors.invalidParameter("TopicArn or TargetArn Reason: no value for required parameter");
        }
        if (PlatformStore.isPlatformEndpoint(target)) {
            return PublishResponse.builder().messageId(toEndpoint(target, o)).build();
        }
        Topic topic = topics.require(target);
        encryption.beforePublish(topic);
        Publisher.Published p = publisher.publish(topic, o);
        return PublishResponse.builder().messageId(p.messageId()).sequenceNumber(p.sequenceNumber()).build();
    }

    public PublishBatchResponse publishBatch(PublishBatchRequest request) {
        Topic topic = topics.require(request.topicArn());
        List<PublishBatchRequestEntry> entries = request.publishBatchRequestEntries();
        if (entries == null || entries.isEmpty()) {
            throw SnsErrors.emptyBatch();
        }
        if (entries.size() > 10) {
            throw SnsErrors.tooManyEntries();
        }
        Set<String> ids = new HashSet<>();
        long total = 0;
        for (PublishBatchRequestEntry e : entries) {
            if (e.id() == null || !BATCH_ID.matcher(e.id()).matches()) {
                throw SnsErrors.invalidBatchEntryId();
            }
            if (!ids.add(e.id())) {
                throw SnsErrors.idsNotDistinct();
            }
            total += e.message() == null ? 0 : e.message().getBytes(StandardCharsets.UTF_8).length;
        }
        if (total > Publisher.MAX_MESSAGE_BYTES) {
            throw SnsErrors.batchTooLong();
        }
        encryption.beforePublish(topic); // PublishBatch lists the KMS* errors for the whole request
        List<PublishBatchResultEntry> ok = new ArrayList<>();
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (PublishBatchRequestEntry e : entries) {
            try {
                Publisher.Published p = publisher.publish(topic, new Publisher.Outgoing(e.message(), e.subject(),
                        e.messageStructure(), e.messageAttributes(), e.messageGroupId(), e.messageDeduplicationId()));
                ok.add(PublishBatchResultEntry.builder().id(e.id()).messageId(p.messageId())
                        .sequenceNumber(p.sequenceNumber()).build());
            } catch (AwsServiceException ex) {
                failed.add(BatchResultErrorEntry.builder().id(e.id()).code(ex.awsErrorDetails().errorCode())
                        .message(ex.awsErrorDetails().errorMessage()).senderFault(true).build());
            }
        }
        return PublishBatchResponse.builder().successful(ok).failed(failed).build();
    }

    private String toPhone(String phone, Publisher.Outgoing o) {
        if (!PUBLISHABLE_PHONE.matcher(phone).matches()) {
            throw SnsErrors.invalidParameter("PhoneNumber Reason: " + phone + " is not valid to publish to");
        }
        if (platforms.state().optedOut.contains(phone)) {
            throw ModeledErrors.of(OptedOutException.class, "Phone number is opted out");
        }
        return publisher.publishDirect("sms", phone, o);
    }

    private String toEndpoint(String endpointArn, Publisher.Outgoing o) {
        Map<String, String> e = platforms.stateOf(endpointArn).endpoints.get(endpointArn);
        if (e == null) {
            throw SnsErrors.notFound("Endpoint does not exist");
        }
        if ("false".equalsIgnoreCase(e.get("Enabled"))) {
            throw ModeledErrors.of(EndpointDisabledException.class, "Endpoint is disabled");
        }
        return publisher.publishDirect("application", endpointArn, o);
    }
}
