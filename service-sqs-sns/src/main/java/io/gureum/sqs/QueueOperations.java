package io.gureum.sqs;

import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.CreateQueueResponse;
import software.amazon.awssdk.services.sqs.model.DeleteQueueRequest;
import software.amazon.awssdk.services.sqs.model.DeleteQueueResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.ListDeadLetterSourceQueuesRequest;
import software.amazon.awssdk.services.sqs.model.ListDeadLetterSourceQueuesResponse;
import software.amazon.awssdk.services.sqs.model.ListQueuesRequest;
import software.amazon.awssdk.services.sqs.model.ListQueuesResponse;
import software.amazon.awssdk.services.sqs.model.PurgeQueueRequest;
import software.amazon.awssdk.services.sqs.model.PurgeQueueResponse;
import software.amazon.awssdk.services.sqs.model.SetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.SetQueueAttributesResponse;

/**
 * The queue operations: create, look up, list, delete, attributes, purge and dead-letter sources.
 * Queue names and validation follow
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
 */
final class QueueOperations {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern FIFO_NAME = Pattern.compile("[A-Za-z0-9_-]{1,75}\\.fifo");

    private final ServiceContext context;
    private final SqsQueues queues;

    QueueOperations(ServiceContext context, SqsQueues queues) {
        this.context = context;
        this.queues = queues;
    }

    long now() {
        return context.clock().now().toEpochMilli();
    }

    String urlOf(Queue q) {
        return QueueUrls.build(RequestContext.current().host(), q.account, q.name);
    }

    // ---- lifecycle --------------------------------------------------------------------------

    public CreateQueueResponse createQueue(CreateQueueRequest request) {
        return CreateQueueResponse.builder().queueUrl(create(request)).build();
    }

    private String create(CreateQueueRequest request) {
        RequestContext ctx = RequestContext.current();
        String name = request.queueName();
        if (name == null || name.isEmpty()) {
            throw SqsErrors.missingParameter("QueueName");
        }
        Map<String, String> given = request.attributesAsStrings() == null ? Map.of() : request.attributesAsStrings();
        boolean fifo = "true".equalsIgnoreCase(given.get(QueueAttributes.FIFO_QUEUE));
        String fifoValue = given.get(QueueAttributes.FIFO_QUEUE);
        if (fifoValue != null && !fifoValue.equalsIgnoreCase("true") && !fifoValue.equalsIgnoreCase("false")) {
            throw SqsErrors.invalidAttributeValue(QueueAttributes.FIFO_QUEUE, null);
        }
        if (fifo ? !FIFO_NAME.matcher(name).matches() : !NAME.matcher(name).matches()) {
            throw SqsErrors.invalidParameterValue(fifo
                    ? "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, "
                            + "must end with .fifo suffix and be 1 to 80 in length."
                    : "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }
        String account = ctx.accountId();
        String region = ctx.region();
        long now = now();
        Map<String, String> attributes = QueueAttributes.defaults(fifo);
        Map<String, String> changes = validated(given, fifo, Arn.of("sqs", region, account, name).toString(),
                account, region);
        changes.forEach((k, v) -> {
            if (v == null) {
                attributes.remove(k);
            } else {
                attributes.put(k, v);
            }
        });
        QueueAttributes.checkCombination(attributes);
        Map<String, String> tags = request.tags() == null ? Map.of() : request.tags();
        QueueTags.check(tags.size());
        SqsQueues.Region scope = queues.region(account, region);
        synchronized (scope) {
            Queue existing = scope.byName.get(name);
            if (existing != null) {
                // Same name and same attributes is idempotent; any difference is an error.
                Map<String, String> current = existing.attributes();
                for (Map.Entry<String, String> e : changes.entrySet()) {
                    if (!java.util.Objects.equals(current.get(e.getKey()), e.getValue())) {
                        throw SqsErrors.queueNameExists(e.getKey());
                    }
                }
                return urlOf(existing);
            }
            Long deletedAt = scope.deletedAt.get(name);
            if (deletedAt != null && now < deletedAt + 60_000) {
                throw SqsErrors.deletedRecently();
            }
            Arn arn = Arn.of("sqs", region, account, name);
            Queue q = new Queue(account, region, name, arn, fifo, attributes, now, queues.records());
            context.registry().register(account, region, "sqs", name, arn);
            if (!tags.isEmpty()) {
                context.registry().tag(arn, tags);
            }
            q.recordQueue();
            scope.byName.put(name, q);
            scope.deletedAt.remove(name);
            return urlOf(q);
        }
    }

    /** Validates attributes a caller sets, including the cross-queue redrive rules. */
    private Map<String, String> validated(Map<String, String> given, boolean fifo, String queueArn, String account,
            String region) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            String name = e.getKey();
            if (name.equals(QueueAttributes.FIFO_QUEUE)) {
                continue; // only meaningful at creation, checked there
            }
            String value = QueueAttributes.validate(name, e.getValue(), fifo);
            if (name.equals(QueueAttributes.REDRIVE_POLICY) && value != null) {
                value = value.isEmpty() ? null : checkRedrive(value, fifo, queueArn, account, region);
            } else if (name.equals(QueueAttributes.REDRIVE_ALLOW_POLICY) && value != null) {
                value = value.isEmpty() ? null : Redrive.parseAllowPolicy(value).toJson();
            }
            out.put(name, value);
        }
        if (out.get(QueueAttributes.KMS_MASTER_KEY_ID) != null
                && "true".equals(out.get(QueueAttributes.SQS_MANAGED_SSE_ENABLED))) {
            throw SqsErrors.invalidAttributeValue(QueueAttributes.SQS_MANAGED_SSE_ENABLED,
                    "You can use one type of server-side encryption (SSE) at one time.");
        }
        if (out.get(QueueAttributes.KMS_MASTER_KEY_ID) != null && !out.containsKey(QueueAttributes.SQS_MANAGED_SSE_ENABLED)) {
            out.put(QueueAttributes.SQS_MANAGED_SSE_ENABLED, "false");
        }
        return out;
    }

    private String checkRedrive(String value, boolean fifo, String queueArn, String account, String region) {
        Redrive.Policy policy = Redrive.parsePolicy(value);
        Queue target = queues.byArn(policy.deadLetterTargetArn());
        Arn targetArn = Arn.parse(policy.deadLetterTargetArn());
        if (target == null || target.deleted() || !targetArn.accountId().equals(account)
                || !targetArn.region().equals(region)) {
            throw Redrive.invalid(value, "Dead letter target does not exist.");
        }
        if (target.fifo != fifo) {
            throw Redrive.invalid(value, "Dead-letter queue must be same type of queue as the source.");
        }
        if (!target.allowsAsDeadLetterSource(queueArn)) {
            throw Redrive.invalid(value, "Queue " + target.arnText
                    + " does not allow this queue to use it as a dead-letter queue.");
        }
        return policy.toJson();
    }

    /** The queue of the caller's region, in the caller's account or the given QueueOwnerAWSAccountId. */
    public GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest request) {
        RequestContext ctx = RequestContext.current();
        if (request.queueName() == null || request.queueName().isEmpty()) {
            throw SqsErrors.missingParameter("QueueName");
        }
        String account = request.queueOwnerAWSAccountId() != null && !request.queueOwnerAWSAccountId().isEmpty()
                ? request.queueOwnerAWSAccountId() : ctx.accountId();
        Queue q = queues.get(account, ctx.region(), request.queueName());
        if (q == null || q.deleted()) {
            throw SqsErrors.nonExistentQueue();
        }
        return GetQueueUrlResponse.builder().queueUrl(urlOf(q)).build();
    }

    public DeleteQueueResponse deleteQueue(DeleteQueueRequest request) {
        Queue q = queues.resolve(request.queueUrl());
        SqsQueues.Region scope = queues.region(q.account, q.region);
        synchronized (scope) {
            if (scope.byName.remove(q.name, q)) {
                scope.deletedAt.put(q.name, now());
                context.registry().unregister(q.arn);
            }
            // Journaled under the region's monitor: a CreateQueue of the same name (60 seconds later on the clock,
            // which POST /_gureum/clock can make a moment) records its queue after this removal, never before it.
            q.delete();
        }
        return DeleteQueueResponse.builder().build();
    }

    public PurgeQueueResponse purgeQueue(PurgeQueueRequest request) {
        queues.resolve(request.queueUrl()).purge(now());
        return PurgeQueueResponse.builder().build();
    }

    public ListQueuesResponse listQueues(ListQueuesRequest request) {
        RequestContext ctx = RequestContext.current();
        String prefix = request.queueNamePrefix() == null ? "" : request.queueNamePrefix();
        Integer maxResults = request.maxResults();
        if (maxResults != null && (maxResults < 1 || maxResults > 1000)) {
            throw SqsErrors.invalidParameterValue("MaxResults", maxResults,
                    "MaxResults must be an integer between 1 and 1000.");
        }
        List<Queue> matching = queues.region(ctx.accountId(), ctx.region()).byName.values().stream()
                .filter(q -> q.name.startsWith(prefix)).sorted((a, b) -> a.name.compareTo(b.name)).toList();
        List<String> names = matching.stream().map(q -> q.name).toList();
        Page page = page(names, maxResults, request.nextToken());
        ListQueuesResponse.Builder b = ListQueuesResponse.builder();
        List<String> urls = new ArrayList<>();
        for (String n : page.items()) {
            urls.add(QueueUrls.build(ctx.host(), ctx.accountId(), n));
        }
        if (!urls.isEmpty()) {
            b.queueUrls(urls);
        }
        return b.nextToken(page.nextToken()).build();
    }

    public ListDeadLetterSourceQueuesResponse listDeadLetterSourceQueues(ListDeadLetterSourceQueuesRequest request) {
        Queue dlq = queues.resolve(request.queueUrl());
        Integer maxResults = request.maxResults();
        if (maxResults != null && (maxResults < 1 || maxResults > 1000)) {
            throw SqsErrors.invalidParameterValue("MaxResults", maxResults,
                    "MaxResults must be an integer between 1 and 1000.");
        }
        List<String> names = queues.region(dlq.account, dlq.region).byName.values().stream()
                .filter(q -> {
                    Redrive.Policy p = q.redrivePolicy(); // read once: another request may change it meanwhile
                    return p != null && p.deadLetterTargetArn().equals(dlq.arnText);
                })
                .map(q -> q.name).sorted().toList();
        Page page = page(names, maxResults, request.nextToken());
        RequestContext ctx = RequestContext.current();
        return ListDeadLetterSourceQueuesResponse.builder()
                .queueUrls(page.items().stream().map(n -> QueueUrls.build(ctx.host(), dlq.account, n)).toList())
                .nextToken(page.nextToken()).build();
    }

    private record Page(List<String> items, String nextToken) {
    }

    /** Pages sorted names; the token is the last name returned. Without MaxResults, up to 1000 and no token. */
    private static Page page(List<String> names, Integer maxResults, String token) {
        int start = 0;
        if (token != null && !token.isEmpty()) {
            String after;
            try {
                after = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw SqsErrors.invalidParameterValue("Invalid NextToken value.");
            }
            while (start < names.size() && names.get(start).compareTo(after) <= 0) {
                start++;
            }
        }
        int limit = maxResults == null ? 1000 : maxResults;
        int end = Math.min(names.size(), start + limit);
        List<String> items = names.subList(start, end);
        String next = maxResults != null && end < names.size()
                ? Base64.getEncoder().encodeToString(names.get(end - 1).getBytes(StandardCharsets.UTF_8)) : null;
        return new Page(items, next);
    }

    // ---- attributes -------------------------------------------------------------------------

    public GetQueueAttributesResponse getQueueAttributes(GetQueueAttributesRequest request) {
        Map<String, String> attributes = attributes(queues.resolve(request.queueUrl()), request);
        GetQueueAttributesResponse.Builder b = GetQueueAttributesResponse.builder();
        if (!attributes.isEmpty()) {
            b.attributesWithStrings(attributes);
        }
        return b.build();
    }

    private Map<String, String> attributes(Queue q, GetQueueAttributesRequest request) {
        List<String> asked = request.attributeNamesAsStrings() == null ? List.of() : request.attributeNamesAsStrings();
        Map<String, String> all = allAttributes(q);
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : asked) {
            if (name.equals("All")) {
                out.putAll(all);
            } else if (all.containsKey(name)) {
                out.put(name, all.get(name));
            } else if (!known(name, q.fifo)) {
                throw SqsErrors.invalidAttributeName(name);
            }
        }
        return out;
    }

    private static boolean known(String name, boolean fifo) {
        return QueueAttributes.READ_ONLY.contains(name) || name.equals(QueueAttributes.FIFO_QUEUE)
                || name.equals(QueueAttributes.POLICY) || name.equals(QueueAttributes.REDRIVE_POLICY)
                || name.equals(QueueAttributes.REDRIVE_ALLOW_POLICY) || name.equals(QueueAttributes.KMS_MASTER_KEY_ID)
                || name.equals(QueueAttributes.KMS_DATA_KEY_REUSE_PERIOD_SECONDS)
                || name.equals(QueueAttributes.SQS_MANAGED_SSE_ENABLED)
                || (fifo && QueueAttributes.FIFO_ONLY.contains(name));
    }

    private Map<String, String> allAttributes(Queue q) {
        Map<String, String> a = new LinkedHashMap<>();
        Queue.Counts c = q.counts(now());
        Map<String, String> stored = q.attributes();
        a.put("QueueArn", q.arnText);
        a.put("ApproximateNumberOfMessages", Integer.toString(c.visible()));
        a.put("ApproximateNumberOfMessagesNotVisible", Integer.toString(c.inFlight()));
        a.put("ApproximateNumberOfMessagesDelayed", Integer.toString(c.delayed()));
        a.put("CreatedTimestamp", Long.toString(q.createdAt / 1000));
        a.put("LastModifiedTimestamp", Long.toString(q.lastModifiedAt() / 1000));
        stored.forEach(a::put);
        if (stored.get(QueueAttributes.KMS_MASTER_KEY_ID) != null) {
            a.putIfAbsent(QueueAttributes.KMS_DATA_KEY_REUSE_PERIOD_SECONDS, "300");
        }
        if (q.fifo) {
            a.put(QueueAttributes.FIFO_QUEUE, "true");
        }
        return a;
    }

    public SetQueueAttributesResponse setQueueAttributes(SetQueueAttributesRequest request) {
        Queue q = queues.resolve(request.queueUrl());
        Map<String, String> given = request.attributesAsStrings() == null ? Map.of() : request.attributesAsStrings();
        if (given.containsKey(QueueAttributes.FIFO_QUEUE)) {
            throw SqsErrors.invalidAttributeName(QueueAttributes.FIFO_QUEUE);
        }
        q.setAttributes(validated(given, q.fifo, q.arnText, q.account, q.region), now());
        return SetQueueAttributesResponse.builder().build();
    }
}
