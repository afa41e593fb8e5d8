package io.gureum.sns;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sns.model.ConfirmSubscriptionRequest;
import software.amazon.awssdk.services.sns.model.ConfirmSubscriptionResponse;
import software.amazon.awssdk.services.sns.model.GetSubscriptionAttributesRequest;
import software.amazon.awssdk.services.sns.model.GetSubscriptionAttributesResponse;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicRequest;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicResponse;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsRequest;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsResponse;
import software.amazon.awssdk.services.sns.model.SetSubscriptionAttributesRequest;
import software.amazon.awssdk.services.sns.model.SetSubscriptionAttributesResponse;
import software.amazon.awssdk.services.sns.model.SubscribeRequest;
import software.amazon.awssdk.services.sns.model.SubscribeResponse;
import software.amazon.awssdk.services.sns.model.UnsubscribeRequest;
import software.amazon.awssdk.services.sns.model.UnsubscribeResponse;

/**
 * Subscribe, confirm, unsubscribe, list and subscription attributes. SQS, Lambda, SMS, mobile push and
 * Firehose subscriptions are confirmed at once; HTTP/S and email wait for ConfirmSubscription with the
 * token sent to the endpoint (https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html).
 */
final class Subscriptions {
    static final Set<String> PROTOCOLS = Set.of("http", "https", "email", "email-json", "sms", "sqs", "application",
            "lambda", "firehose");
    static final Set<String> SETTABLE = Set.of("DeliveryPolicy", "FilterPolicy", "FilterPolicyScope",
            "RawMessageDelivery", "RedrivePolicy", "SubscriptionRoleArn", "ReplayPolicy");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{5,15}");

    private final ServiceContext context;
    private final SnsStore store;
    private final Topics topics;
    private final Envelopes envelopes;
    private final HttpDelivery http;
    private final DeliveryLog log;
    private final Publisher publisher;

    Subscriptions(ServiceContext context, SnsStore store, Topics topics, Envelopes envelopes, HttpDelivery http,
            DeliveryLog log, Publisher publisher) {
        this.publisher = publisher;
        this.context = context;
        this.store = store;
        this.topics = topics;
        this.envelopes = envelopes;
        this.http = http;
        this.log = log;
    }

    private Subscription require(String arn) {
        if (arn == null || SnsStore.parse(arn) == null) {
            throw SnsErrors.invalidParameter("SubscriptionArn");
        }
        Subscription s = store.subscription(arn);
        if (s == null || s.deleted) {
            throw SnsErrors.notFound("Subscription does not exist");
        }
        return s;
    }

    public SubscribeResponse subscribe(SubscribeRequest request) {
        boolean returnArn = Boolean.TRUE.equals(request.returnSubscriptionArn());
        return SubscribeResponse.builder().subscriptionArn(subscribe(request.topicArn(), request.protocol(),
                request.endpoint(), request.attributes(), returnArn)).build();
    }

    /** Returns the subscription ARN, or "pending confirmation". */
    private String subscribe(String topicArn, String protocol, String endpoint, Map<String, String> attributes,
            boolean returnArn) {
        Topic t = topics.require(topicArn);
        if (protocol == null || !PROTOCOLS.contains(protocol)) {
            throw SnsErrors.invalidParameter("Invalid protocol type: " + protocol);
        }
        checkEndpoint(t, protocol, endpoint);
        Map<String, String> attrs = new LinkedHashMap<>();
        if (attributes != null) {
            attributes.forEach((k, v) -> attrs.put(k, validate(k, v, protocol, attributes)));
            requireArchiveFor(t, attrs.get("ReplayPolicy"));
        }
        RequestContext ctx = RequestContext.current();
        SnsStore.Region scope = store.region(t.account, t.region);
        Subscription s;
        synchronized (scope) {
            for (Subscription existing : t.subscriptions) {
                if (existing.protocol.equals(protocol) && existing.endpoint.equals(endpoint)) {
                    Map<String, String> current = existing.attributes();
                    for (Map.Entry<String, String> e : attrs.entrySet()) {
                        if (!e.getValue().equals(current.getOrDefault(e.getKey(), ""))) {
                            throw SnsErrors.invalidParameter("Attributes Reason: Subscription already exists with "
                                    + "different attributes");
                        }
                    }
                    return existing.confirmed || returnArn ? existing.arn : "pending confirmation";
                }
            }
            boolean confirmedNow = !(protocol.startsWith("http") || protocol.startsWith("email"));
            String arn = t.arnText + ":" + context.ids().requestId();
            s = new Subscription(arn, t.arnText, protocol, endpoint, ctx.accountId(), context.ids().hex(64),
                    confirmedNow);
            attrs.forEach(s::setAttribute);
            t.subscriptions.add(s);
            scope.subscriptions.put(arn, s);
        }
        if (!s.confirmed) {
            sendConfirmation(t, s, ctx.host());
            return returnArn ? s.arn : "pending confirmation";
        }
        startReplay(t, s); // "Messages can be replayed as soon as the subscription is created."
        return s.arn;
    }

    private void checkEndpoint(Topic t, String protocol, String endpoint) {
        if (endpoint == null || endpoint.isEmpty()) {
            throw SnsErrors.invalidParameter("Endpoint");
        }
        boolean ok = switch (protocol) {
            case "http" -> endpoint.startsWith("http://");
            case "https" -> endpoint.startsWith("https://");
            case "email", "email-json" -> EMAIL.matcher(endpoint).matches();
            case "sms" -> PHONE.matcher(endpoint).matches();
            case "sqs", "lambda", "application", "firehose" -> arnOf(endpoint, protocol);
            default -> false;
        };
        if (!ok) {
            throw SnsErrors.invalidParameter(protocol.equals("sqs") ? "SQS endpoint ARN"
                    : protocol.equals("lambda") ? "Lambda endpoint ARN" : "Endpoint");
        }
        if (t.fifo && !protocol.equals("sqs")) {
            throw SnsErrors.invalidParameter("Invalid protocol type: " + protocol
                    + ". FIFO topics support only the SQS protocol.");
        }
        if (!t.fifo && protocol.equals("sqs") && endpoint.endsWith(".fifo")) {
            throw SnsErrors.invalidParameter("Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be "
                    + "subscribed to standard SNS topics");
        }
    }

    private static boolean arnOf(String endpoint, String protocol) {
        Arn a = SnsStore.parse(endpoint);
        if (a == null) {
            return false;
        }
        return switch (protocol) {
            case "sqs" -> a.service().equals("sqs");
            case "lambda" -> a.service().equals("lambda");
            case "firehose" -> a.service().equals("firehose");
            default -> a.service().equals("sns");
        };
    }

    private static String validate(String name, String value, String protocol, Map<String, String> all) {
        if (!SETTABLE.contains(name)) {
            throw SnsErrors.invalidParameter("Attributes Reason: Unknown attribute " + name);
        }
        String v = value == null ? "" : value;
        switch (name) {
            case "RawMessageDelivery" -> {
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    throw SnsErrors.invalidParameter("Attributes Reason: RawMessageDelivery: Invalid value [" + v
                            + "]. Must be true or false.");
                }
                if (!Set.of("sqs", "http", "https", "firehose").contains(protocol)) {
                    throw SnsErrors.invalidParameter("Attributes Reason: Delivery protocol [" + protocol
                            + "] does not support raw message delivery.");
                }
                return v.toLowerCase(java.util.Locale.ROOT);
            }
            case "FilterPolicyScope" -> {
                if (!v.equals("MessageAttributes") && !v.equals("MessageBody")) {
                    throw SnsErrors.invalidParameter("Attributes Reason: FilterPolicyScope: Invalid value [" + v
                            + "]. Please use either MessageBody or MessageAttributes");
                }
            }
            case "FilterPolicy" -> {
                if (!v.isEmpty()) {
                    try {
                        FilterPolicy.parse(v, "MessageBody".equals(all.get("FilterPolicyScope")));
                    } catch (FilterPolicy.NumericError e) {
                        throw SnsErrors.invalidParameter("Attributes Reason: FilterPolicy: " + e.getMessage());
                    } catch (IllegalArgumentException e) {
                        throw SnsErrors.invalidParameter("FilterPolicy: " + e.getMessage());
                    }
                }
            }
            case "RedrivePolicy" -> {
                if (!v.isEmpty()) {
                    JsonNode n = Topics.requireJson(name, v);
                    Arn dlq = SnsStore.parse(n.path("deadLetterTargetArn").asText(null));
                    if (dlq == null || !dlq.service().equals("sqs")) {
                        throw SnsErrors.invalidParameter("RedrivePolicy: deadLetterTargetArn is invalid");
                    }
                }
            }
            case "ReplayPolicy" -> {
                if (!v.isEmpty()) {
                    ReplayPolicy.parse(v);
                }
            }
            case "DeliveryPolicy" -> {
                if (!v.isEmpty()) {
                    Topics.requireJson(name, v);
                }
            }
            default -> {
                // stored as given
            }
        }
        return v;
    }

    private void sendConfirmation(Topic t, Subscription s, String host) {
        String messageId = context.ids().requestId();
        String body = envelopes.confirmation(t.arnText, messageId, s.token, timestamp(), host,
                t.attribute("SignatureVersion")).toString();
        if (s.protocol.startsWith("http")) {
            http.post(s.protocol, s.endpoint, t.arnText, null, messageId, "SubscriptionConfirmation", body,
                    HttpDelivery.headers("SubscriptionConfirmation", messageId, t.arnText, null, false),
                    HttpDelivery.Retry.DEFAULT, null);
        } else {
            log.add(new DeliveryLog.Entry(s.protocol, s.endpoint, t.arnText, s.arn, messageId,
                    "SubscriptionConfirmation", body, Map.of("Token", s.token), "recorded",
                    context.clock().now().toEpochMilli()));
        }
    }

    String timestamp() {
        return Instant.ofEpochMilli(context.clock().now().toEpochMilli()).toString();
    }

    public ConfirmSubscriptionResponse confirmSubscription(ConfirmSubscriptionRequest request) {
        return ConfirmSubscriptionResponse.builder().subscriptionArn(confirm(request.topicArn(), request.token()))
                .build();
    }

    private String confirm(String topicArn, String token) {
        Topic t = topics.require(topicArn);
        if (token == null || token.isEmpty()) {
            throw SnsErrors.invalidParameter("Token");
        }
        for (Subscription s : t.subscriptions) {
            if (s.token.equals(token)) {
                s.confirmed = true;
                return s.arn;
            }
        }
        throw SnsErrors.invalidParameter("Invalid token");
    }

    /** Unsubscribing from a subscription that does not exist (any more) succeeds, as in AWS. */
    public UnsubscribeResponse unsubscribe(UnsubscribeRequest request) {
        unsubscribe(request.subscriptionArn());
        return UnsubscribeResponse.builder().build();
    }

    private void unsubscribe(String arn) {
        if (arn == null || SnsStore.parse(arn) == null) {
            throw SnsErrors.invalidParameter("SubscriptionArn");
        }
        Subscription s = store.subscription(arn);
        if (s == null || s.deleted) {
            return;
        }
        Topic t = store.topic(s.topicArn);
        SnsStore.Region scope = store.region(SnsStore.parse(arn).accountId(), SnsStore.parse(arn).region());
        synchronized (scope) {
            s.deleted = true;
            scope.subscriptions.remove(arn);
            if (t != null) {
                t.subscriptions.remove(s);
                t.subscriptionsDeleted++;
            }
        }
    }

    public ListSubscriptionsResponse listSubscriptions(ListSubscriptionsRequest request) {
        Pages.Page<software.amazon.awssdk.services.sns.model.Subscription> page = Pages.page(list(null),
                request.nextToken(), Subscriptions::toModel);
        return ListSubscriptionsResponse.builder().subscriptions(page.items()).nextToken(page.next()).build();
    }

    public ListSubscriptionsByTopicResponse listSubscriptionsByTopic(ListSubscriptionsByTopicRequest request) {
        Pages.Page<software.amazon.awssdk.services.sns.model.Subscription> page = Pages.page(
                list(request.topicArn()), request.nextToken(), Subscriptions::toModel);
        return ListSubscriptionsByTopicResponse.builder().subscriptions(page.items()).nextToken(page.next()).build();
    }

    private static software.amazon.awssdk.services.sns.model.Subscription toModel(Subscription s) {
        return software.amazon.awssdk.services.sns.model.Subscription.builder()
                .subscriptionArn(s.confirmed ? s.arn : "PendingConfirmation").owner(s.owner).protocol(s.protocol)
                .endpoint(s.endpoint).topicArn(s.topicArn).build();
    }

    private List<Subscription> list(String topicArn) {
        List<Subscription> out;
        if (topicArn != null) {
            out = new ArrayList<>(topics.require(topicArn).subscriptions);
        } else {
            RequestContext ctx = RequestContext.current();
            out = new ArrayList<>(store.region(ctx.accountId(), ctx.region()).subscriptions.values());
        }
        out.sort((a, b) -> a.arn.compareTo(b.arn));
        return out;
    }

    public GetSubscriptionAttributesResponse getSubscriptionAttributes(GetSubscriptionAttributesRequest request) {
        return GetSubscriptionAttributesResponse.builder().attributes(attributes(require(request.subscriptionArn())))
                .build();
    }

    public SetSubscriptionAttributesResponse setSubscriptionAttributes(SetSubscriptionAttributesRequest request) {
        setAttribute(require(request.subscriptionArn()), request.attributeName(), request.attributeValue());
        return SetSubscriptionAttributesResponse.builder().build();
    }

    private Map<String, String> attributes(Subscription s) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("SubscriptionArn", s.arn);
        a.put("TopicArn", s.topicArn);
        a.put("Owner", s.owner);
        a.put("Protocol", s.protocol);
        a.put("Endpoint", s.endpoint);
        a.put("ConfirmationWasAuthenticated", Boolean.toString(s.confirmed && !s.protocol.startsWith("http")
                && !s.protocol.startsWith("email")));
        a.put("PendingConfirmation", Boolean.toString(!s.confirmed));
        a.put("RawMessageDelivery", "false");
        Map<String, String> stored = s.attributes();
        a.putAll(stored);
        if (stored.containsKey("FilterPolicy") && !stored.containsKey("FilterPolicyScope")) {
            a.put("FilterPolicyScope", "MessageAttributes");
        }
        Topic t = store.topic(s.topicArn);
        if (s.protocol.startsWith("http") && t != null) {
            a.put("EffectiveDeliveryPolicy", stored.getOrDefault("DeliveryPolicy",
                    topics.attributes(t).get("EffectiveDeliveryPolicy")));
        }
        return a;
    }

    private void setAttribute(Subscription s, String name, String value) {
        Map<String, String> all = s.attributes();
        all.put(name, value == null ? "" : value);
        String v = validate(name, value, s.protocol, all);
        if (name.equals("FilterPolicyScope") && s.attribute("FilterPolicy") != null) {
            try {
                FilterPolicy.parse(s.attribute("FilterPolicy"), "MessageBody".equals(v));
            } catch (IllegalArgumentException e) {
                throw SnsErrors.invalidParameter("FilterPolicy: " + e.getMessage());
            }
        }
        if (name.equals("ReplayPolicy")) {
            Topic t = topics.require(s.topicArn);
            requireArchiveFor(t, v);
            s.setAttribute(name, v);
            startReplay(t, s);
            return;
        }
        s.setAttribute(name, v);
    }

    /** A replay needs a topic that archives (a FIFO topic with an ArchivePolicy). */
    private static void requireArchiveFor(Topic t, String replayPolicy) {
        if (replayPolicy != null && !replayPolicy.isEmpty() && !t.archive.enabled()) {
            throw SnsErrors.invalidParameter("Attributes Reason: ReplayPolicy: the topic " + t.arnText
                    + " has no ArchivePolicy");
        }
    }

    /** Replays the window of the subscription's ReplayPolicy, if it has one; a new policy replaces a running one. */
    private void startReplay(Topic t, Subscription s) {
        ReplayPolicy policy = ReplayPolicy.parseOrNull(s.attribute("ReplayPolicy"));
        if (policy == null) {
            return;
        }
        s.setAttribute("ReplayStatus", "Pending");
        long now = context.clock().now().toEpochMilli();
        long end = policy.endingPoint() == null ? now : Math.min(now, policy.endingPoint().toEpochMilli());
        publisher.replay(t, s, policy.startingPoint().toEpochMilli(), end);
    }
}
