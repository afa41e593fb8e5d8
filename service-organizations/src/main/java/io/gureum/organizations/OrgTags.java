package io.gureum.organizations;

import io.gureum.core.ids.Arn;
import io.gureum.core.spi.ServiceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.organizations.model.ConstraintViolationExceptionReason;
import software.amazon.awssdk.services.organizations.model.InvalidInputExceptionReason;
import software.amazon.awssdk.services.organizations.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.organizations.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.organizations.model.Tag;
import software.amazon.awssdk.services.organizations.model.TagResourceRequest;
import software.amazon.awssdk.services.organizations.model.TagResourceResponse;
import software.amazon.awssdk.services.organizations.model.TargetNotFoundException;
import software.amazon.awssdk.services.organizations.model.UntagResourceRequest;
import software.amazon.awssdk.services.organizations.model.UntagResourceResponse;

/**
 * TagResource, UntagResource and ListTagsForResource on accounts, OUs, roots, policies and the resource
 * policy. Tags live in core's resource registry (so the Resource Groups Tagging API sees them), under the
 * management account and no region: Organizations is global.
 */
public final class OrgTags {
    static final int MAX_TAGS = 50;
    private final ServiceContext context;
    private final OrgStore store;

    OrgTags(ServiceContext context, OrgStore store) {
        this.context = context;
        this.store = store;
    }

    public TagResourceResponse tagResource(TagResourceRequest r) {
        Organization org = store.managedByCaller();
        Arn arn = arnOf(org, r.resourceId());
        Map<String, String> merged = new LinkedHashMap<>(context.registry().tags(arn));
        Map<String, String> added = map(r.tags());
        merged.putAll(added);
        if (merged.size() > MAX_TAGS) {
            throw OrgErrors.constraint(ConstraintViolationExceptionReason.MAX_TAG_LIMIT_EXCEEDED,
                    "You have exceeded the maximum number of tags allowed on this resource.");
        }
        context.registry().tag(arn, added);
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(UntagResourceRequest r) {
        Organization org = store.managedByCaller();
        context.registry().untag(arnOf(org, r.resourceId()), r.tagKeys());
        return UntagResourceResponse.builder().build();
    }

    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest r) {
        Organization org = store.readableByCaller();
        List<Tag> all = context.registry().tags(arnOf(org, r.resourceId())).entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        Pages.Page<Tag> page = Pages.page("ListTagsForResource", all, r.nextToken(), null);
        return ListTagsForResourceResponse.builder().tags(page.items()).nextToken(page.nextToken()).build();
    }

    /** Records a new resource, with the tags its Create operation was given (null: none). */
    void register(Organization org, String id, String arn, List<Tag> tags) {
        Map<String, String> initial = map(tags);
        if (initial.size() > MAX_TAGS) {
            throw OrgErrors.constraint(ConstraintViolationExceptionReason.MAX_TAG_LIMIT_EXCEEDED,
                    "You have exceeded the maximum number of tags allowed on this resource.");
        }
        context.registry().unregister(Arn.parse(arn));
        context.registry().register(org.managementAccountId, "", "organizations", id, Arn.parse(arn), initial);
    }

    void unregister(Organization org, String id) {
        context.registry().unregister(org.managementAccountId, "", "organizations", id);
    }

    void unregisterAll(Organization org) {
        for (var res : context.registry().list(org.managementAccountId, "")) {
            if (res.service().equals("organizations")) {
                context.registry().unregister(res.arn());
            }
        }
    }

    private Arn arnOf(Organization org, String resourceId) {
        String id = resourceId;
        String arn = null;
        if (org.rootId.equals(id)) {
            arn = org.rootArn;
        } else if (org.accounts.containsKey(id)) {
            arn = org.accountArn(id);
        } else if (org.units.containsKey(id)) {
            arn = org.units.get(id).arn;
        } else if (org.policies.containsKey(id)) {
            arn = org.policies.get(id).arn;
        } else if (id != null && id.equals(org.resourcePolicyId)) {
            arn = ResourcePolicies.arn(org);
        }
        if (arn == null) {
            throw OrgErrors.of(TargetNotFoundException.class,
                    "We can't find a root, OU, account, or policy with the ResourceId that you specified.");
        }
        return Arn.parse(arn);
    }

    private static Map<String, String> map(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null) {
            for (Tag t : tags) {
                if (out.put(t.key(), t.value()) != null) {
                    throw OrgErrors.invalid(InvalidInputExceptionReason.DUPLICATE_TAG_KEY,
                            "You provided duplicate tag keys: " + t.key());
                }
            }
        }
        return out;
    }
}
