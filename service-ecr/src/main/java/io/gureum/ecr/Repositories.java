package io.gureum.ecr;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecr.model.BatchGetRepositoryScanningConfigurationRequest;
import software.amazon.awssdk.services.ecr.model.BatchGetRepositoryScanningConfigurationResponse;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryResponse;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryResponse;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesRequest;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesResponse;
import software.amazon.awssdk.services.ecr.model.PutImageScanningConfigurationRequest;
import software.amazon.awssdk.services.ecr.model.PutImageScanningConfigurationResponse;
import software.amazon.awssdk.services.ecr.model.PutImageTagMutabilityRequest;
import software.amazon.awssdk.services.ecr.model.PutImageTagMutabilityResponse;
import software.amazon.awssdk.services.ecr.model.RepositoryScanningConfiguration;
import software.amazon.awssdk.services.ecr.model.RepositoryScanningConfigurationFailure;
import software.amazon.awssdk.services.ecr.model.ScanFrequency;
import software.amazon.awssdk.services.ecr.model.Tag;

/** Repositories: create (with tags, tag immutability, scan on push, encryption), describe, delete, settings. */
final class Repositories {
    /** API_CreateRepository: repositoryName, 2–256 characters of this pattern. */
    static final String NAME_PATTERN = "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*";
    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);

    private final EcrState state;

    Repositories(EcrState state) {
        this.state = state;
    }

    public CreateRepositoryResponse createRepository(CreateRepositoryRequest r) {
        String name = r.repositoryName();
        if (name == null || !NAME.matcher(name).matches()) {
            throw EcrErrors.constraint("repositoryName", "must satisfy regular expression '" + NAME_PATTERN + "'");
        }
        Registry registry = state.registry(r.registryId());
        if (registry.repositories.containsKey(name)) {
            throw EcrErrors.repositoryExists(name, registry.account);
        }
        List<Tag> tags = r.hasTags() ? r.tags() : List.of();
        RepositoryTags.check(tags, 0);
        Repository repo = new Repository(name, registry.account, registry.region, state.now());
        if (r.imageTagMutability() != null) {
            repo.imageTagMutability = r.imageTagMutabilityAsString();
        }
        if (r.imageScanningConfiguration() != null && r.imageScanningConfiguration().scanOnPush() != null) {
            repo.scanOnPush = r.imageScanningConfiguration().scanOnPush();
        }
        if (r.encryptionConfiguration() != null) {
            String type = r.encryptionConfiguration().encryptionTypeAsString();
            String key = r.encryptionConfiguration().kmsKey();
            if (key != null && "AES256".equals(type)) {
                throw EcrErrors.invalidParameter("Invalid parameter at 'encryptionConfiguration' failed to satisfy"
                        + " constraint: 'kmsKey can only be specified when encryptionType is KMS'");
            }
            repo.encryptionType = type;
            repo.kmsKey = key;
        }
        tags.forEach(t -> repo.tags.put(t.key(), t.value()));
        repo.tags.attach(state.context.registry(), registry.account, registry.region, "ecr", name, repo.arn);
        registry.repositories.put(name, repo);
        return CreateRepositoryResponse.builder().repository(Views.repository(repo)).build();
    }

    public DescribeRepositoriesResponse describeRepositories(DescribeRepositoriesRequest r) {
        Registry registry = state.registry(r.registryId());
        List<Repository> found = new ArrayList<>();
        if (r.hasRepositoryNames()) {
            for (String name : r.repositoryNames()) {
                found.add(state.repository(r.registryId(), name));
            }
        } else {
            found.addAll(registry.repositories.values());
        }
        PageTokens.Page<Repository> page = PageTokens.page(found, r.maxResults(), r.nextToken(), 100);
        return DescribeRepositoriesResponse.builder()
                .repositories(page.items().stream().map(Views::repository).toList()).nextToken(page.nextToken())
                .build();
    }

    /** Without {@code force}, a repository that holds images is refused (RepositoryNotEmptyException). */
    public DeleteRepositoryResponse deleteRepository(DeleteRepositoryRequest r) {
        Repository repo = state.repository(r.registryId(), r.repositoryName());
        if (!repo.images.isEmpty() && !Boolean.TRUE.equals(r.force())) {
            throw EcrErrors.repositoryNotEmpty(repo.name, repo.registryId);
        }
        state.registry(r.registryId()).repositories.remove(repo.name);
        repo.tags.detach();
        repo.uploads.values().forEach(u -> state.layerStore.discard(u.file));
        state.releaseLayers(repo.layers.values());
        return DeleteRepositoryResponse.builder().repository(Views.repository(repo)).build();
    }

    public PutImageTagMutabilityResponse putImageTagMutability(PutImageTagMutabilityRequest r) {
        Repository repo = state.repository(r.registryId(), r.repositoryName());
        repo.imageTagMutability = r.imageTagMutabilityAsString();
        return PutImageTagMutabilityResponse.builder().registryId(repo.registryId).repositoryName(repo.name)
                .imageTagMutability(repo.imageTagMutability).build();
    }

    public PutImageScanningConfigurationResponse putImageScanningConfiguration(
            PutImageScanningConfigurationRequest r) {
        Repository repo = state.repository(r.registryId(), r.repositoryName());
        repo.scanOnPush = Boolean.TRUE.equals(r.imageScanningConfiguration().scanOnPush());
        return PutImageScanningConfigurationResponse.builder().registryId(repo.registryId).repositoryName(repo.name)
                .imageScanningConfiguration(Views.scanning(repo)).build();
    }

    /**
     * Each repository's scanning as the basic scan type reports it: {@code SCAN_ON_PUSH} when the repository scans
     * on push, else {@code MANUAL}; unknown names are failures ({@code REPOSITORY_NOT_FOUND}).
     */
    public BatchGetRepositoryScanningConfigurationResponse batchGetRepositoryScanningConfiguration(
            BatchGetRepositoryScanningConfigurationRequest r) {
        Registry registry = state.registry(null);
        List<RepositoryScanningConfiguration> found = new ArrayList<>();
        List<RepositoryScanningConfigurationFailure> failures = new ArrayList<>();
        for (String name : r.repositoryNames()) {
            Repository repo = registry.repositories.get(name);
            if (repo == null) {
                failures.add(RepositoryScanningConfigurationFailure.builder().repositoryName(name)
                        .failureCode("REPOSITORY_NOT_FOUND").failureReason("REPOSITORY_NOT_FOUND").build());
                continue;
            }
            found.add(RepositoryScanningConfiguration.builder().repositoryArn(repo.arn.toString())
                    .repositoryName(name).scanOnPush(repo.scanOnPush)
                    .scanFrequency(repo.scanOnPush ? ScanFrequency.SCAN_ON_PUSH : ScanFrequency.MANUAL)
                    .appliedScanFilters(List.of()).build());
        }
        return BatchGetRepositoryScanningConfigurationResponse.builder().scanningConfigurations(found)
                .failures(failures).build();
    }
}
