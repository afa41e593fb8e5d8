package io.gureum.secretsmanager;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.secretsmanager.model.APIErrorType;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;

/** Reading and adding values: GetSecretValue, BatchGetSecretValue and PutSecretValue. */
final class SecretValues {
    /** BatchGetSecretValue's page size when MaxResults is not given with Filters (the model's maximum). */
    private static final int BATCH_MAX = 20;

    private final SecretsStores stores;
    private final Encryption encryption;
    private final VersionWriter writer;

    SecretValues(SecretsStores stores, Encryption encryption, VersionWriter writer) {
        this.stores = stores;
        this.encryption = encryption;
        this.writer = writer;
    }

    public GetSecretValueResponse getSecretValue(GetSecretValueRequest r) {
        Secret secret = SecretLookup.live(stores.forSecret(r.secretId()), r.secretId());
        SecretVersion version = select(secret, r.versionId(), r.versionStage());
        SecretValue value = read(secret, version);
        return GetSecretValueResponse.builder().arn(secret.arn.toString()).name(secret.name)
                .versionId(version.versionId).secretString(value.text()).secretBinary(value.binaryBytes())
                .versionStages(new ArrayList<>(version.stages)).createdDate(version.createdDate).build();
    }

    public PutSecretValueResponse putSecretValue(PutSecretValueRequest r) {
        Secret secret = SecretLookup.writable(stores.forSecret(r.secretId()), r.secretId());
        SecretValue value = Secrets.value(r.secretString(), r.secretBinary());
        if (value == null) {
            throw SecretsErrors.invalidParameter("You must provide either SecretString or SecretBinary.");
        }
        SecretVersion version = writer.write(secret, r.clientRequestToken(), value,
                r.hasVersionStages() ? r.versionStages() : null).version();
        return PutSecretValueResponse.builder().arn(secret.arn.toString()).name(secret.name)
                .versionId(version.versionId).versionStages(new ArrayList<>(version.stages)).build();
    }

    /**
     * The values of up to 20 secrets, by SecretIdList or by Filters (not both); a secret that cannot be read
     * is reported in {@code Errors} with its error code, and the others are still returned.
     */
    public BatchGetSecretValueResponse batchGetSecretValue(BatchGetSecretValueRequest r) {
        boolean byIds = r.hasSecretIdList();
        boolean byFilters = r.hasFilters();
        if (byIds == byFilters) {
            throw SecretsErrors.invalidParameter("You must provide either SecretIdList or Filters, but not both.");
        }
        if (byIds && r.maxResults() != null) {
            throw SecretsErrors.invalidParameter("You can use MaxResults only with Filters.");
        }
        SecretsStore store = stores.current();
        List<String> ids = new ArrayList<>();
        String next = null;
        if (byIds) {
            ids.addAll(r.secretIdList());
        } else {
            List<Secret> matching = SecretFilters.matching(store, r.filters(), false);
            PageTokens.Page<Secret> page = PageTokens.page("batch", matching, r.nextToken(),
                    r.maxResults() == null ? BATCH_MAX : r.maxResults());
            page.items().forEach(s -> ids.add(s.arn.toString()));
            next = page.nextToken();
        }
        List<SecretValueEntry> values = new ArrayList<>();
        List<APIErrorType> errors = new ArrayList<>();
        for (String id : ids) {
            try {
                Secret secret = SecretLookup.live(byIds ? stores.forSecret(id) : store, id);
                SecretVersion version = select(secret, null, null);
                SecretValue value = read(secret, version);
                values.add(SecretValueEntry.builder().arn(secret.arn.toString()).name(secret.name)
                        .versionId(version.versionId).secretString(value.text()).secretBinary(value.binaryBytes())
                        .versionStages(new ArrayList<>(version.stages)).createdDate(version.createdDate).build());
            } catch (AwsServiceException e) {
                errors.add(APIErrorType.builder().secretId(id).errorCode(e.awsErrorDetails().errorCode())
                        .message(e.awsErrorDetails().errorMessage()).build());
            }
        }
        return BatchGetSecretValueResponse.builder().secretValues(values).errors(errors).nextToken(next).build();
    }

    /** The version a read names: by VersionId, by VersionStage, both (which must agree), or AWSCURRENT. */
    static SecretVersion select(Secret secret, String versionId, String versionStage) {
        if (versionId != null) {
            SecretVersion v = secret.version(versionId);
            if (v == null || v.value == null) {
                throw SecretsErrors.notFound("Secrets Manager can't find the specified secret value for VersionId: "
                        + versionId);
            }
            if (versionStage != null && !v.stages.contains(versionStage)) {
                throw SecretsErrors.invalidRequest("You provided a VersionStage that is not associated to the"
                        + " provided VersionId.");
            }
            return v;
        }
        String stage = versionStage == null ? StagingLabels.CURRENT : versionStage;
        SecretVersion v = secret.versionWithStage(stage);
        if (v == null || v.value == null) {
            throw SecretsErrors.notFound("Secrets Manager can't find the specified secret value for staging label: "
                    + stage);
        }
        return v;
    }

    /** Decrypts a version and records the access (a date: "the resolution of this field is at the date level"). */
    private SecretValue read(Secret secret, SecretVersion version) {
        SecretValue value = encryption.decrypt(secret, version.versionId, version.value);
        Instant today = stores.now().truncatedTo(ChronoUnit.DAYS);
        secret.lastAccessedDate = today;
        version.lastAccessedDate = today;
        return value;
    }
}
