package io.gureum.s3;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.error.AwsException;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceClients;
import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.Encryption;
import io.gureum.s3.store.StoredObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyWithoutPlaintextResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/**
 * SSE-KMS as S3 does it (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html):
 * a write asks KMS, as S3's service principal, for a data key under the object's KMS key with the
 * encryption context {@code aws:s3:arn} = the object's ARN (the bucket's with an S3 Bucket Key) plus the
 * caller's own; a read asks KMS to decrypt that data key. So a missing, disabled or pending-deletion key
 * fails the write and the read. S3 reports KMS's error with its code prefixed by {@code KMS.}
 * ({@code KMS.DisabledException}, {@code KMS.NotFoundException}, {@code KMS.KMSInvalidStateException}),
 * HTTP 400, and KMS's message (as users see on AWS, e.g.
 * https://github.com/localstack/localstack/issues/8422).
 */
final class KmsEncryption {
    /** The AWS managed key S3 uses when aws:kms names no key. KMS creates it on first use. */
    static final String MANAGED_KEY = "alias/aws/s3";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ServiceClients clients;

    KmsEncryption(ServiceClients clients) {
        this.clients = clients;
    }

    /** What the SSE headers of a write ask for. */
    record Requested(String algorithm, String keyId, String context, Boolean bucketKeyEnabled,
            String customerAlgorithm) {
    }

    /** The encryption of a new object {@code key} in {@code b}: the request's, else the bucket's default. */
    Encryption forWrite(Bucket b, String key, Requested r) {
        boolean kmsRequested = isKms(r.algorithm());
        if (r.algorithm() != null && r.customerAlgorithm() != null) {
            throw S3Errors.invalidArgument("Server Side Encryption with Customer provided key is incompatible with "
                    + "the encryption method specified");
        }
        if (!kmsRequested && (r.keyId() != null || r.context() != null)) {
            throw S3Errors.invalidArgument("Server Side Encryption with AWS KMS managed key requires HTTP header "
                    + "x-amz-server-side-encryption : aws:kms", "x-amz-server-side-encryption",
                    r.algorithm() == null ? "null" : r.algorithm());
        }
        ServerSideEncryptionRule rule = b.encryption == null || b.encryption.rules().isEmpty() ? null
                : b.encryption.rules().get(0);
        ServerSideEncryptionByDefault byDefault = rule == null ? null : rule.applyServerSideEncryptionByDefault();
        String algorithm = r.algorithm();
        String keyId = r.keyId();
        if (algorithm == null) {
            algorithm = byDefault == null ? "AES256" : byDefault.sseAlgorithmAsString();
            keyId = byDefault == null ? null : byDefault.kmsMasterKeyID();
        }
        if (!isKms(algorithm)) {
            return Encryption.of(algorithm);
        }
        boolean bucketKey = r.bucketKeyEnabled() != null ? r.bucketKeyEnabled()
                : rule != null && Boolean.TRUE.equals(rule.bucketKeyEnabled());
        Map<String, String> context = new LinkedHashMap<>(parseContext(r.context()));
        context.put("aws:s3:arn", bucketKey ? bucketArn(b) : bucketArn(b) + "/" + key);
        String requestedKey = keyId == null ? MANAGED_KEY : keyId;
        GenerateDataKeyWithoutPlaintextResponse dataKey = call(b, kms -> kms.generateDataKeyWithoutPlaintext(
                g -> g.keyId(requestedKey).keySpec(DataKeySpec.AES_256).encryptionContext(context)));
        return new Encryption(algorithm, dataKey.keyId(), bucketKey, Map.copyOf(context), r.context(),
                dataKey.ciphertextBlob().asByteArray());
    }

    /**
     * UpdateObjectEncryption: the object's data key wrapped anew under {@code keyArn}, S3 managed keys or the
     * previous KMS key unwrapping it first (a disabled previous key fails the update as it fails a read). The
     * caller's own context of an SSE-KMS object is kept; {@code aws:s3:arn} follows the Bucket Key setting.
     */
    Encryption reencrypt(Bucket b, StoredObject o, String keyArn, boolean bucketKey) {
        checkUsable(b, o.encryption);
        Map<String, String> context = new LinkedHashMap<>(o.encryption == null ? Map.of() : o.encryption.context());
        context.put("aws:s3:arn", bucketKey ? bucketArn(b) : bucketArn(b) + "/" + o.key);
        GenerateDataKeyWithoutPlaintextResponse dataKey = call(b, kms -> kms.generateDataKeyWithoutPlaintext(
                g -> g.keyId(keyArn).keySpec(DataKeySpec.AES_256).encryptionContext(context)));
        return new Encryption("aws:kms", dataKey.keyId(), bucketKey, Map.copyOf(context),
                o.encryption == null ? null : o.encryption.requestedContext(), dataKey.ciphertextBlob().asByteArray());
    }

    /** Reads need the object's data key back from KMS: a disabled or deleted key makes them fail. */
    void checkReadable(Bucket b, StoredObject o) {
        checkUsable(b, o.encryption);
    }

    /**
     * UploadPart, UploadPartCopy and CompleteMultipartUpload need the upload's data key back from KMS
     * too (S3 encrypts new parts with it and reads the parts to assemble them:
     * https://repost.aws/knowledge-center/s3-large-file-encryption-kms-key).
     */
    void checkUsable(Bucket b, Encryption e) {
        if (e == null || !e.kms()) {
            return;
        }
        call(b, kms -> kms.decrypt(d -> d.keyId(e.kmsKeyArn())
                .ciphertextBlob(SdkBytes.fromByteArray(e.encryptedDataKey())).encryptionContext(e.context())));
    }

    static boolean isKms(String algorithm) {
        return algorithm != null && algorithm.startsWith("aws:kms");
    }

    private <T> T call(Bucket b, java.util.function.Function<KmsClient, T> operation) {
        if (!clients.serves(KmsClient.class)) {
            throw new AwsException("ServiceUnavailable",
                    "SSE-KMS needs the KMS API, which this server does not serve (--services).", 503);
        }
        KmsClient kms = clients.client(KmsClient.class,
                Caller.service(Destinations.PRINCIPAL, Objects.currentAccount(), b.region, bucketArn(b)));
        try {
            return operation.apply(kms);
        } catch (AwsServiceException e) {
            throw new AwsException("KMS." + e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage(),
                    400);
        }
    }

    /**
     * The {@code x-amz-server-side-encryption-context} header: base64 of a JSON object of strings
     * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html#encryption-context).
     */
    private static Map<String, String> parseContext(String header) {
        if (header == null) {
            return Map.of();
        }
        try {
            String json = new String(Base64.getDecoder().decode(header.trim()), StandardCharsets.UTF_8);
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {
            });
        } catch (Exception e) {
            throw S3Errors.invalidArgument("The header 'x-amz-server-side-encryption-context' shall be Base64-encoded "
                    + "UTF-8 string holding JSON which represents a string-string map", "x-amz-server-side-encryption-context",
                    header);
        }
    }

    private static String bucketArn(Bucket b) {
        return "arn:aws:s3:::" + b.name;
    }
}
