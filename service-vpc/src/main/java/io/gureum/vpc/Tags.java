package io.gureum.vpc;

import io.gureum.ec2common.Pagination;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.TagSpecifications;
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
    private final Filters<Resource> filters = new Filters<Resource>()
            .on("resource-id", r -> r.id)
            .on("resource-type", Resource::resourceType);
    private final Network net;

    Tags(Network net) {
        this.net = net;
    }

    public static List<Tag> toSdk(Map<String, String> tags) {
        return TagSpecifications.toSdk(tags);
    }

    public static void validate(List<TagSpecification> specs, String resourceType) {
        TagSpecifications.validate(specs, resourceType);
    }

    /** Applies the TagSpecifications of a create call (validated first with {@link #validate}). */
    public static void apply(List<TagSpecification> specs, Resource resource) {
        resource.tags.putAll(TagSpecifications.tagsOf(specs));
    }

    public CreateTagsResponse createTags(CreateTagsRequest r) {
        VpcStore s = net.store();
        if (!r.hasResources() || r.resources().isEmpty()) {
            throw Ec2Errors.missing("resourceIdSet");
        }
        TagSpecifications.checkTags(r.tags());
        List<Map<String, String>> targets = resolve(s, r.resources());
        Ec2Errors.checkDryRun(r.dryRun());
        for (Map<String, String> tags : targets) {
            if (tags.size() + r.tags().stream().filter(t -> !tags.containsKey(t.key())).count() > TagSpecifications.MAX_TAGS) {
                throw Ec2Error.TAG_LIMIT_EXCEEDED.of();
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
    public DeleteTagsResponse deleteTags(DeleteTagsRequest r) {
        VpcStore s = net.store();
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

    public DescribeTagsResponse describeTags(DescribeTagsRequest r) {
        VpcStore s = net.store();
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
