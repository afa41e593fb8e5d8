package io.gureum.cloudformation.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.Gureum;
import io.gureum.core.spi.Caller;
import io.gureum.junit5.GureumExtension;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Calls resource handlers the way the engine will: a {@link ResourceRequest} per create, update and delete,
 * against an in-process server with every service of the test class path; each test in an account of its
 * own, so state never leaks between tests. The created resources are then checked through the SDK.
 */
public abstract class HandlerTestSupport {
    private static final AtomicLong ACCOUNTS = new AtomicLong(200000000000L + (System.nanoTime() % 1000) * 1000000);
    private static final AtomicLong TOKENS = new AtomicLong();
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final String REGION = "us-east-1";
    protected static final String STACK = "teststack";

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().build();
    protected static Gureum gureum;

    protected String account;
    protected String stackId;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
    }

    @BeforeEach
    void newAccount() {
        account = String.valueOf(ACCOUNTS.incrementAndGet());
        stackId = "arn:aws:cloudformation:" + REGION + ":" + account + ":stack/" + STACK + "/" + UUID.randomUUID();
    }

    /** A resource as the engine tracks it between calls. */
    protected record Deployed(ResourceHandler handler, String logicalId, JsonNode properties, Created created) {
        public String id() {
            return created.physicalId();
        }

        public String att(String name) {
            JsonNode v = created.attributes().get(name);
            return v == null ? null : v.asText();
        }
    }

    /** A client acting as the account's root user, to check what a handler did. */
    protected <T> T client(Class<T> type) {
        return gureum.context().clients().client(type, Caller.root(account, REGION));
    }

    /** The caller the engine gives handlers: the account's root, acting for the stack (its source ARN). */
    private Caller asStack() {
        return new Caller(account, REGION, Caller.root(account, REGION).principal(), stackId);
    }

    protected static ObjectNode props(String json) {
        try {
            return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private ResourceRequest request(ResourceHandler h, String logicalId, JsonNode properties, JsonNode previous,
            Created current) {
        List<ResourceTag> tags = List.of(new ResourceTag(ResourceRequest.STACK_NAME_TAG, STACK),
                new ResourceTag(ResourceRequest.STACK_ID_TAG, stackId),
                new ResourceTag(ResourceRequest.LOGICAL_ID_TAG, logicalId), new ResourceTag("team", "course"));
        return new ResourceRequest(logicalId, h.type(), properties, previous, current == null ? null
                : current.physicalId(), current == null ? Map.of() : current.attributes(),
                new ResourceRequest.Stack(STACK, stackId, account, REGION), asStack(),
                gureum.context().clients(), tags, UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT),
                "token-" + TOKENS.incrementAndGet());
    }

    protected Deployed create(ResourceHandler h, String logicalId, JsonNode properties) {
        return new Deployed(h, logicalId, properties, h.create(request(h, logicalId, properties, null, null)));
    }

    /** Whether moving to {@code properties} replaces the resource. */
    protected boolean replaces(Deployed d, JsonNode properties) {
        return d.handler().requiresReplacement(request(d.handler(), d.logicalId(), properties, d.properties(),
                d.created()));
    }

    protected Deployed update(Deployed d, JsonNode properties) {
        ResourceRequest r = request(d.handler(), d.logicalId(), properties, d.properties(), d.created());
        if (d.handler().requiresReplacement(r)) {
            throw new AssertionError("the update replaces " + d.logicalId());
        }
        return new Deployed(d.handler(), d.logicalId(), properties, d.handler().update(r));
    }

    /** What drift detection reads of the resource now (null when it is gone). */
    protected JsonNode read(Deployed d) {
        return d.handler().read(request(d.handler(), d.logicalId(), d.properties(), null, d.created()));
    }

    protected void delete(Deployed d) {
        d.handler().delete(request(d.handler(), d.logicalId(), d.properties(), null, d.created()));
    }
}
