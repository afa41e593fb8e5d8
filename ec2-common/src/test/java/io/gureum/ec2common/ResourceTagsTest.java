package io.gureum.ec2common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.ids.Arn;
import io.gureum.core.state.ResourceRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceTagsTest {
    private static final Arn ARN = Arn.parse("arn:aws:ec2:us-east-1:123456789012:vpc/vpc-1");

    @Test
    void creationTagsGoIntoTheRegistrationAndLaterWritesGoToTheRegistry() {
        ResourceRegistry registry = new ResourceRegistry();
        ResourceTags tags = new ResourceTags();
        tags.put("Name", "app");
        tags.attach(registry, "123456789012", "us-east-1", "vpc", "vpc-1");
        assertEquals(Map.of("Name", "app"), registry.tags(ARN));
        assertEquals("ec2:vpc", registry.byArn(ARN).orElseThrow().type());

        tags.put("env", null);
        assertEquals(Map.of("Name", "app", "env", ""), registry.tags(ARN));
        registry.tag(ARN, Map.of("team", "net"));
        assertEquals("net", tags.get("team"));
        assertEquals(3, tags.size());
        tags.remove("Name");
        assertEquals(Map.of("env", "", "team", "net"), registry.tags(ARN));
        assertEquals(List.of("env", "team"), List.copyOf(tags.keySet()));
        assertThrows(UnsupportedOperationException.class, () -> tags.entrySet().clear());
        tags.clear();
        assertTrue(registry.tags(ARN).isEmpty());
    }

    @Test
    void detachingUnregistersAndKeepsASnapshot() {
        ResourceRegistry registry = new ResourceRegistry();
        ResourceTags tags = new ResourceTags();
        tags.attach(registry, "123456789012", "us-east-1", "vpc", "vpc-1");
        registry.tag(ARN, Map.of("Name", "app"));
        assertTrue(tags.attachedTo(ARN));
        tags.detach();
        assertFalse(tags.attached());
        assertTrue(registry.byArn(ARN).isEmpty());
        assertEquals(Map.of("Name", "app"), tags);
        assertThrows(IllegalStateException.class, () -> {
            ResourceTags twice = new ResourceTags();
            twice.attach(registry, "123456789012", "us-east-1", "vpc", "vpc-2");
            new ResourceTags().attach(registry, "123456789012", "us-east-1", "vpc", "vpc-2");
        });
    }
}
