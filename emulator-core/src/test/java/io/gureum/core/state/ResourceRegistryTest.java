package io.gureum.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.ids.Arn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class ResourceRegistryTest {

    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "ap-northeast-2";

    private final ResourceRegistry registry = new ResourceRegistry();

    private Arn vpcArn(String id) {
        return Arn.of("ec2", REGION, ACCOUNT, "vpc/" + id);
    }

    @Test
    void registerAndLookUpByIdAndArn() {
        Arn arn = vpcArn("vpc-1");
        RegisteredResource r = registry.register(ACCOUNT, REGION, "ec2", "vpc-1", arn);
        assertEquals(r, registry.byId(ACCOUNT, REGION, "vpc-1").orElseThrow());
        assertEquals(r, registry.byArn(Arn.parse(arn.toString())).orElseThrow());
        assertEquals("ec2", r.service());
        assertEquals(Map.of(), r.tags());
    }

    @Test
    void idsAreScopedByAccountAndRegion() {
        registry.register(ACCOUNT, REGION, "ec2", "vpc-1", vpcArn("vpc-1"));
        assertTrue(registry.byId("999999999999", REGION, "vpc-1").isEmpty());
        assertTrue(registry.byId(ACCOUNT, "us-east-1", "vpc-1").isEmpty());
    }

    @Test
    void duplicatesAreRejected() {
        registry.register(ACCOUNT, REGION, "ec2", "vpc-1", vpcArn("vpc-1"));
        assertThrows(IllegalStateException.class,
                () -> registry.register(ACCOUNT, REGION, "ec2", "vpc-1", vpcArn("other")));
        assertThrows(IllegalStateException.class,
                () -> registry.register(ACCOUNT, REGION, "ec2", "vpc-2", vpcArn("vpc-1")));
    }

    @Test
    void unregisterRemovesBothIndexes() {
        Arn a = vpcArn("vpc-1");
        Arn b = vpcArn("vpc-2");
        registry.register(ACCOUNT, REGION, "ec2", "vpc-1", a);
        registry.register(ACCOUNT, REGION, "ec2", "vpc-2", b);
        assertEquals("vpc-1", registry.unregister(ACCOUNT, REGION, "vpc-1").orElseThrow().id());
        assertTrue(registry.byArn(a).isEmpty());
        assertEquals("vpc-2", registry.unregister(b).orElseThrow().id());
        assertTrue(registry.byId(ACCOUNT, REGION, "vpc-2").isEmpty());
        assertTrue(registry.unregister(b).isEmpty());
        // the ID can be reused once gone
        registry.register(ACCOUNT, REGION, "ec2", "vpc-1", a);
    }

    @Test
    void tagOverwritesAndUntagRemoves() {
        Arn arn = vpcArn("vpc-1");
        registry.register(ACCOUNT, REGION, "ec2", "vpc-1", arn);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("Name", "main");
        tags.put("env", "dev");
        registry.tag(arn, tags);
        registry.tag(arn, Map.of("env", "prod", "team", "net"));
        assertEquals(Map.of("Name", "main", "env", "prod", "team", "net"), registry.tags(arn));
        assertEquals(List.of("Name", "env", "team"), List.copyOf(registry.tags(arn).keySet()));
        registry.untag(arn, List.of("env", "absent"));
        assertEquals(Map.of("Name", "main", "team", "net"), registry.tags(arn));
        assertEquals(registry.tags(arn), registry.byId(ACCOUNT, REGION, "vpc-1").orElseThrow().tags());
        assertThrows(UnsupportedOperationException.class, () -> registry.tags(arn).put("x", "y"));
    }

    @Test
    void taggingUnknownArnFails() {
        Arn unknown = vpcArn("vpc-nope");
        assertEquals(Map.of(), registry.tags(unknown));
        assertThrows(NoSuchElementException.class, () -> registry.tag(unknown, Map.of("a", "b")));
        assertThrows(NoSuchElementException.class, () -> registry.untag(unknown, List.of("a")));
    }

    @Test
    void listAndClearByService() {
        registry.register(ACCOUNT, REGION, "ec2", "vpc-1", vpcArn("vpc-1"));
        Arn queue = Arn.of("sqs", REGION, ACCOUNT, "jobs");
        registry.register(ACCOUNT, REGION, "sqs", "jobs", queue);
        registry.register(ACCOUNT, "us-east-1", "sqs", "jobs", Arn.of("sqs", "us-east-1", ACCOUNT, "jobs"));
        assertEquals(2, registry.list(ACCOUNT, REGION).size());

        registry.clear("sqs");
        assertTrue(registry.byArn(queue).isEmpty());
        assertTrue(registry.byId(ACCOUNT, REGION, "jobs").isEmpty());
        assertTrue(registry.byId(ACCOUNT, REGION, "vpc-1").isPresent());

        registry.clear();
        assertTrue(registry.list(ACCOUNT, REGION).isEmpty());
        assertTrue(registry.byId(ACCOUNT, REGION, "vpc-1").isEmpty());
    }

    @Test
    void idsAreScopedByServiceToo() {
        Arn queue = Arn.of("sqs", REGION, ACCOUNT, "orders");
        Arn topic = Arn.of("sns", REGION, ACCOUNT, "orders");
        registry.register(ACCOUNT, REGION, "sqs", "orders", queue);
        registry.register(ACCOUNT, REGION, "sns", "orders", topic, Map.of("app", "shop"));
        assertEquals(queue, registry.byId(ACCOUNT, REGION, "sqs", "orders").orElseThrow().arn());
        assertEquals(topic, registry.byId(ACCOUNT, REGION, "sns", "orders").orElseThrow().arn());
        assertEquals("sns", registry.byArn(topic).orElseThrow().type());
        assertTrue(registry.byArn(topic).orElseThrow().everTagged());
        assertTrue(!registry.byArn(queue).orElseThrow().everTagged());
        registry.unregister(ACCOUNT, REGION, "sqs", "orders");
        assertTrue(registry.byArn(queue).isEmpty());
        assertEquals(List.of(topic), registry.list(ACCOUNT, REGION).stream().map(RegisteredResource::arn).toList());
    }

    @Test
    void aResourceOnceTaggedStaysListedAsTaggedWithNoTags() {
        Arn arn = vpcArn("vpc-9");
        registry.register(ACCOUNT, REGION, "ec2", "vpc-9", arn);
        registry.tag(arn, Map.of("k", "v"));
        registry.untag(arn, List.of("k"));
        assertEquals(Map.of(), registry.tags(arn));
        assertTrue(registry.byArn(arn).orElseThrow().everTagged());
        registry.replaceTags(arn, Map.of("a", "b"));
        assertEquals(Map.of("a", "b"), registry.tags(arn));
        assertEquals("ec2:vpc", registry.byArn(arn).orElseThrow().type());
    }
}
