package io.gureum.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.error.AwsException;
import io.gureum.vpc.model.InternetGateway;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Filter;

class FiltersTest {
    private final Filters<InternetGateway> filters = new Filters<InternetGateway>()
            .on("internet-gateway-id", g -> g.id)
            .on("attachment.vpc-id", g -> g.attachedVpcId);

    private static InternetGateway igw(String id, String vpc, String name) {
        InternetGateway g = new InternetGateway(id, "111122223333", Instant.EPOCH);
        g.attachedVpcId = vpc;
        if (name != null) {
            g.tags.put("Name", name);
        }
        return g;
    }

    private static Filter f(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    @Test
    void valuesAreOredFiltersAnded() {
        var a = igw("igw-a", "vpc-1", "web-prod");
        var b = igw("igw-b", "vpc-2", "web-dev");
        var p = filters.predicate(List.of(f("attachment.vpc-id", "vpc-1", "vpc-2"), f("tag:Name", "web-prod")));
        assertTrue(p.test(a));
        assertFalse(p.test(b));
    }

    @Test
    void wildcardsAndTagKeys() {
        var a = igw("igw-a", null, "web-prod");
        assertTrue(filters.predicate(List.of(f("tag:Name", "web-*"))).test(a));
        assertTrue(filters.predicate(List.of(f("tag:Name", "web-pro?"))).test(a));
        assertFalse(filters.predicate(List.of(f("tag:Name", "web"))).test(a));
        assertTrue(filters.predicate(List.of(f("tag-key", "Name"))).test(a));
        assertTrue(filters.predicate(List.of(f("tag-value", "*prod"))).test(a));
        assertFalse(filters.predicate(List.of(f("attachment.vpc-id", "*"))).test(a), "absent never matches");
        assertTrue(filters.predicate(List.of(f("tag:Name", "a.b"))).negate().test(igw("igw-x", null, "axb")),
                "regex characters are literal");
    }

    @Test
    void anUnknownFilterIsInvalidParameterValue() {
        AwsException e = assertThrows(AwsException.class, () -> filters.predicate(List.of(f("nope", "x"))));
        assertEquals("InvalidParameterValue", e.code());
        assertEquals("The filter 'nope' is invalid", e.getMessage());
    }
}
