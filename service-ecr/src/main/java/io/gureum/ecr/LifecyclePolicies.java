package io.gureum.ecr;

import java.util.List;
import software.amazon.awssdk.services.ecr.model.DeleteLifecyclePolicyRequest;
import software.amazon.awssdk.services.ecr.model.DeleteLifecyclePolicyResponse;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyPreviewRequest;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyPreviewResponse;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyRequest;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyResponse;
import software.amazon.awssdk.services.ecr.model.ImageActionType;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewResult;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewStatus;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewSummary;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyRuleAction;
import software.amazon.awssdk.services.ecr.model.PutLifecyclePolicyRequest;
import software.amazon.awssdk.services.ecr.model.PutLifecyclePolicyResponse;
import software.amazon.awssdk.services.ecr.model.StartLifecyclePolicyPreviewRequest;
import software.amazon.awssdk.services.ecr.model.StartLifecyclePolicyPreviewResponse;

/**
 * Lifecycle policies: stored after their rules are checked ({@link LifecycleRules}), and previewed against the
 * images present. Gureum does not expire images on its own: the policy is what a preview evaluates. A preview is
 * evaluated when it starts; StartLifecyclePolicyPreview answers {@code IN_PROGRESS} as AWS does, and
 * GetLifecyclePolicyPreview then answers {@code COMPLETE}.
 */
final class LifecyclePolicies {
    private final EcrState state;

    LifecyclePolicies(EcrState state) {
        this.state = state;
    }

    public PutLifecyclePolicyResponse putLifecyclePolicy(PutLifecyclePolicyRequest r) {
        Repository repo = state.repository(r.registryId(), r.repositoryName());
        LifecycleRules.parse(r.lifecyclePolicyText());
        repo.lifecyclePolicyText = r.lifecyclePolicyText();
        repo.lifecycleEvaluatedAt = null;
        return PutLifecyclePolicyResponse.builder().registryId(repo.registryId).repositoryName(repo.name)
                .lifecyclePolicyText(repo.lifecyclePolicyText).build();
    }

    public GetLifecyclePolicyResponse getLifecyclePolicy(GetLifecyclePolicyRequest r) {
        Repository repo = withPolicy(r.registryId(), r.repositoryName());
        return GetLifecyclePolicyResponse.builder().registryId(repo.registryId).repositoryName(repo.name)
                .lifecyclePolicyText(repo.lifecyclePolicyText).lastEvaluatedAt(repo.lifecycleEvaluatedAt).build();
    }

    public DeleteLifecyclePolicyResponse deleteLifecyclePolicy(DeleteLifecyclePolicyRequest r) {
        Repository repo = withPolicy(r.registryId(), r.repositoryName());
        String text = repo.lifecyclePolicyText;
        repo.lifecyclePolicyText = null;
        return DeleteLifecyclePolicyResponse.builder().registryId(repo.registryId).repositoryName(repo.name)
                .lifecyclePolicyText(text).lastEvaluatedAt(repo.lifecycleEvaluatedAt).build();
    }

    /** Previews the given policy, or the repository's own when none is given (LifecyclePolicyNotFoundException). */
    public StartLifecyclePolicyPreviewResponse startLifecyclePolicyPreview(StartLifecyclePolicyPreviewRequest r) {
        Repository repo = state.repository(r.registryId(), r.repositoryName());
        String text = r.lifecyclePolicyText() != null ? r.lifecyclePolicyText()
                : withPolicy(r.registryId(), r.repositoryName()).lifecyclePolicyText;
        List<LifecycleRules.Rule> rules = LifecycleRules.parse(text);
        repo.preview = new LifecycleRules.Preview(text,
                LifecycleRules.evaluate(rules, List.copyOf(repo.images.values()), state.now()));
        return StartLifecyclePolicyPreviewResponse.builder().registryId(repo.registryId).repositoryName(repo.name)
                .lifecyclePolicyText(text).status(LifecyclePolicyPreviewStatus.IN_PROGRESS).build();
    }

    public GetLifecyclePolicyPreviewResponse getLifecyclePolicyPreview(GetLifecyclePolicyPreviewRequest r) {
        Repository repo = state.repository(r.registryId(), r.repositoryName());
        LifecycleRules.Preview preview = repo.preview;
        if (preview == null) {
            throw EcrErrors.previewNotFound(repo.name, repo.registryId);
        }
        List<LifecyclePolicyPreviewResult> results = preview.expiring().stream()
                .filter(e -> !r.hasImageIds() || r.imageIds().stream().anyMatch(id -> e.image().digest.equals(
                        id.imageDigest()) || e.image().tags.contains(id.imageTag())))
                .map(e -> LifecyclePolicyPreviewResult.builder().imageDigest(e.image().digest)
                        .imageTags(List.copyOf(e.image().tags)).imagePushedAt(e.image().pushedAt)
                        .action(LifecyclePolicyRuleAction.builder().type(ImageActionType.EXPIRE).build())
                        .appliedRulePriority(e.priority()).build())
                .toList();
        PageTokens.Page<LifecyclePolicyPreviewResult> page = PageTokens.page(results, r.maxResults(), r.nextToken(),
                100);
        return GetLifecyclePolicyPreviewResponse.builder().registryId(repo.registryId).repositoryName(repo.name)
                .lifecyclePolicyText(preview.policyText()).status(LifecyclePolicyPreviewStatus.COMPLETE)
                .previewResults(page.items()).nextToken(page.nextToken())
                .summary(LifecyclePolicyPreviewSummary.builder().expiringImageTotalCount(results.size()).build())
                .build();
    }

    private Repository withPolicy(String registryId, String name) {
        Repository repo = state.repository(registryId, name);
        if (repo.lifecyclePolicyText == null) {
            throw EcrErrors.lifecyclePolicyNotFound(repo.name, repo.registryId);
        }
        return repo;
    }
}
