package io.gureum.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.testing.AwsClients;
import io.gureum.core.testing.TestServices;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetResourcesResponse;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.InvalidParameterException;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.TagResourcesResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.CreateQueueResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.TagQueueRequest;
import software.amazon.awssdk.services.sqs.model.TagQueueResponse;
import software.amazon.awssdk.services.sqs.model.UntagQueueRequest;
import software.amazon.awssdk.services.sqs.model.UntagQueueResponse;

/**
 * The tagging API over a small SQS that keeps its queues and tags in core's registry, as every real
 * service module does: listing reads the registry, tagging goes through SQS's own TagQueue.
 */
class TaggingApiIT {
    private static final java.util.concurrent.atomic.AtomicLong ACCOUNTS = new java.util.concurrent.atomic.AtomicLong(111111111111L);
    @org.junit.jupiter.api.extension.RegisterExtension
    static final io.gureum.junit5.GureumExtension aws = io.gureum.junit5.GureumExtension.builder()
            .services(new TaggingService(),
                    TestServices.service("sqs", SqsClient.class, null, RegistrySqs.class, RegistrySqs::new))
            .build();
    static Gureum gureum;
    ResourceGroupsTaggingApiClient tagging;
    SqsClient sqs;
    String account;

    /** Queues registered with their tags in the registry; an unknown queue is QueueDoesNotExist. */
    static final class RegistrySqs {
        private final ServiceContext context;

        RegistrySqs(ServiceContext context) {
            this.context = context;
        }

        private Arn arn(String name) {
            RequestContext ctx = RequestContext.current();
            return Arn.of("sqs", ctx.region(), ctx.accountId(), name);
        }

        private Arn arnOfUrl(String url) {
            return arn(url.substring(url.lastIndexOf('/') + 1));
        }

        public CreateQueueResponse createQueue(CreateQueueRequest r) {
            RequestContext ctx = RequestContext.current();
            context.registry().register(ctx.accountId(), ctx.region(), "sqs", r.queueName(), arn(r.queueName()),
                    r.hasTags() ? r.tags() : Map.of());
            return CreateQueueResponse.builder().queueUrl("http://localhost/" + ctx.accountId() + "/" + r.queueName()).build();
        }

        public GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest r) {
            RequestContext ctx = RequestContext.current();
            if (context.registry().byArn(arn(r.queueName())).isEmpty()) {
                throw QueueDoesNotExistException.builder().message("The specified queue does not exist.").build();
            }
            return GetQueueUrlResponse.builder().queueUrl("http://localhost/" + ctx.accountId() + "/" + r.queueName()).build();
        }

        public TagQueueResponse tagQueue(TagQueueRequest r) {
            context.registry().tag(arnOfUrl(r.queueUrl()), r.tags());
            return TagQueueResponse.builder().build();
        }

        public UntagQueueResponse untagQueue(UntagQueueRequest r) {
            context.registry().untag(arnOfUrl(r.queueUrl()), r.tagKeys());
            return UntagQueueResponse.builder().build();
        }
    }

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
    }

    /** Each test in an account of its own, so no test sees another's resources. */
    @org.junit.jupiter.api.BeforeEach
    void clients() {
        account = Long.toString(ACCOUNTS.getAndIncrement());
        tagging = AwsClients.client(ResourceGroupsTaggingApiClient.builder(), gureum.endpoint(), account, "us-east-1");
        sqs = AwsClients.client(SqsClient.builder(), gureum.endpoint(), account, "us-east-1");
    }

    @org.junit.jupiter.api.AfterEach
    void closeClients() {
        tagging.close();
        sqs.close();
    }

    private String arn(String queue) {
        return "arn:aws:sqs:us-east-1:" + account + ":" + queue;
    }

    private static Map<String, Map<String, String>> byArn(GetResourcesResponse r) {
        return r.resourceTagMappingList().stream().collect(Collectors.toMap(ResourceTagMapping::resourceARN,
                m -> m.tags().stream().collect(Collectors.toMap(t -> t.key(), t -> t.value()))));
    }

    @Test
    void listsOnlyTaggedOrOnceTaggedResourcesAndFiltersByTagAndType() {
        sqs.createQueue(b -> b.queueName("never-tagged"));
        sqs.createQueue(b -> b.queueName("web").tags(Map.of("tier", "web", "env", "prod")));
        sqs.createQueue(b -> b.queueName("app").tags(Map.of("tier", "app", "env", "prod")));
        String webArn = arn("web");
        String appArn = arn("app");

        Map<String, Map<String, String>> prod = byArn(tagging.getResources(b -> b.tagFilters(f -> f.key("env").values("prod"))));
        assertEquals(Map.of(webArn, Map.of("tier", "web", "env", "prod"), appArn, Map.of("tier", "app", "env", "prod")), prod);
        assertEquals(Map.of(webArn, Map.of("tier", "web", "env", "prod")),
                byArn(tagging.getResources(b -> b.tagFilters(f -> f.key("env"), f -> f.key("tier").values("web", "db")))));
        assertEquals(2, tagging.getResources(b -> b.resourceTypeFilters("sqs")).resourceTagMappingList().size());
        assertEquals(0, tagging.getResources(b -> b.resourceTypeFilters("ec2:instance")).resourceTagMappingList().size());
        assertTrue(byArn(tagging.getResources(b -> { })).keySet().stream().noneMatch(a -> a.endsWith(":never-tagged")));

        // Untagged completely: still listed, with an empty tag set ("previously tagged").
        tagging.untagResources(b -> b.resourceARNList(appArn).tagKeys("tier", "env"));
        assertEquals(Map.of(), byArn(tagging.getResources(b -> b.resourceARNList(appArn))).get(appArn));

        assertEquals(List.of("env", "tier"), tagging.getTagKeys(b -> { }).tagKeys());
        assertEquals(List.of("web"), tagging.getTagValues(b -> b.key("tier")).tagValues());
        assertEquals("", tagging.getTagValues(b -> b.key("tier")).paginationToken());
    }

    @Test
    void tagsThroughTheOwningServiceAndReportsWhatItRefuses() {
        sqs.createQueue(b -> b.queueName("orders"));
        String orders = arn("orders");
        String missing = arn("missing");
        String unsupported = "arn:aws:kinesis:us-east-1:" + account + ":stream/s";
        TagResourcesResponse r = tagging.tagResources(b -> b.resourceARNList(orders, missing, unsupported)
                .tags(Map.of("team", "payments")));
        assertEquals(2, r.failedResourcesMap().size());
        assertEquals("QueueDoesNotExist", r.failedResourcesMap().get(missing).errorCodeAsString());
        assertEquals(400, r.failedResourcesMap().get(missing).statusCode());
        assertEquals("InternalServiceException", r.failedResourcesMap().get(unsupported).errorCodeAsString());
        assertEquals(Map.of("team", "payments"), byArn(tagging.getResources(b -> b.resourceARNList(orders))).get(orders));
    }

    @Test
    void paginatesWithOpaqueTokensAndAnEmptyTokenAtTheEnd() {
        for (int i = 0; i < 5; i++) {
            int n = i;
            sqs.createQueue(b -> b.queueName("page-" + n).tags(Map.of("paged", "yes")));
        }
        GetResourcesResponse first = tagging.getResources(b -> b.tagFilters(f -> f.key("paged")).resourcesPerPage(2));
        assertEquals(2, first.resourceTagMappingList().size());
        GetResourcesResponse second = tagging.getResources(b -> b.tagFilters(f -> f.key("paged")).resourcesPerPage(2)
                .paginationToken(first.paginationToken()));
        GetResourcesResponse third = tagging.getResources(b -> b.tagFilters(f -> f.key("paged")).resourcesPerPage(2)
                .paginationToken(second.paginationToken()));
        assertEquals(1, third.resourceTagMappingList().size());
        assertEquals("", third.paginationToken());
        assertTrue(first.resourceTagMappingList().get(1).resourceARN()
                .compareTo(second.resourceTagMappingList().get(0).resourceARN()) < 0);
    }

    @Test
    void refusesWhatTheApiRefuses() {
        InvalidParameterException both = assertThrows(InvalidParameterException.class, () -> tagging.getResources(
                b -> b.resourceARNList(arn("x")).tagFilters(f -> f.key("k"))));
        assertEquals(400, both.statusCode());
        assertThrows(InvalidParameterException.class, () -> tagging.getResources(b -> b.resourcesPerPage(101)));
        assertThrows(InvalidParameterException.class, () -> tagging.getResources(b -> b.paginationToken("%%%")));
        assertThrows(InvalidParameterException.class, () -> tagging.tagResources(b -> b.resourceARNList(
                java.util.stream.IntStream.range(0, 21).mapToObj(i -> arn("q" + i)).toList())
                .tags(Map.of("k", "v"))));
    }
}
