package io.gureum.ec2common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.error.AwsException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Filter;

class Ec2FiltersTest {
    private record Type(String name, int vcpus, List<String> architectures) {
    }

    private final Ec2Filters<Type> filters = new Ec2Filters<Type>()
            .on("instance-type", Type::name)
            .on("vcpu-info.default-vcpus", Type::vcpus)
            .on("processor-info.supported-architecture", Type::architectures);

    private static Filter f(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    @Test
    void numbersAndListsMatchByTheirText() {
        Type t = new Type("t3.micro", 2, List.of("x86_64"));
        assertTrue(filters.predicate(List.of(f("vcpu-info.default-vcpus", "2"))).test(t));
        assertTrue(filters.predicate(List.of(f("processor-info.supported-architecture", "arm64", "x86_64"))).test(t));
        assertFalse(filters.predicate(List.of(f("instance-type", "t3.*"), f("vcpu-info.default-vcpus", "4"))).test(t));
    }

    @Test
    void withoutTagsTagFiltersAreUnknownFilters() {
        AwsException e = assertThrows(AwsException.class, () -> filters.predicate(List.of(f("tag:Name", "x"))));
        assertEquals("InvalidParameterValue", e.code());
        assertEquals("The filter 'tag:Name' is invalid", e.getMessage());
    }
}
