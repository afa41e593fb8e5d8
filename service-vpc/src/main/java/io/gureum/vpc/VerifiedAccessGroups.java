package io.gureum.vpc;

import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.VerifiedAccessGroup;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessGroupRequest;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessGroupResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVerifiedAccessGroupRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVerifiedAccessGroupResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVerifiedAccessGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVerifiedAccessGroupsResponse;
import software.amazon.awssdk.services.ec2.model.GetVerifiedAccessGroupPolicyRequest;
import software.amazon.awssdk.services.ec2.model.GetVerifiedAccessGroupPolicyResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessGroupPolicyRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessGroupPolicyResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessGroupRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessGroupResponse;

/**
 * Verified Access groups (https://docs.aws.amazon.com/verified-access/latest/ug/verified-access-groups.html): a
 * set of endpoints sharing one Cedar access policy, in one instance. The policy text is stored and returned, not
 * evaluated (no application request ever reaches Gureum through Verified Access). A group with endpoints not yet
 * deleted cannot be deleted ({@code DependencyViolation}, as the user guide's "Delete a Verified Access group"
 * says); a deleted group is gone at once.
 */
public final class VerifiedAccessGroups {
    private final Network net;
    private final Filters<VerifiedAccessGroup> filters;

    VerifiedAccessGroups(Network net) {
        this.net = net;
        this.filters = new Filters<VerifiedAccessGroup>().on("verified-access-group-id", g -> g.id)
                .on("verified-access-instance-id", g -> g.instanceId);
    }

    VerifiedAccessGroup require(VpcStore s, String id) {
        VerifiedAccess.require(id, "VerifiedAccessGroupId");
        VerifiedAccessGroup g = s.vaGroups.get(id);
        if (g == null) {
            throw VerifiedAccess.groupNotFound(id);
        }
        return g;
    }

    public CreateVerifiedAccessGroupResponse createVerifiedAccessGroup(CreateVerifiedAccessGroupRequest r) {
        VpcStore s = net.store();
        var instance = net.vaInstances.require(s, r.verifiedAccessInstanceId());
        VerifiedAccess.checkPolicy(r.policyDocument());
        Tags.validate(r.tagSpecifications(), "verified-access-group");
        var sse = VerifiedAccess.sse(r.sseSpecification(), null);
        String fingerprint = VerifiedAccess.fingerprint(r);
        VerifiedAccessGroup earlier = VerifiedAccess.earlier(s.vaGroups, r.clientToken(), fingerprint,
                g -> g.clientToken, g -> g.requestFingerprint);
        Ec2Errors.checkDryRun(r.dryRun());
        if (earlier != null) {
            return CreateVerifiedAccessGroupResponse.builder().verifiedAccessGroup(toSdk(s, earlier)).build();
        }
        VerifiedAccessGroup g = new VerifiedAccessGroup(net.id("vagr"), s.account, net.now());
        g.instanceId = instance.id;
        g.description = r.description();
        g.policyDocument = r.policyDocument();
        g.policyEnabled = r.policyDocument() != null;
        g.sse = sse;
        g.lastUpdated = g.created;
        g.clientToken = r.clientToken();
        g.requestFingerprint = fingerprint;
        Tags.apply(r.tagSpecifications(), g);
        s.put(s.vaGroups, g);
        return CreateVerifiedAccessGroupResponse.builder().verifiedAccessGroup(toSdk(s, g)).build();
    }

    public DescribeVerifiedAccessGroupsResponse describeVerifiedAccessGroups(DescribeVerifiedAccessGroupsRequest r) {
        VpcStore s = net.store();
        if (r.verifiedAccessInstanceId() != null) {
            net.vaInstances.require(s, r.verifiedAccessInstanceId());
        }
        List<VerifiedAccessGroup> found = new ArrayList<>();
        if (r.hasVerifiedAccessGroupIds() && !r.verifiedAccessGroupIds().isEmpty()) {
            for (String id : new LinkedHashSet<>(r.verifiedAccessGroupIds())) {
                found.add(require(s, id));
            }
        } else {
            found.addAll(s.vaGroups.values());
        }
        var matching = found.stream().filter(g -> r.verifiedAccessInstanceId() == null
                || r.verifiedAccessInstanceId().equals(g.instanceId)).filter(filters.predicate(r.filters())).toList();
        Ec2Errors.checkDryRun(r.dryRun());
        var page = Pagination.page(matching, r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeVerifiedAccessGroupsResponse.builder()
                .verifiedAccessGroups(page.items().stream().map(g -> toSdk(s, g)).toList())
                .nextToken(page.nextToken()).build();
    }

    /** Moves the group (with its endpoints) to another instance of the account, or changes its description. */
    public ModifyVerifiedAccessGroupResponse modifyVerifiedAccessGroup(ModifyVerifiedAccessGroupRequest r) {
        VpcStore s = net.store();
        VerifiedAccessGroup g = require(s, r.verifiedAccessGroupId());
        String instance = r.verifiedAccessInstanceId() == null ? null
                : net.vaInstances.require(s, r.verifiedAccessInstanceId()).id;
        Ec2Errors.checkDryRun(r.dryRun());
        if (instance != null) {
            g.instanceId = instance;
            s.vaEndpoints.values().stream().filter(e -> e.groupId.equals(g.id)).forEach(e -> e.instanceId = instance);
        }
        if (r.description() != null) {
            g.description = r.description();
        }
        g.lastUpdated = net.now();
        return ModifyVerifiedAccessGroupResponse.builder().verifiedAccessGroup(toSdk(s, g)).build();
    }

    public DeleteVerifiedAccessGroupResponse deleteVerifiedAccessGroup(DeleteVerifiedAccessGroupRequest r) {
        VpcStore s = net.store();
        VerifiedAccessGroup g = require(s, r.verifiedAccessGroupId());
        if (net.vaEndpoints.holds(s, g.id)) {
            throw Ec2Errors.dependencyViolation("verifiedAccessGroup", g.id);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        var answer = toSdk(s, g).toBuilder().deletionTime(VerifiedAccess.time(net.now())).build();
        s.remove(s.vaGroups, g.id);
        return DeleteVerifiedAccessGroupResponse.builder().verifiedAccessGroup(answer).build();
    }

    public GetVerifiedAccessGroupPolicyResponse getVerifiedAccessGroupPolicy(GetVerifiedAccessGroupPolicyRequest r) {
        VpcStore s = net.store();
        VerifiedAccessGroup g = require(s, r.verifiedAccessGroupId());
        Ec2Errors.checkDryRun(r.dryRun());
        return GetVerifiedAccessGroupPolicyResponse.builder().policyEnabled(g.policyEnabled)
                .policyDocument(g.policyDocument).build();
    }

    public ModifyVerifiedAccessGroupPolicyResponse modifyVerifiedAccessGroupPolicy(
            ModifyVerifiedAccessGroupPolicyRequest r) {
        VpcStore s = net.store();
        VerifiedAccessGroup g = require(s, r.verifiedAccessGroupId());
        var policy = VerifiedAccess.policy(r.policyEnabled(), r.policyDocument(),
                new VerifiedAccess.Policy(g.policyEnabled, g.policyDocument));
        var sse = VerifiedAccess.sse(r.sseSpecification(), g.sse);
        Ec2Errors.checkDryRun(r.dryRun());
        g.policyEnabled = policy.enabled();
        g.policyDocument = policy.document();
        g.sse = sse;
        g.lastUpdated = net.now();
        return ModifyVerifiedAccessGroupPolicyResponse.builder().policyEnabled(g.policyEnabled)
                .policyDocument(g.policyDocument).sseSpecification(g.sse).build();
    }

    software.amazon.awssdk.services.ec2.model.VerifiedAccessGroup toSdk(VpcStore s, VerifiedAccessGroup g) {
        return software.amazon.awssdk.services.ec2.model.VerifiedAccessGroup.builder().verifiedAccessGroupId(g.id)
                .verifiedAccessInstanceId(g.instanceId).description(g.description).owner(g.ownerId)
                .verifiedAccessGroupArn(s.arnOf(g).toString()).creationTime(VerifiedAccess.time(g.created))
                .lastUpdatedTime(VerifiedAccess.time(g.lastUpdated)).tags(Tags.toSdk(s.tagsOf(g)))
                .sseSpecification(g.sse).build();
    }
}
