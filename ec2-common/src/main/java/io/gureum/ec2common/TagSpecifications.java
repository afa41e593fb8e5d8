package io.gureum.ec2common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The TagSpecifications of a create call and EC2's tag rules
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions).
 */
public final class TagSpecifications {
    public static final int MAX_TAGS = 50;

    private TagSpecifications() {
    }

    /** The SDK form of a resource's tags, or null when it has none (EC2 omits an empty tagSet). */
    public static List<Tag> toSdk(Map<String, String> tags) {
        if (tags.isEmpty()) {
            return null;
        }
        List<Tag> out = new ArrayList<>(tags.size());
        tags.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
        return out;
    }

    /**
     * Checks that every TagSpecification names {@code resourceType}, the type this operation creates.
     * Call before creating anything.
     */
    public static void validate(List<TagSpecification> specs, String resourceType) {
        if (specs == null) {
            return;
        }
        for (TagSpecification spec : specs) {
            String type = spec.resourceTypeAsString();
            if (type == null) {
                throw Ec2Errors.invalidParameterValue("Tag specification resource type must have a value");
            }
            if (!type.equals(resourceType)) {
                throw Ec2Errors.invalidParameterValue(
                        "'" + type + "' is not a valid taggable resource type for this operation.");
            }
            checkTags(spec.tags());
        }
    }

    /**
     * Checks tags against EC2's limits (count, reserved prefix, lengths). Keys starting {@code aws:} do not
     * count towards the 50 (Using_Tags.html#tag-restrictions); only CloudFormation may set its own
     * ({@link CloudFormationTags}).
     */
    public static void checkTags(Collection<Tag> tags) {
        long counted = tags.stream().filter(t -> t.key() == null || !t.key().startsWith("aws:")).count();
        if (counted > MAX_TAGS) {
            throw Ec2Error.TAG_LIMIT_EXCEEDED.of();
        }
        for (Tag t : tags) {
            if (t.key() == null) {
                throw Ec2Errors.invalidParameterValue("Tag key must not be null");
            }
            if (t.key().toLowerCase().startsWith("aws:") && !CloudFormationTags.allowed(t.key())) {
                throw Ec2Errors.invalidParameterValue(
                        "Tag keys starting with 'aws:' are reserved for internal use");
            }
            if (t.key().length() > 128) {
                throw Ec2Errors.invalidParameterValue("Tag key exceeds the maximum length of 128 characters");
            }
            if (t.value() != null && t.value().length() > 256) {
                throw Ec2Errors.invalidParameterValue("Tag value exceeds the maximum length of 256 characters");
            }
        }
    }

    /** The tags the (validated) TagSpecifications give the created resource. */
    public static Map<String, String> tagsOf(List<TagSpecification> specs) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (specs != null) {
            for (TagSpecification spec : specs) {
                for (Tag t : spec.tags()) {
                    tags.put(t.key(), t.value() == null ? "" : t.value());
                }
            }
        }
        return tags;
    }
}
