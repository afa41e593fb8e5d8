package io.gureum.vpc;

import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.state.RegisteredResource;
import io.gureum.core.state.ResourceRegistry;
import io.gureum.ec2common.Ec2Api;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import io.gureum.ec2common.TagSpecifications;
import io.gureum.vpc.model.Resource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.CreateTagsResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTagsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTagsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTagsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagDescription;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Tags on every EC2 resource: TagSpecifications at creation, CreateTags, DeleteTags, DescribeTags
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html). Tags live in core's resource
 * registry, so these operations work on any EC2 resource registered there under service {@code ec2} in
 * the caller's account and region, whichever module created it (instances too), and security group
 * rules, which are tagged by their {@code sgr-} IDs.
 */
public final class Tags {
    /** One registered resource, as DescribeTags filters it. */
    private record Target(String id, String type, Arn arn) {
        Map<String, String> tags(ResourceRegistry registry) {
            return registry.tags(arn);
        }
    }

    private final Ec2Filters<Target> filters;
    private final Network net;

    Tags(Network net) {
        this.net = net;
        this.filters = new Ec2Filters<Target>(t -> t.tags(net.ctx.registry()));
        filters.on("resource-id", Target::id).on("resource-type", Target::type);
    }

    public static List<Tag> toSdk(Map<String, String> tags) {
        return TagSpecifications.toSdk(tags);
    }

    public static void validate(List<TagSpecification> specs, String resourceType) {
        TagSpecifications.validate(specs, resourceType);
    }

    /**
     * Applies the TagSpecifications of a create call (validated first with {@link #validate}): they go
     * into the registry with the resource, or straight to its record when it is already stored.
     */
    public static void apply(List<TagSpecification> specs, Resource resource) {
        resource.tags.putAll(TagSpecifications.tagsOf(specs));
    }

    public CreateTagsResponse createTags(CreateTagsRequest r) {
        VpcStore s = net.store();
        if (!r.hasResources() || r.resources().isEmpty()) {
            throw Ec2Errors.missing("resourceIdSet");
        }
        TagSpecifications.checkTags(r.tags());
        List<Target> targets = resolve(s, r.resources());
        Ec2Errors.checkDryRun(r.dryRun());
        ResourceRegistry registry = net.ctx.registry();
        Map<String, String> added = new LinkedHashMap<>();
        for (Tag t : r.tags()) {
            added.put(t.key(), t.value() == null ? "" : t.value());
        }
        // All or nothing: a resource that would pass 50 tags fails the call before any resource is tagged.
        for (Target target : targets) {
            Map<String, String> tags = target.tags(registry);
            long fresh = added.keySet().stream().filter(k -> !tags.containsKey(k)).count();
            if (tags.size() + fresh > TagSpecifications.MAX_TAGS) {
                throw Ec2Error.TAG_LIMIT_EXCEEDED.of();
            }
        }
        for (Target target : targets) {
            registry.tag(target.arn, added);
        }
        noteForeign(s, targets);
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
        List<Target> targets = resolve(s, r.resources());
        Ec2Errors.checkDryRun(r.dryRun());
        ResourceRegistry registry = net.ctx.registry();
        for (Target target : targets) {
            Map<String, String> tags = target.tags(registry);
            List<String> gone = new ArrayList<>();
            if (!r.hasTags() || r.tags().isEmpty()) {
                gone.addAll(tags.keySet());
            } else {
                for (Tag t : r.tags()) {
                    if (tags.containsKey(t.key()) && (t.value() == null || t.value().equals(tags.get(t.key())))) {
                        gone.add(t.key());
                    }
                }
            }
            registry.untag(target.arn, gone);
        }
        noteForeign(s, targets);
        return DeleteTagsResponse.builder().build();
    }

    public DescribeTagsResponse describeTags(DescribeTagsRequest r) {
        Ec2Errors.checkDryRun(r.dryRun());
        RequestContext ctx = RequestContext.current();
        // DescribeTags filters are over tags, not resources: key and value select tags of a resource.
        List<Filter> resourceFilters = new ArrayList<>();
        List<Pattern> keys = null;
        List<Pattern> values = null;
        for (var f : r.filters()) {
            switch (f.name() == null ? "" : f.name()) {
                case "key" -> keys = f.values().stream().map(Ec2Filters::glob).toList();
                case "value" -> values = f.values().stream().map(Ec2Filters::glob).toList();
                default -> resourceFilters.add(f);
            }
        }
        var keep = filters.predicate(resourceFilters);
        List<TagDescription> out = new ArrayList<>();
        List<RegisteredResource> all = new ArrayList<>();
        for (RegisteredResource res : net.ctx.registry().list(ctx.accountId(), ctx.region())) {
            if (res.service().equals(Ec2Api.NAME) && !res.tags().isEmpty()) {
                all.add(res);
            }
        }
        all.sort(Comparator.comparing(RegisteredResource::id));
        for (RegisteredResource res : all) {
            Target target = new Target(res.id(), res.arn().resourceType(), res.arn());
            if (!keep.test(target)) {
                continue;
            }
            for (Map.Entry<String, String> t : res.tags().entrySet()) {
                if (keys != null && keys.stream().noneMatch(p -> p.matcher(t.getKey()).matches())) {
                    continue;
                }
                if (values != null && values.stream().noneMatch(p -> p.matcher(t.getValue()).matches())) {
                    continue;
                }
                out.add(TagDescription.builder().resourceId(res.id()).resourceType(target.type())
                        .key(t.getKey()).value(t.getValue()).build());
            }
        }
        var page = Pagination.page(out, r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeTagsResponse.builder().tags(page.items()).nextToken(page.nextToken()).build();
    }

    /** Notes the resources of the compute share whose tags changed, for the records of --data-dir. */
    private static void noteForeign(VpcStore s, List<Target> targets) {
        for (Target target : targets) {
            if (!VpcFamilies.OWN_TYPES.contains(target.type)) {
                s.foreignTagged.add(target.id);
            }
        }
    }

    /** The registered EC2 resources (of any module) with these IDs, in the caller's account and region. */
    private List<Target> resolve(VpcStore s, List<String> ids) {
        List<Target> out = new ArrayList<>();
        ResourceRegistry registry = net.ctx.registry();
        for (String id : ids) {
            Arn arn = registry.byId(s.account, s.region, Ec2Api.NAME, id).map(RegisteredResource::arn)
                    .orElseThrow(() -> Ids.notFoundFor(id));
            out.add(new Target(id, arn.resourceType(), arn));
        }
        return out;
    }
}
