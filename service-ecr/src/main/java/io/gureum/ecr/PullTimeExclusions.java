package io.gureum.ecr;

import io.gureum.core.error.ModeledErrors;
import java.util.ArrayList;
import software.amazon.awssdk.services.ecr.model.DeregisterPullTimeUpdateExclusionRequest;
import software.amazon.awssdk.services.ecr.model.DeregisterPullTimeUpdateExclusionResponse;
import software.amazon.awssdk.services.ecr.model.ExclusionAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ExclusionNotFoundException;
import software.amazon.awssdk.services.ecr.model.LimitExceededException;
import software.amazon.awssdk.services.ecr.model.ListPullTimeUpdateExclusionsRequest;
import software.amazon.awssdk.services.ecr.model.ListPullTimeUpdateExclusionsResponse;
import software.amazon.awssdk.services.ecr.model.RegisterPullTimeUpdateExclusionRequest;
import software.amazon.awssdk.services.ecr.model.RegisterPullTimeUpdateExclusionResponse;

/**
 * The registry's pull time update exclusions: IAM roles and users (the model's ARN pattern, checked here: core applies no model constraints for ECR) whose pulls
 * would not update an image's last recorded pull time. Kept and listed; Gureum records no pull times at all (its
 * DescribeImages answers no {@code lastRecordedPullTime}), so an exclusion changes nothing else.
 */
final class PullTimeExclusions {
    /** The model's bound on the exclusion list (PullTimeUpdateExclusionList, at most 100 members). */
    static final int MAX = 100;

    /** The model's PrincipalArn pattern: an IAM role or user. */
    static final java.util.regex.Pattern PRINCIPAL = java.util.regex.Pattern.compile(
            "^arn:aws(-[a-z]+)*:iam::[0-9]{12}:(role|user)/[\\w+=,.@-]+(/[\\w+=,.@-]+)*$");

    private final EcrState state;

    PullTimeExclusions(EcrState state) {
        this.state = state;
    }

    public RegisterPullTimeUpdateExclusionResponse registerPullTimeUpdateExclusion(
            RegisterPullTimeUpdateExclusionRequest r) {
        check(r.principalArn());
        Registry registry = state.registry(null);
        if (registry.pullTimeExclusions.containsKey(r.principalArn())) {
            throw ModeledErrors.of(ExclusionAlreadyExistsException.class, "The principal '" + r.principalArn()
                    + "' is already excluded from pull time updates in the registry with id '" + registry.account
                    + "'");
        }
        if (registry.pullTimeExclusions.size() >= MAX) {
            throw ModeledErrors.of(LimitExceededException.class, "The maximum number of pull time update exclusions ("
                    + MAX + ") in the registry with id '" + registry.account + "' has been reached");
        }
        java.time.Instant now = state.now();
        registry.pullTimeExclusions.put(r.principalArn(), now);
        return RegisterPullTimeUpdateExclusionResponse.builder().principalArn(r.principalArn()).createdAt(now).build();
    }

    public DeregisterPullTimeUpdateExclusionResponse deregisterPullTimeUpdateExclusion(
            DeregisterPullTimeUpdateExclusionRequest r) {
        check(r.principalArn());
        Registry registry = state.registry(null);
        if (registry.pullTimeExclusions.remove(r.principalArn()) == null) {
            throw ModeledErrors.of(ExclusionNotFoundException.class, "The principal '" + r.principalArn()
                    + "' is not excluded from pull time updates in the registry with id '" + registry.account + "'");
        }
        return DeregisterPullTimeUpdateExclusionResponse.builder().principalArn(r.principalArn()).build();
    }

    static void check(String principalArn) {
        if (principalArn == null || principalArn.length() > 200 || !PRINCIPAL.matcher(principalArn).matches()) {
            throw EcrErrors.constraint("principalArn", "must satisfy regular expression '" + PRINCIPAL.pattern() + "'");
        }
    }

    public ListPullTimeUpdateExclusionsResponse listPullTimeUpdateExclusions(ListPullTimeUpdateExclusionsRequest r) {
        if (r.maxResults() != null && (r.maxResults() < 1 || r.maxResults() > 1000)) {
            throw EcrErrors.constraint("maxResults", "Member must have value between 1 and 1000");
        }
        Registry registry = state.registry(null);
        PageTokens.Page<String> page = PageTokens.page(new ArrayList<>(registry.pullTimeExclusions.keySet()),
                r.maxResults(), r.nextToken(), 100);
        return ListPullTimeUpdateExclusionsResponse.builder().pullTimeUpdateExclusions(page.items())
                .nextToken(page.nextToken()).build();
    }
}
