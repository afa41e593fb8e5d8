package io.gureum.ecr;

import software.amazon.awssdk.services.ecr.model.DeleteRepositoryPolicyRequest;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryPolicyResponse;
import software.amazon.awssdk.services.ecr.model.GetRepositoryPolicyRequest;
import software.amazon.awssdk.services.ecr.model.GetRepositoryPolicyResponse;
import software.amazon.awssdk.services.ecr.model.SetRepositoryPolicyRequest;
import software.amazon.awssdk.services.ecr.model.SetRepositoryPolicyResponse;

/** A repository's resource-based policy: set (replacing), get, delete. */
final class RepositoryPolicies {
    private final EcrState state;

    RepositoryPolicies(EcrState state) {
        this.state = state;
    }

    public SetRepositoryPolicyResponse setRepositoryPolicy(SetRepositoryPolicyRequest r) {
        Repository repo = state.repository(r.registryId(), r.repositoryName());
        if (PolicyDocuments.parse(r.policyText()) == null) {
            throw EcrErrors.constraint("PolicyText", "Invalid repository policy provided");
        }
        repo.policyText = r.policyText();
        return SetRepositoryPolicyResponse.builder().registryId(repo.registryId).repositoryName(repo.name)
                .policyText(repo.policyText).build();
    }

    public GetRepositoryPolicyResponse getRepositoryPolicy(GetRepositoryPolicyRequest r) {
        Repository repo = state.repository(r.registryId(), r.repositoryName());
        if (repo.policyText == null) {
            throw EcrErrors.repositoryPolicyNotFound(repo.name, repo.registryId);
        }
        return GetRepositoryPolicyResponse.builder().registryId(repo.registryId).repositoryName(repo.name)
                .policyText(repo.policyText).build();
    }

    public DeleteRepositoryPolicyResponse deleteRepositoryPolicy(DeleteRepositoryPolicyRequest r) {
        Repository repo = state.repository(r.registryId(), r.repositoryName());
        if (repo.policyText == null) {
            throw EcrErrors.repositoryPolicyNotFound(repo.name, repo.registryId);
        }
        String text = repo.policyText;
        repo.policyText = null;
        return DeleteRepositoryPolicyResponse.builder().registryId(repo.registryId).repositoryName(repo.name)
                .policyText(text).build();
    }
}
