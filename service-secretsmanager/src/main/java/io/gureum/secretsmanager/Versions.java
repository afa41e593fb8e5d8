package io.gureum.secretsmanager;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretVersionIdsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretVersionIdsResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretVersionsListEntry;
import software.amazon.awssdk.services.secretsmanager.model.UpdateSecretVersionStageRequest;
import software.amazon.awssdk.services.secretsmanager.model.UpdateSecretVersionStageResponse;

/** A secret's versions: UpdateSecretVersionStage and ListSecretVersionIds. */
final class Versions {
    private static final int DEFAULT_MAX = 100;

    private final SecretsStores stores;

    Versions(SecretsStores stores) {
        this.stores = stores;
    }

    /**
     * Moves or removes one staging label. A label attached to another version moves only when
     * RemoveFromVersionId names that version; moving AWSCURRENT puts AWSPREVIOUS on the version it left
     * (API_UpdateSecretVersionStage.html).
     */
    public UpdateSecretVersionStageResponse updateSecretVersionStage(UpdateSecretVersionStageRequest r) {
        Secret secret = SecretLookup.writable(stores.forSecret(r.secretId()), r.secretId());
        String label = r.versionStage();
        SecretVersion moveTo = existing(secret, r.moveToVersionId());
        SecretVersion removeFrom = existing(secret, r.removeFromVersionId());
        SecretVersion holder = secret.versionWithStage(label);
        if (moveTo == null && removeFrom == null) {
            throw SecretsErrors.invalidParameter("You must specify MoveToVersionId, RemoveFromVersionId or both.");
        }
        if (removeFrom != null && removeFrom != holder) {
            throw SecretsErrors.invalidParameter("The staging label " + label + " is not attached to version "
                    + removeFrom.versionId + ", so it can't be removed from it.");
        }
        if (moveTo == null) {
            if (label.equals(StagingLabels.CURRENT)) {
                throw SecretsErrors.invalidParameter("You can't remove the staging label AWSCURRENT without moving"
                        + " it to another version with MoveToVersionId.");
            }
            removeFrom.stages.remove(label);
        } else {
            if (holder != null && holder != moveTo && removeFrom == null) {
                throw SecretsErrors.invalidParameter("The parameter RemoveFromVersionId can't be empty. Staging label "
                        + label + " is currently attached to version " + holder.versionId + ", so you must explicitly"
                        + " reference that version in RemoveFromVersionId.");
            }
            StagingLabels.attach(secret, moveTo, label);
        }
        secret.lastChangedDate = stores.now();
        return UpdateSecretVersionStageResponse.builder().arn(secret.arn.toString()).name(secret.name).build();
    }

    public ListSecretVersionIdsResponse listSecretVersionIds(ListSecretVersionIdsRequest r) {
        Secret secret = SecretLookup.find(stores.forSecret(r.secretId()), r.secretId());
        boolean deprecated = Boolean.TRUE.equals(r.includeDeprecated());
        List<SecretVersionsListEntry> entries = new ArrayList<>();
        for (SecretVersion v : secret.source().versions.values()) {
            if (deprecated || !v.deprecated()) {
                SecretVersionsListEntry.Builder e = SecretVersionsListEntry.builder().versionId(v.versionId)
                        .versionStages(new ArrayList<>(v.stages)).lastAccessedDate(v.lastAccessedDate)
                        .createdDate(v.createdDate);
                if (v.value != null && v.value.kmsKeyArn() != null) {
                    e.kmsKeyIds(v.value.kmsKeyArn());
                }
                entries.add(e.build());
            }
        }
        PageTokens.Page<SecretVersionsListEntry> page = PageTokens.page("versions", entries, r.nextToken(),
                r.maxResults() == null ? DEFAULT_MAX : r.maxResults());
        return ListSecretVersionIdsResponse.builder().versions(page.items()).nextToken(page.nextToken())
                .arn(secret.arn.toString()).name(secret.name).build();
    }

    private static SecretVersion existing(Secret secret, String versionId) {
        if (versionId == null) {
            return null;
        }
        SecretVersion v = secret.versions.get(versionId);
        if (v == null) {
            throw SecretsErrors.invalidParameter("Secrets Manager can't find the specified secret version: "
                    + versionId);
        }
        return v;
    }
}
