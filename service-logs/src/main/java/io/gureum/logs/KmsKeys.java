package io.gureum.logs;

import io.gureum.core.ids.Arn;
import software.amazon.awssdk.services.cloudwatchlogs.model.AssociateKmsKeyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.AssociateKmsKeyResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DisassociateKmsKeyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DisassociateKmsKeyResponse;

/**
 * The KMS key of a log group or of the account's Logs Insights query results (API_AssociateKmsKey.html): by
 * {@code logGroupName} or {@code resourceIdentifier} (a log group ARN, or
 * {@code arn:aws:logs:<region>:<account>:query-result:*}), never both. The key is recorded and reported
 * ({@code kmsKeyId} of DescribeLogGroups, {@code encryptionKey} of GetQueryResults); Gureum keeps events in memory
 * and does not encrypt them, nor ask KMS whether the key exists.
 */
final class KmsKeys {
    private final LogsStores stores;

    KmsKeys(LogsStores stores) {
        this.stores = stores;
    }

    public AssociateKmsKeyResponse associateKmsKey(AssociateKmsKeyRequest request) {
        set(request.logGroupName(), request.resourceIdentifier(), request.kmsKeyId());
        return AssociateKmsKeyResponse.builder().build();
    }

    public DisassociateKmsKeyResponse disassociateKmsKey(DisassociateKmsKeyRequest request) {
        set(request.logGroupName(), request.resourceIdentifier(), null);
        return DisassociateKmsKeyResponse.builder().build();
    }

    private void set(String logGroupName, String resourceIdentifier, String kmsKeyId) {
        LogsStore store = stores.current();
        if ((logGroupName == null) == (resourceIdentifier == null)) {
            throw LogsErrors.invalidParameter("Specify either logGroupName or resourceIdentifier, but not both.");
        }
        if (logGroupName != null) {
            store.group(logGroupName).kmsKeyId = kmsKeyId;
            return;
        }
        String queryResults = Arn.of("logs", store.region, store.account, "query-result:*").toString();
        if (resourceIdentifier.equals(queryResults)) {
            store.queryResultsKmsKeyId = kmsKeyId;
            return;
        }
        Identifiers.group(store, null, resourceIdentifier).kmsKeyId = kmsKeyId;
    }
}
