package io.gureum.iam;

import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.iam.model.CreatePolicyRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyResponse;
import software.amazon.awssdk.services.iam.model.CreatePolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyVersionResponse;
import software.amazon.awssdk.services.iam.model.DeletePolicyRequest;
import software.amazon.awssdk.services.iam.model.DeletePolicyResponse;
import software.amazon.awssdk.services.iam.model.DeletePolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.DeletePolicyVersionResponse;
import software.amazon.awssdk.services.iam.model.GetPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionResponse;
import software.amazon.awssdk.services.iam.model.ListPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListPolicyVersionsRequest;
import software.amazon.awssdk.services.iam.model.ListPolicyVersionsResponse;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.SetDefaultPolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.SetDefaultPolicyVersionResponse;

/** Managed policies and their versions: customer managed ones, and AWS managed ones from a built-in table. */
final class Policies extends Family {
    /** Versions a managed policy can have (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html). */
    static final int MAX_VERSIONS = 5;

    Policies(ServiceContext context, IamStore store) {
        super(context, store);
    }

    public CreatePolicyResponse createPolicy(CreatePolicyRequest r) {
        Tags.checkDuplicates(r.tags());
        PolicyDocuments.checkManagedPolicy(r.policyDocument());
        IamStore.Account account = account();
        String path = pathOrRoot(r.path());
        String arn = arn(account.id, "policy", path, r.policyName());
        synchronized (account) {
            for (ManagedPolicy p : account.policies.values()) {
                if (p.name.equalsIgnoreCase(r.policyName())) {
                    throw IamErrors.alreadyExists("A policy called " + r.policyName()
                            + " already exists. Duplicate names are not allowed.");
                }
            }
            ManagedPolicy p = new ManagedPolicy(r.policyName(), path, ids.unique(IamIds.POLICY), arn, r.description(),
                    now(), false);
            p.versions.put("v1", new ManagedPolicy.Version("v1", r.policyDocument(), p.created));
            Tags.apply(p.tags, r.tags());
            account.policies.put(arn, p);
            p.tags.attach(context.registry(), account.id, "", "iam", p.id, io.gureum.core.ids.Arn.parse(p.arn));
            return CreatePolicyResponse.builder().policy(full(p)).build();
        }
    }

    public GetPolicyResponse getPolicy(GetPolicyRequest r) {
        checkArnShape(r.policyArn());
        IamStore.Account account = account();
        synchronized (account) {
            return GetPolicyResponse.builder().policy(full(require(account, r.policyArn()))).build();
        }
    }

    public ListPoliciesResponse listPolicies(ListPoliciesRequest r) {
        String scope = r.scopeAsString() == null ? "All" : r.scopeAsString();
        IamStore.Account account = account();
        synchronized (account) {
            List<ManagedPolicy> all = new ArrayList<>();
            if (!scope.equals("Local")) {
                for (AwsManagedPolicies.Entry e : AwsManagedPolicies.ALL) {
                    all.add(awsPolicy(account, e));
                }
            }
            if (!scope.equals("AWS")) {
                all.addAll(account.policies.values());
            }
            String prefix = r.pathPrefix() == null ? "/" : r.pathPrefix();
            List<ManagedPolicy> matching = new ArrayList<>();
            for (ManagedPolicy p : all) {
                if (p.path.startsWith(prefix) && (!Boolean.TRUE.equals(r.onlyAttached()) || p.attachments > 0)) {
                    matching.add(p);
                }
            }
            matching.sort(Comparator.comparing(Policies::sortKey));
            Paging<ManagedPolicy> page = Paging.page(matching, Policies::sortKey, r.marker(), r.maxItems());
            return ListPoliciesResponse.builder()
                    .policies(page.items().stream().map(Policies::listed).toList())
                    .isTruncated(page.truncated()).marker(page.marker()).build();
        }
    }

    public DeletePolicyResponse deletePolicy(DeletePolicyRequest r) {
        checkArnShape(r.policyArn());
        IamStore.Account account = account();
        synchronized (account) {
            ManagedPolicy p = require(account, r.policyArn());
            if (p.awsManaged) {
                throw IamErrors.noSuchEntity("Policy " + r.policyArn() + " was not found.");
            }
            if (p.attachments > 0) {
                throw IamErrors.deleteConflict("Cannot delete a policy attached to entities.");
            }
            if (p.versions.size() > 1) {
                throw IamErrors.deleteConflict("This policy has more than one version. Before you delete a policy, "
                        + "you must delete the policy's versions. The default version is deleted with the policy.");
            }
            account.policies.remove(p.arn);
            p.tags.detach();
            return DeletePolicyResponse.builder().build();
        }
    }

    public CreatePolicyVersionResponse createPolicyVersion(CreatePolicyVersionRequest r) {
        PolicyDocuments.checkManagedPolicy(r.policyDocument());
        IamStore.Account account = account();
        synchronized (account) {
            ManagedPolicy p = customer(account, r.policyArn());
            if (p.versions.size() >= MAX_VERSIONS) {
                throw IamErrors.limitExceeded("A managed policy can have up to " + MAX_VERSIONS
                        + " versions. Before you create a new version, you must delete an existing version.");
            }
            String id = "v" + p.nextVersion++;
            ManagedPolicy.Version v = new ManagedPolicy.Version(id, r.policyDocument(), now());
            p.versions.put(id, v);
            if (Boolean.TRUE.equals(r.setAsDefault())) {
                p.defaultVersion = id;
                p.updated = v.created();
            }
            return CreatePolicyVersionResponse.builder().policyVersion(version(p, v, false)).build();
        }
    }

    public GetPolicyVersionResponse getPolicyVersion(GetPolicyVersionRequest r) {
        checkArnShape(r.policyArn());
        IamStore.Account account = account();
        synchronized (account) {
            ManagedPolicy p = require(account, r.policyArn());
            return GetPolicyVersionResponse.builder().policyVersion(version(p, requireVersion(p, r.versionId()), true))
                    .build();
        }
    }

    public ListPolicyVersionsResponse listPolicyVersions(ListPolicyVersionsRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            ManagedPolicy p = require(account, r.policyArn());
            // Newest first, as AWS lists them.
            List<ManagedPolicy.Version> versions = new ArrayList<>(p.versions.values());
            versions.sort(Comparator.comparing((ManagedPolicy.Version v) -> Integer.parseInt(v.id().substring(1)))
                    .reversed());
            List<PolicyVersion> listed = versions.stream().map(v -> version(p, v, false)).toList();
            Paging<PolicyVersion> page = Paging.page(listed, v -> String.format("%010d",
                    Integer.MAX_VALUE - Integer.parseInt(v.versionId().substring(1))), r.marker(), r.maxItems());
            return ListPolicyVersionsResponse.builder().versions(page.items()).isTruncated(page.truncated())
                    .marker(page.marker()).build();
        }
    }

    public DeletePolicyVersionResponse deletePolicyVersion(DeletePolicyVersionRequest r) {
        checkArnShape(r.policyArn());
        IamStore.Account account = account();
        synchronized (account) {
            ManagedPolicy p = customer(account, r.policyArn());
            requireVersion(p, r.versionId());
            if (r.versionId().equals(p.defaultVersion)) {
                throw IamErrors.deleteConflict("Cannot delete the default version of a policy.");
            }
            p.versions.remove(r.versionId());
            return DeletePolicyVersionResponse.builder().build();
        }
    }

    public SetDefaultPolicyVersionResponse setDefaultPolicyVersion(SetDefaultPolicyVersionRequest r) {
        checkArnShape(r.policyArn());
        IamStore.Account account = account();
        synchronized (account) {
            ManagedPolicy p = customer(account, r.policyArn());
            requireVersion(p, r.versionId());
            p.defaultVersion = r.versionId();
            p.updated = now();
            return SetDefaultPolicyVersionResponse.builder().build();
        }
    }

    // ---- for attachments ----------------------------------------------------------------------

    /** The policy behind an ARN to attach, or NoSuchEntity "… does not exist or is not attachable." Caller holds the lock. */
    ManagedPolicy attachable(IamStore.Account account, String arn) {
        ManagedPolicy p = find(account, arn);
        if (p == null) {
            throw IamErrors.notAttachable(arn);
        }
        return p;
    }

    /** Caller holds the lock. */
    ManagedPolicy find(IamStore.Account account, String arn) {
        if (AwsManagedPolicies.isAwsManaged(arn)) {
            return AwsManagedPolicies.find(arn).map(e -> awsPolicy(account, e)).orElse(null);
        }
        return account.policies.get(arn);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private ManagedPolicy awsPolicy(IamStore.Account account, AwsManagedPolicies.Entry e) {
        String arn = e.arn(partition());
        return account.awsPolicies.computeIfAbsent(arn, a -> {
            ManagedPolicy p = new ManagedPolicy(e.name(), e.path(), e.id(), a, e.description(),
                    AwsManagedPolicies.CREATED, true);
            p.versions.put("v1", new ManagedPolicy.Version("v1", e.document(), AwsManagedPolicies.CREATED));
            return p;
        });
    }

    private ManagedPolicy require(IamStore.Account account, String arn) {
        ManagedPolicy p = find(account, arn);
        if (p == null) {
            throw IamErrors.noSuchPolicy(arn);
        }
        return p;
    }

    /** A policy the caller may change: AWS managed ones are not theirs. */
    ManagedPolicy customer(IamStore.Account account, String arn) {
        ManagedPolicy p = require(account, arn);
        if (p.awsManaged) {
            throw IamErrors.invalidInput("Policy " + arn + " is an AWS managed policy and cannot be modified.");
        }
        return p;
    }

    private static ManagedPolicy.Version requireVersion(ManagedPolicy p, String versionId) {
        ManagedPolicy.Version v = p.versions.get(versionId);
        if (v == null) {
            throw IamErrors.noSuchEntity("Policy " + p.arn + " version " + versionId + " does not exist or is not attachable.");
        }
        return v;
    }


    static void checkArnShape(String arn) {
        if (!arn.startsWith("arn:")) {
            throw IamErrors.invalidInput("ARN " + arn + " is not valid.");
        }
    }


    private static String sortKey(ManagedPolicy p) {
        return p.name + "\u0000" + p.arn;
    }

    private static Policy.Builder common(ManagedPolicy p) {
        return Policy.builder().policyName(p.name).policyId(p.id).arn(p.arn).path(p.path)
                .defaultVersionId(p.defaultVersion).attachmentCount(p.attachments)
                .permissionsBoundaryUsageCount(p.boundaryUses).isAttachable(true)
                .createDate(p.created).updateDate(p.updated);
    }

    /** ListPolicies leaves out Description and Tags (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListPolicies.html). */
    private static Policy listed(ManagedPolicy p) {
        return common(p).build();
    }

    private static Policy full(ManagedPolicy p) {
        Policy.Builder b = common(p).description(p.description);
        if (!p.tags.isEmpty()) {
            b.tags(Tags.toSdk(p.tags));
        }
        return b.build();
    }

    private static PolicyVersion version(ManagedPolicy p, ManagedPolicy.Version v, boolean withDocument) {
        return PolicyVersion.builder().versionId(v.id()).isDefaultVersion(v.id().equals(p.defaultVersion))
                .createDate(v.created()).document(withDocument ? PolicyDocuments.encode(v.document()) : null).build();
    }

}
