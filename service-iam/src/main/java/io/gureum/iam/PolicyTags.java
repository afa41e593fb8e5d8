package io.gureum.iam;

import io.gureum.core.spi.ServiceContext;
import software.amazon.awssdk.services.iam.model.ListPolicyTagsRequest;
import software.amazon.awssdk.services.iam.model.ListPolicyTagsResponse;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.TagPolicyRequest;
import software.amazon.awssdk.services.iam.model.TagPolicyResponse;
import software.amazon.awssdk.services.iam.model.UntagPolicyRequest;
import software.amazon.awssdk.services.iam.model.UntagPolicyResponse;

/** Tags on customer managed policies (https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagPolicy.html). */
final class PolicyTags extends Family {
    private final Policies policies;

    PolicyTags(ServiceContext context, IamStore store, Policies policies) {
        super(context, store);
        this.policies = policies;
    }

    public TagPolicyResponse tagPolicy(TagPolicyRequest r) {
        Tags.checkDuplicates(r.tags());
        Policies.checkArnShape(r.policyArn());
        IamStore.Account account = account();
        synchronized (account) {
            Tags.apply(policies.customer(account, r.policyArn()).tags, r.tags());
            return TagPolicyResponse.builder().build();
        }
    }

    public UntagPolicyResponse untagPolicy(UntagPolicyRequest r) {
        Policies.checkArnShape(r.policyArn());
        IamStore.Account account = account();
        synchronized (account) {
            Tags.remove(policies.customer(account, r.policyArn()).tags, r.tagKeys());
            return UntagPolicyResponse.builder().build();
        }
    }

    public ListPolicyTagsResponse listPolicyTags(ListPolicyTagsRequest r) {
        Policies.checkArnShape(r.policyArn());
        IamStore.Account account = account();
        synchronized (account) {
            ManagedPolicy p = policies.find(account, r.policyArn());
            if (p == null) {
                throw IamErrors.noSuchPolicy(r.policyArn());
            }
            Paging<Tag> page = Tags.page(p.tags, r.marker(), r.maxItems());
            return ListPolicyTagsResponse.builder().tags(page.items()).isTruncated(page.truncated())
                    .marker(page.marker()).build();
        }
    }
}
