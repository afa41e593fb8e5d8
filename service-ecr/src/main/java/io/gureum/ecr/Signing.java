package io.gureum.ecr;

import java.util.ArrayList;
import software.amazon.awssdk.services.ecr.model.DeleteSigningConfigurationRequest;
import software.amazon.awssdk.services.ecr.model.DeleteSigningConfigurationResponse;
import software.amazon.awssdk.services.ecr.model.DescribeImageSigningStatusRequest;
import software.amazon.awssdk.services.ecr.model.DescribeImageSigningStatusResponse;
import software.amazon.awssdk.services.ecr.model.GetSigningConfigurationRequest;
import software.amazon.awssdk.services.ecr.model.GetSigningConfigurationResponse;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.PutSigningConfigurationRequest;
import software.amazon.awssdk.services.ecr.model.PutSigningConfigurationResponse;
import software.amazon.awssdk.services.ecr.model.SigningConfiguration;

/**
 * Managed signing's registry configuration: PutSigningConfiguration (replaces the rules; the model's constraints on
 * profile ARNs, filters and counts are checked here, as ECR's other providers check theirs), GetSigningConfiguration and DeleteSigningConfiguration
 * ({@code SigningConfigurationNotFoundException} without one), and DescribeImageSigningStatus. No image is ever signed:
 * AWS Signer is not emulated, so no signing profile exists here. DescribeImageSigningStatus answers as AWS does for an
 * image no rule signed: no status.
 */
final class Signing {
    /** The model's patterns (SigningProfileArn, SigningRepositoryFilterValue). */
    static final java.util.regex.Pattern PROFILE = java.util.regex.Pattern.compile(
            "^arn:aws(-[a-z]+)*:signer:[a-z0-9-]+:[0-9]{12}:\\/signing-profiles\\/[a-zA-Z0-9_]{2,}$");
    static final java.util.regex.Pattern FILTER = java.util.regex.Pattern.compile(
            "^(?:[a-z0-9*]+(?:[._-][a-z0-9*]+)*/)*[a-z0-9*]+(?:[._-][a-z0-9*]+)*$");

    private final EcrState state;

    Signing(EcrState state) {
        this.state = state;
    }

    public PutSigningConfigurationResponse putSigningConfiguration(PutSigningConfigurationRequest r) {
        Registry registry = state.registry(null);
        check(r.signingConfiguration().rules());
        registry.signingRules = new ArrayList<>(r.signingConfiguration().rules());
        return PutSigningConfigurationResponse.builder().signingConfiguration(configuration(registry)).build();
    }

    public GetSigningConfigurationResponse getSigningConfiguration(GetSigningConfigurationRequest r) {
        Registry registry = state.registry(null);
        if (registry.signingRules == null) {
            throw EcrErrors.signingNotFound(registry.account);
        }
        return GetSigningConfigurationResponse.builder().registryId(registry.account)
                .signingConfiguration(configuration(registry)).build();
    }

    public DeleteSigningConfigurationResponse deleteSigningConfiguration(DeleteSigningConfigurationRequest r) {
        Registry registry = state.registry(null);
        if (registry.signingRules == null) {
            throw EcrErrors.signingNotFound(registry.account);
        }
        SigningConfiguration deleted = configuration(registry);
        registry.signingRules = null;
        return DeleteSigningConfigurationResponse.builder().registryId(registry.account).signingConfiguration(deleted)
                .build();
    }

    public DescribeImageSigningStatusResponse describeImageSigningStatus(DescribeImageSigningStatusRequest r) {
        Repository repo = state.repository(r.registryId(), r.repositoryName());
        ImageIdentifier id = r.imageId();
        Images.Lookup l = Images.find(repo, id);
        if (l.image() == null) {
            if (id.imageDigest() == null && id.imageTag() == null) {
                throw EcrErrors.invalidParameter("Invalid request parameters: both tag and digest cannot be null");
            }
            throw EcrErrors.imageNotFound(id.imageDigest(), id.imageTag(), repo.name, repo.registryId);
        }
        return DescribeImageSigningStatusResponse.builder().repositoryName(repo.name).registryId(repo.registryId)
                .imageId(ImageIdentifier.builder().imageDigest(l.image().digest).imageTag(id.imageTag()).build())
                .signingStatuses(java.util.List.of()).build();
    }

    /** The model's constraints, which ECR checks itself (core applies none for ECR). */
    static void check(java.util.List<software.amazon.awssdk.services.ecr.model.SigningRule> rules) {
        if (rules.size() > 10) {
            throw EcrErrors.constraint("signingConfiguration.rules", "Member must have length less than or equal to 10");
        }
        for (var rule : rules) {
            if (rule.signingProfileArn() == null || rule.signingProfileArn().length() > 200
                    || !PROFILE.matcher(rule.signingProfileArn()).matches()) {
                throw EcrErrors.constraint("signingConfiguration.rules.signingProfileArn",
                        "must satisfy regular expression '" + PROFILE.pattern() + "'");
            }
            if (rule.repositoryFilters() instanceof software.amazon.awssdk.core.util.SdkAutoConstructList) {
                continue;
            }
            if (rule.repositoryFilters().isEmpty() || rule.repositoryFilters().size() > 100) {
                throw EcrErrors.constraint("signingConfiguration.rules.repositoryFilters",
                        "Member must have length between 1 and 100");
            }
            for (var f : rule.repositoryFilters()) {
                if (f.filter() == null || f.filter().length() > 256 || !FILTER.matcher(f.filter()).matches()) {
                    throw EcrErrors.constraint("signingConfiguration.rules.repositoryFilters.filter",
                            "must satisfy regular expression '" + FILTER.pattern() + "'");
                }
                if (!"WILDCARD_MATCH".equals(f.filterTypeAsString())) {
                    throw EcrErrors.constraint("signingConfiguration.rules.repositoryFilters.filterType",
                            "Member must satisfy enum value set: [WILDCARD_MATCH]");
                }
            }
        }
    }

    private static SigningConfiguration configuration(Registry registry) {
        return SigningConfiguration.builder().rules(registry.signingRules).build();
    }
}
