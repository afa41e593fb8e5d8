package io.gureum.sns;

import io.gureum.core.error.ModeledErrors;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.sns.model.KmsAccessDeniedException;
import software.amazon.awssdk.services.sns.model.KmsDisabledException;
import software.amazon.awssdk.services.sns.model.KmsInvalidStateException;
import software.amazon.awssdk.services.sns.model.KmsNotFoundException;

/**
 * SSE of topics with a {@code KmsMasterKeyId}
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html): on each publish SNS, as
 * {@code sns.amazonaws.com}, asks KMS for a data key under the topic's key with the encryption context
 * {@code aws:sns:topicArn}. A missing, disabled or pending-deletion key fails Publish and PublishBatch
 * with Publish's modeled errors ({@code KMSNotFound}, {@code KMSDisabled}, {@code KMSInvalidState},
 * {@code KMSAccessDenied}, HTTP 400) and KMS's message.
 */
final class TopicEncryption {
    private static final String PRINCIPAL = "sns.amazonaws.com";
    private final ServiceContext context;

    TopicEncryption(ServiceContext context) {
        this.context = context;
    }

    void beforePublish(Topic t) {
        String key = t.attribute("KmsMasterKeyId");
        if (key == null || key.isEmpty()) {
            return;
        }
        if (!context.clients().serves(KmsClient.class)) {
            throw ModeledErrors.of(KmsNotFoundException.class,
                    "KMS is not served by this server (--services), so the topic's key cannot be found.");
        }
        KmsClient kms = context.clients().client(KmsClient.class,
                Caller.service(PRINCIPAL, t.arn.accountId(), t.arn.region(), t.arnText));
        try {
            kms.generateDataKeyWithoutPlaintext(g -> g.keyId(key).keySpec(DataKeySpec.AES_256)
                    .encryptionContext(Map.of("aws:sns:topicArn", t.arnText)));
        } catch (AwsServiceException e) {
            String message = e.awsErrorDetails().errorMessage();
            throw switch (e.awsErrorDetails().errorCode()) {
                case "NotFoundException" -> ModeledErrors.of(KmsNotFoundException.class, message);
                case "DisabledException" -> ModeledErrors.of(KmsDisabledException.class, message);
                case "KMSInvalidStateException" -> ModeledErrors.of(KmsInvalidStateException.class, message);
                case "AccessDeniedException", "InvalidKeyUsageException" ->
                        ModeledErrors.of(KmsAccessDeniedException.class, message);
                default -> e;
            };
        }
    }
}
