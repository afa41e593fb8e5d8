package io.gureum.sns;

import io.gureum.core.spi.ServiceContext;
import io.gureum.core.targets.TopicTarget;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.AddPermissionRequest;
import software.amazon.awssdk.services.sns.model.AddPermissionResponse;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.ConfirmSubscriptionRequest;
import software.amazon.awssdk.services.sns.model.ConfirmSubscriptionResponse;
import software.amazon.awssdk.services.sns.model.CreateTopicRequest;
import software.amazon.awssdk.services.sns.model.CreateTopicResponse;
import software.amazon.awssdk.services.sns.model.DeleteTopicRequest;
import software.amazon.awssdk.services.sns.model.DeleteTopicResponse;
import software.amazon.awssdk.services.sns.model.GetDataProtectionPolicyRequest;
import software.amazon.awssdk.services.sns.model.GetDataProtectionPolicyResponse;
import software.amazon.awssdk.services.sns.model.GetSubscriptionAttributesRequest;
import software.amazon.awssdk.services.sns.model.GetSubscriptionAttributesResponse;
import software.amazon.awssdk.services.sns.model.GetTopicAttributesRequest;
import software.amazon.awssdk.services.sns.model.GetTopicAttributesResponse;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicRequest;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicResponse;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsRequest;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsResponse;
import software.amazon.awssdk.services.sns.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.sns.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.sns.model.ListTopicsRequest;
import software.amazon.awssdk.services.sns.model.ListTopicsResponse;
import software.amazon.awssdk.services.sns.model.PublishBatchRequest;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishBatchResultEntry;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sns.model.PutDataProtectionPolicyRequest;
import software.amazon.awssdk.services.sns.model.PutDataProtectionPolicyResponse;
import software.amazon.awssdk.services.sns.model.RemovePermissionRequest;
import software.amazon.awssdk.services.sns.model.RemovePermissionResponse;
import software.amazon.awssdk.services.sns.model.SetSubscriptionAttributesRequest;
import software.amazon.awssdk.services.sns.model.SetSubscriptionAttributesResponse;
import software.amazon.awssdk.services.sns.model.SetTopicAttributesRequest;
import software.amazon.awssdk.services.sns.model.SetTopicAttributesResponse;
import software.amazon.awssdk.services.sns.model.SubscribeRequest;
import software.amazon.awssdk.services.sns.model.SubscribeResponse;
import software.amazon.awssdk.services.sns.model.Tag;
import software.amazon.awssdk.services.sns.model.TagResourceRequest;
import software.amazon.awssdk.services.sns.model.TagResourceResponse;
import software.amazon.awssdk.services.sns.model.Topic;
import software.amazon.awssdk.services.sns.model.UnsubscribeRequest;
import software.amazon.awssdk.services.sns.model.UnsubscribeResponse;
import software.amazon.awssdk.services.sns.model.UntagResourceRequest;
import software.amazon.awssdk.services.sns.model.UntagResourceResponse;

/**
 * SNS operations, wire to behaviour: {@link Topics}, {@link Subscriptions}, {@link Publisher}, and
 * {@link Platforms} for SMS and mobile push. Operations not overridden answer 501.
 */
class SnsHandler extends Platforms implements SnsClient {
    private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final int PAGE = 100;

    private final SnsStore store = new SnsStore();
    private final ScheduledExecutorService timers;
    private final DeliveryLog log;
    private final Topics topics;
    private final Subscriptions subscriptions;
    private final Publisher publisher;
    private final SnsAdmin admin;

    private final io.gureum.core.events.Subscription provided;

    SnsHandler(ServiceContext context) {
        this(context, new DeliveryLog());
    }

    private SnsHandler(ServiceContext context, DeliveryLog log) {
        super(context, log);
        this.log = log;
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "gureum-sns-retries");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        this.timers = t;
        SnsSigner signer = new SnsSigner();
        Envelopes envelopes = new Envelopes(signer);
        HttpDelivery http = new HttpDelivery(timers, log);
        this.topics = new Topics(context, store);
        this.subscriptions = new Subscriptions(context, store, topics, envelopes, http, log);
        this.publisher = new Publisher(context, new Deliverer(context, envelopes, http, log), log);
        this.admin = new SnsAdmin(log, store, signer);
        publisherForPlatforms(publisher);
        this.provided = context.targets().provide("sns", TopicTarget.class, arn -> {
            io.gureum.sns.Topic topic = store.topic(arn.toString());
            return topic == null ? Optional.empty() : Optional.of((TopicTarget) (message, subject, groupId, dedupId) ->
                    publisher.publish(topic, new Publisher.Outgoing(message, subject, null, Map.of(), groupId,
                            dedupId)).messageId());
        });
    }

    /** The inspection endpoints under {@code /_gureum/sns/}, for core's admin router to call. */
    public SnsAdmin admin() {
        return admin;
    }

    // ---- topics -----------------------------------------------------------------------------

    @Override
    public CreateTopicResponse createTopic(CreateTopicRequest request) {
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        if (request.tags() != null) {
            for (Tag t : request.tags()) {
                tags.put(t.key(), t.value());
            }
        }
        Map<String, String> attributes = new java.util.LinkedHashMap<>(request.attributes());
        if (request.dataProtectionPolicy() != null) {
            attributes.put("DataProtectionPolicy", request.dataProtectionPolicy());
        }
        return CreateTopicResponse.builder().topicArn(topics.create(request.name(), attributes, tags)).build();
    }

    @Override
    public DeleteTopicResponse deleteTopic(DeleteTopicRequest request) {
        topics.delete(request.topicArn());
        return DeleteTopicResponse.builder().build();
    }

    @Override
    public ListTopicsResponse listTopics(ListTopicsRequest request) {
        Page<String> page = page(topics.list(), request.nextToken(), Function.identity());
        return ListTopicsResponse.builder().topics(page.items().stream().map(a -> Topic.builder().topicArn(a).build())
                .toList()).nextToken(page.next()).build();
    }

    @Override
    public GetTopicAttributesResponse getTopicAttributes(GetTopicAttributesRequest request) {
        return GetTopicAttributesResponse.builder()
                .attributes(topics.attributes(topics.require(request.topicArn()))).build();
    }

    @Override
    public SetTopicAttributesResponse setTopicAttributes(SetTopicAttributesRequest request) {
        topics.setAttribute(topics.require(request.topicArn()), request.attributeName(), request.attributeValue());
        return SetTopicAttributesResponse.builder().build();
    }

    @Override
    public TagResourceResponse tagResource(TagResourceRequest request) {
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        if (request.tags() != null) {
            request.tags().forEach(t -> tags.put(t.key(), t.value()));
        }
        topics.tag(request.resourceArn(), tags);
        return TagResourceResponse.builder().build();
    }

    @Override
    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        topics.untag(request.resourceArn(), request.tagKeys());
        return UntagResourceResponse.builder().build();
    }

    @Override
    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        List<Tag> tags = new ArrayList<>();
        topics.tags(request.resourceArn()).forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        return ListTagsForResourceResponse.builder().tags(tags).build();
    }

    @Override
    public AddPermissionResponse addPermission(AddPermissionRequest request) {
        topics.addPermission(topics.require(request.topicArn()), request.label(), request.awsAccountIds(),
                request.actionNames());
        return AddPermissionResponse.builder().build();
    }

    @Override
    public RemovePermissionResponse removePermission(RemovePermissionRequest request) {
        topics.removePermission(topics.require(request.topicArn()), request.label());
        return RemovePermissionResponse.builder().build();
    }

    @Override
    public PutDataProtectionPolicyResponse putDataProtectionPolicy(PutDataProtectionPolicyRequest request) {
        topics.putDataProtectionPolicy(request.resourceArn(), request.dataProtectionPolicy());
        return PutDataProtectionPolicyResponse.builder().build();
    }

    @Override
    public GetDataProtectionPolicyResponse getDataProtectionPolicy(GetDataProtectionPolicyRequest request) {
        return GetDataProtectionPolicyResponse.builder()
                .dataProtectionPolicy(topics.dataProtectionPolicy(request.resourceArn())).build();
    }

    // ---- subscriptions ----------------------------------------------------------------------

    @Override
    public SubscribeResponse subscribe(SubscribeRequest request) {
        boolean returnArn = Boolean.TRUE.equals(request.returnSubscriptionArn());
        return SubscribeResponse.builder().subscriptionArn(subscriptions.subscribe(request.topicArn(),
                request.protocol(), request.endpoint(), request.attributes(), returnArn)).build();
    }

    @Override
    public ConfirmSubscriptionResponse confirmSubscription(ConfirmSubscriptionRequest request) {
        return ConfirmSubscriptionResponse.builder()
                .subscriptionArn(subscriptions.confirm(request.topicArn(), request.token())).build();
    }

    @Override
    public UnsubscribeResponse unsubscribe(UnsubscribeRequest request) {
        subscriptions.unsubscribe(request.subscriptionArn());
        return UnsubscribeResponse.builder().build();
    }

    @Override
    public ListSubscriptionsResponse listSubscriptions(ListSubscriptionsRequest request) {
        Page<software.amazon.awssdk.services.sns.model.Subscription> page = page(subscriptions.list(null),
                request.nextToken(), SnsHandler::toModel);
        return ListSubscriptionsResponse.builder().subscriptions(page.items()).nextToken(page.next()).build();
    }

    @Override
    public ListSubscriptionsByTopicResponse listSubscriptionsByTopic(ListSubscriptionsByTopicRequest request) {
        Page<software.amazon.awssdk.services.sns.model.Subscription> page = page(
                subscriptions.list(request.topicArn()), request.nextToken(), SnsHandler::toModel);
        return ListSubscriptionsByTopicResponse.builder().subscriptions(page.items()).nextToken(page.next()).build();
    }

    private static software.amazon.awssdk.services.sns.model.Subscription toModel(Subscription s) {
        return software.amazon.awssdk.services.sns.model.Subscription.builder()
                .subscriptionArn(s.confirmed ? s.arn : "PendingConfirmation").owner(s.owner).protocol(s.protocol)
                .endpoint(s.endpoint).topicArn(s.topicArn).build();
    }

    @Override
    public GetSubscriptionAttributesResponse getSubscriptionAttributes(GetSubscriptionAttributesRequest request) {
        return GetSubscriptionAttributesResponse.builder()
                .attributes(subscriptions.attributes(subscriptions.require(request.subscriptionArn()))).build();
    }

    @Override
    public SetSubscriptionAttributesResponse setSubscriptionAttributes(SetSubscriptionAttributesRequest request) {
        subscriptions.setAttribute(subscriptions.require(request.subscriptionArn()), request.attributeName(),
                request.attributeValue());
        return SetSubscriptionAttributesResponse.builder().build();
    }

    // ---- publishing -------------------------------------------------------------------------

    @Override
    public PublishResponse publish(PublishRequest request) {
        Publisher.Outgoing o = new Publisher.Outgoing(request.message(), request.subject(), request.messageStructure(),
                request.messageAttributes(), request.messageGroupId(), request.messageDeduplicationId());
        String target = request.topicArn() != null ? request.topicArn() : request.targetArn();
        if (request.phoneNumber() != null) {
            if (target != null) {
                throw SnsErrors.invalidParameter("Only one of TopicArn, TargetArn or PhoneNumber may be specified");
            }
            return PublishResponse.builder().messageId(publishToPhone(request.phoneNumber(), o)).build();
        }
        if (target == null || target.isEmpty()) {
            throw SnsErrors.invalidParameter("TopicArn or TargetArn Reason: no value for required parameter");
        }
        if (isPlatformEndpoint(target)) {
            return PublishResponse.builder().messageId(publishToEndpoint(target, o)).build();
        }
        Publisher.Published p = publisher.publish(topics.require(target), o);
        return PublishResponse.builder().messageId(p.messageId()).sequenceNumber(p.sequenceNumber()).build();
    }

    @Override
    public PublishBatchResponse publishBatch(PublishBatchRequest request) {
        software.amazon.awssdk.services.sns.model.PublishBatchResponse.Builder b = PublishBatchResponse.builder();
        io.gureum.sns.Topic topic = topics.require(request.topicArn());
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
        List<PublishBatchResultEntry> ok = new ArrayList<>();
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (PublishBatchRequestEntry e : entries) {
            try {
                Publisher.Published p = publisher.publish(topic, new Publisher.Outgoing(e.message(), e.subject(),
                        e.messageStructure(), e.messageAttributes(), e.messageGroupId(), e.messageDeduplicationId()));
                ok.add(PublishBatchResultEntry.builder().id(e.id()).messageId(p.messageId())
                        .sequenceNumber(p.sequenceNumber()).build());
            } catch (software.amazon.awssdk.awscore.exception.AwsServiceException ex) {
                failed.add(BatchResultErrorEntry.builder().id(e.id()).code(ex.awsErrorDetails().errorCode())
                        .message(ex.awsErrorDetails().errorMessage()).senderFault(true).build());
            }
        }
        return b.successful(ok).failed(failed).build();
    }

    // ---- helpers ----------------------------------------------------------------------------

    record Page<T>(List<T> items, String next) {
    }

    /** Pages of 100 after the position the token names. */
    static <S, T> Page<T> page(List<S> all, String token, Function<S, T> map) {
        int start = 0;
        if (token != null && !token.isEmpty()) {
            try {
                start = Integer.parseInt(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw SnsErrors.invalidParameter("NextToken");
            }
        }
        int end = Math.min(all.size(), start + PAGE);
        List<T> items = new ArrayList<>();
        for (S s : all.subList(Math.min(start, end), end)) {
            items.add(map.apply(s));
        }
        String next = end < all.size()
                ? Base64.getEncoder().encodeToString(Integer.toString(end).getBytes(StandardCharsets.UTF_8)) : null;
        return new Page<>(items, next);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        provided.close();
        timers.shutdownNow();
        log.clear();
    }
}
