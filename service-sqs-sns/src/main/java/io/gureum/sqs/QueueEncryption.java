package io.gureum.sqs;

import io.gureum.core.error.ModeledErrors;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.sqs.model.KmsAccessDeniedException;
import software.amazon.awssdk.services.sqs.model.KmsDisabledException;
import software.amazon.awssdk.services.sqs.model.KmsInvalidKeyUsageException;
import software.amazon.awssdk.services.sqs.model.KmsInvalidStateException;
import software.amazon.awssdk.services.sqs.model.KmsNotFoundException;

/**
 * SSE-KMS of queues with a {@code KmsMasterKeyId}
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html):
 * SQS, as {@code sqs.amazonaws.com}, asks KMS for a data key under the queue's key (encryption context
 * {@code aws:sqs:arn}) and reuses it for {@code KmsDataKeyReusePeriodSeconds} (default 300) before calling
 * KMS again, on Gureum's clock. So a missing, disabled or pending-deletion key fails SendMessage,
 * SendMessageBatch and ReceiveMessage once no data key is cached, with the operations' modeled errors
 * ({@code KmsNotFound}, {@code KmsDisabled}, {@code KmsInvalidState}, {@code KmsAccessDenied},
 * {@code KmsInvalidKeyUsage}) and KMS's message. SQS does not check the key when the queue is created.
 */
final class QueueEncryption {
    private static final String PRINCIPAL = "sqs.amazonaws.com";
    private static final int DEFAULT_REUSE_SECONDS = 300;

    /** The data key a queue uses, under which master key, and until when SQS reuses it. */
    private record DataKey(String masterKeyId, byte[] ciphertext, Instant until) {
    }

    private final ServiceContext context;
    private final Map<String, DataKey> dataKeys = new ConcurrentHashMap<>();

    QueueEncryption(ServiceContext context) {
        this.context = context;
    }

    /** Before a send: a data key under the queue's key, fresh from KMS once the reuse period is over. */
    void beforeSend(Queue q) {
        use(q, false);
    }

    /** Before a receive: the data key decrypted by KMS once the reuse period is over. */
    void beforeReceive(Queue q) {
        use(q, true);
    }

    private void use(Queue q, boolean receive) {
        String masterKey = q.attribute(QueueAttributes.KMS_MASTER_KEY_ID);
        if (masterKey == null) {
            return;
        }
        Instant now = context.clock().now();
        DataKey cached = dataKeys.get(q.arnText);
        if (cached != null && cached.masterKeyId().equals(masterKey) && now.isBefore(cached.until())) {
            return;
        }
        String reuse = q.attribute(QueueAttributes.KMS_DATA_KEY_REUSE_PERIOD_SECONDS);
        Instant until = now.plusSeconds(reuse == null ? DEFAULT_REUSE_SECONDS : Long.parseLong(reuse));
        Map<String, String> encryptionContext = Map.of("aws:sqs:arn", q.arnText);
        byte[] ciphertext;
        if (receive && cached != null && cached.masterKeyId().equals(masterKey)) {
            call(q, kms -> kms.decrypt(d -> d.keyId(masterKey).ciphertextBlob(SdkBytes.fromByteArray(
                    cached.ciphertext())).encryptionContext(encryptionContext)));
            ciphertext = cached.ciphertext();
        } else {
            ciphertext = call(q, kms -> kms.generateDataKeyWithoutPlaintext(g -> g.keyId(masterKey)
                    .keySpec(DataKeySpec.AES_256).encryptionContext(encryptionContext))).ciphertextBlob()
                    .asByteArray();
        }
        dataKeys.put(q.arnText, new DataKey(masterKey, ciphertext, until));
    }

    private <T> T call(Queue q, Function<KmsClient, T> operation) {
        if (!context.clients().serves(KmsClient.class)) {
            throw ModeledErrors.of(KmsNotFoundException.class,
                    "KMS is not served by this server (--services), so the queue's key cannot be found.");
        }
        KmsClient kms = context.clients().client(KmsClient.class,
                Caller.service(PRINCIPAL, q.arn.accountId(), q.arn.region(), q.arnText));
        try {
            return operation.apply(kms);
        } catch (AwsServiceException e) {
            throw translate(e);
        }
    }

    private static RuntimeException translate(AwsServiceException e) {
        String message = e.awsErrorDetails().errorMessage();
        return switch (e.awsErrorDetails().errorCode()) {
            case "NotFoundException" -> ModeledErrors.of(KmsNotFoundException.class, message);
            case "DisabledException" -> ModeledErrors.of(KmsDisabledException.class, message);
            case "KMSInvalidStateException" -> ModeledErrors.of(KmsInvalidStateException.class, message);
            case "InvalidKeyUsageException" -> ModeledErrors.of(KmsInvalidKeyUsageException.class, message);
            case "AccessDeniedException" -> ModeledErrors.of(KmsAccessDeniedException.class, message);
            default -> e;
        };
    }
}
