package io.gureum.ec2common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.error.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

class TagSpecificationsTest {
    private static TagSpecification spec(String type, Tag... tags) {
        return TagSpecification.builder().resourceType(type).tags(tags).build();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    @Test
    void tagsOfTheSpecificationsGoToTheCreatedResource() {
        List<TagSpecification> specs = List.of(spec("vpc", tag("Name", "web"), tag("empty", null)));
        TagSpecifications.validate(specs, "vpc");
        assertEquals(Map.of("Name", "web", "empty", ""), TagSpecifications.tagsOf(specs));
        assertNull(TagSpecifications.toSdk(Map.of()), "EC2 leaves out an empty tagSet");
    }

    @Test
    void aSpecificationForAnotherResourceTypeIsRefused() {
        AwsException e = assertThrows(AwsException.class,
                () -> TagSpecifications.validate(List.of(spec("subnet", tag("a", "b"))), "vpc"));
        assertEquals("InvalidParameterValue", e.code());
        assertEquals("'subnet' is not a valid taggable resource type for this operation.", e.getMessage());
    }

    @Test
    void awsLimitsOnTags() {
        List<Tag> many = new ArrayList<>();
        IntStream.range(0, TagSpecifications.MAX_TAGS + 1).forEach(i -> many.add(tag("k" + i, "v")));
        assertEquals("TagLimitExceeded", assertThrows(AwsException.class,
                () -> TagSpecifications.checkTags(many)).code());
        assertEquals("InvalidParameterValue", assertThrows(AwsException.class,
                () -> TagSpecifications.checkTags(List.of(tag("aws:owner", "x")))).code());
    }
}
