package io.gureum.vpc;

import io.gureum.vpc.model.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.CreateTagsResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTagsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTagsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTagsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagDescription;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Tags on every resource of the store: TagSpecifications at creation, CreateTags, DeleteTags,
 * DescribeTags (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html).
 */
public final class Tags {
    static final int MAX_TAGS = 50;

    private final Filters<Resource> filters = new Filters<Resource>()
            .on("resource-id", r -> r.id)
            .on("resource-type", Resource::resourceType);

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

    /** Applies the TagSpecifications of a create call (validated first with {@link #validate}). */
    public static void apply(List<TagSpecification> specs, Resource resource) {
        if (specs == null) {
            return;
        }
        for (TagSpecification spec : specs) {
            for (Tag t : spec.tags()) {
                resource.tags.put(t.key(), t.value() == null ? "" : t.value());
            }
        }
    }

    private static void checkTags(Collection<Tag> tags) {
        if (tags.size() > MAX_TAGS) {
            throw Ec2Errors.error("TagLimitExceeded", "The maximum number of Tags for a resource has been reached.");
        }
        for (Tag t : tags) {
            if (t.key() == null) {
                throw Ec2Errors.invalidParameterValue("Tag key must not be null");
            }
            if (t.key().toLowerCase().startsWith("aws:")) {
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

    public CreateTagsResponse createTags(VpcStore s, CreateTagsRequest r) {
        if (!r.hasResources() || r.resources().isEmpty()) {
            throw Ec2Errors.missing("resourceIdSet");
        }
        checkTags(r.tags());
        List<Map<String, String>> targets = resolve(s, r.resources());
        Ec2Errors.checkDryRun(r.dryRun());
        for (Map<String, String> tags : targets) {
            if (tags.size() + r.tags().stream().filter(t -> !tags.containsKey(t.key())).count() > MAX_TAGS) {
                throw Ec2Errors.error("TagLimitExceeded", "The maximum number of Tags for a resource has been reached.");
            }
        }
        for (Map<String, String> tags : targets) {
            for (Tag t : r.tags()) {
                tags.put(t.key(), t.value() == null ? "" : t.value());
            }
        }
        return CreateTagsResponse.builder().build();
    }

    /**
     * DeleteTags: a tag given with a value is removed only when the value matches; a tag given without
     * one is removed whatever its value; no tags at all removes every tag.
     */
    public DeleteTagsResponse deleteTags(VpcStore s, DeleteTagsRequest r) {
        if (!r.hasResources() || r.resources().isEmpty()) {
            throw Ec2Errors.missing("resourceIdSet");
        }
        List<Map<String, String>> targets = resolve(s, r.resources());
        Ec2Errors.checkDryRun(r.dryRun());
        for (Map<String, String> tags : targets) {
            if (!r.hasTags() || r.tags().isEmpty()) {
                tags.clear();
                continue;
            }
            for (Tag t : r.tags()) {
                if (t.value() == null || t.value().equals(tags.get(t.key()))) {
                    tags.remove(t.key());
                }
            }
        }
        return DeleteTagsResponse.builder().build();
    }

    public DescribeTagsResponse describeTags(VpcStore s, DescribeTagsRequest r) {
        Ec2Errors.checkDryRun(r.dryRun());
        // DescribeTags filters are over tags, not resources: key and value select tags of a resource.
        List<software.amazon.awssdk.services.ec2.model.Filter> resourceFilters = new ArrayList<>();
        List<java.util.regex.Pattern> keys = null;
        List<java.util.regex.Pattern> values = null;
        for (var f : r.filters()) {
            switch (f.name() == null ? "" : f.name()) {
                case "key" -> keys = f.values().stream().map(Filters::glob).toList();
                case "value" -> values = f.values().stream().map(Filters::glob).toList();
                default -> resourceFilters.add(f);
            }
        }
        var keep = filters.predicate(resourceFilters);
        List<TagDescription> out = new ArrayList<>();
        List<Resource> all = new ArrayList<>(s.byId.values());
        all.sort((a, b) -> a.id.compareTo(b.id));
        for (Resource res : all) {
            if (!keep.test(res)) {
                continue;
            }
            for (Map.Entry<String, String> t : res.tags.entrySet()) {
                if (keys != null && keys.stream().noneMatch(p -> p.matcher(t.getKey()).matches())) {
                    continue;
                }
                if (values != null && values.stream().noneMatch(p -> p.matcher(t.getValue()).matches())) {
                    continue;
                }
                out.add(TagDescription.builder().resourceId(res.id).resourceType(res.resourceType())
                        .key(t.getKey()).value(t.getValue()).build());
            }
        }
        var page = Pagination.page(out, r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeTagsResponse.builder().tags(page.items()).nextToken(page.nextToken()).build();
    }

    /** The tag maps of the resources (and security group rules, tagged by their sgr- IDs). */
    private static List<Map<String, String>> resolve(VpcStore s, List<String> ids) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String id : ids) {
            Resource res = s.byId.get(id);
            Map<String, String> tags = res != null ? res.tags
                    : id.startsWith("sgr-") ? SecurityGroups.ruleTags(s, id) : null;
            if (tags == null) {
                throw Ids.notFoundFor(id);
            }
            out.add(tags);
        }
        return out;
    }
}
