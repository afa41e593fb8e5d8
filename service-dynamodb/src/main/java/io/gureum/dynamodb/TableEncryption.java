package io.gureum.dynamodb;

import io.gureum.core.ids.Arn;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.SSEDescription;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;

/**
 * Encryption at rest (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.usagenotes.html).
 * Without {@code SSESpecification.Enabled} a table uses an AWS owned key and DescribeTable shows no
 * {@code SSEDescription}. With it, DynamoDB (as {@code dynamodb.amazonaws.com}) asks KMS for a table key
 * under the customer managed key named by {@code KMSMasterKeyId} or under the AWS managed key
 * {@code alias/aws/dynamodb}, with the encryption context {@code aws:dynamodb:tableName} and
 * {@code aws:dynamodb:subscriberId}; a key KMS refuses makes CreateTable/UpdateTable a
 * {@code ValidationException} "KMS validation error: …" that quotes KMS's exception as DynamoDB does.
 * A table whose key later becomes unusable (disabled, pending deletion) shows
 * {@code INACCESSIBLE_ENCRYPTION_CREDENTIALS} and {@code SSEDescription.InaccessibleEncryptionDateTime}
 * from when DynamoDB noticed, cleared once the key is usable again
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.troubleshooting.html).
 */
final class TableEncryption {
    static final String MANAGED_KEY = "alias/aws/dynamodb";
    private static final String PRINCIPAL = "dynamodb.amazonaws.com";
    private final ServiceContext context;

    TableEncryption(ServiceContext context) {
        this.context = context;
    }

    /**
     * The KMS key ARN a table's specification asks for, checked with KMS, or null for the AWS owned key.
     */
    String keyArn(String tableArn, String tableName, SSESpecification spec) {
        if (spec == null || !Boolean.TRUE.equals(spec.enabled())) {
            return null;
        }
        if (spec.kmsMasterKeyId() != null && spec.sseType() == null) {
            // Wording reported by users (awsdocs/aws-cloudformation-user-guide#1228).
            throw DynamoErrors.validation("SSEType KMS is required if KMSMasterKeyId is specified");
        }
        String keyId = spec.kmsMasterKeyId() == null ? MANAGED_KEY : spec.kmsMasterKeyId();
        Arn arn = Arn.parse(tableArn);
        try {
            return kms(arn, tableArn).generateDataKeyWithoutPlaintext(g -> g.keyId(keyId).keySpec(DataKeySpec.AES_256)
                    .encryptionContext(Map.of("aws:dynamodb:tableName", tableName, "aws:dynamodb:subscriberId",
                            arn.accountId()))).keyId();
        } catch (AwsServiceException e) {
            // As DynamoDB quotes KMS's exception, e.g. "KMS validation error: com.amazonaws.services.kms.model.
            // NotFoundException: Key 'arn:…' does not exist (Service: AWSKMS; Status Code: 400; …)"
            // (https://github.com/aws-solutions/generative-ai-application-builder-on-aws/issues/29).
            String code = e.awsErrorDetails().errorCode();
            throw DynamoErrors.validation("KMS validation error: com.amazonaws.services.kms.model." + code + ": "
                    + e.awsErrorDetails().errorMessage() + " (Service: AWSKMS; Status Code: " + e.statusCode()
                    + "; Error Code: " + code + "; Request ID: " + e.requestId() + "; Proxy: null)");
        }
    }

    /** The table's SSEDescription (null with the AWS owned key), noting whether its key is usable now. */
    SSEDescription describe(Table t) {
        if (t.kmsKeyArn == null) {
            return null;
        }
        boolean usable;
        try {
            KeyMetadata k = kms(Arn.parse(t.arn), t.arn).describeKey(d -> d.keyId(t.kmsKeyArn)).keyMetadata();
            usable = k.keyState() == KeyState.ENABLED;
        } catch (AwsServiceException e) {
            usable = false;
        }
        if (usable) {
            t.kmsInaccessibleSince = null;
        } else if (t.kmsInaccessibleSince == null) {
            t.kmsInaccessibleSince = context.clock().now();
        }
        return SSEDescription.builder().status("ENABLED").sseType("KMS").kmsMasterKeyArn(t.kmsKeyArn)
                .inaccessibleEncryptionDateTime(t.kmsInaccessibleSince).build();
    }

    private KmsClient kms(Arn table, String tableArn) {
        if (!context.clients().serves(KmsClient.class)) {
            throw DynamoErrors.validation("KMS validation error: KMS is not served by this server (--services)");
        }
        return context.clients().client(KmsClient.class,
                Caller.service(PRINCIPAL, table.accountId(), table.region(), tableArn));
    }

    static boolean inaccessible(Table t) {
        return t.kmsKeyArn != null && t.kmsInaccessibleSince != null;
    }

}
