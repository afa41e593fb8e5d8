package io.gureum.ssm;

import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceClients;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * SecureString values through KMS, called in-process as {@code ssm.amazonaws.com}: encrypted with the
 * parameter's key ({@code alias/aws/ssm}, the account's AWS managed key, unless KeyId names another)
 * under the encryption context {@code PARAMETER_ARN}, stored and answered without decryption as the
 * base64 ciphertext blob. KMS's errors come back as SSM reports them: {@code InvalidKeyId} carrying
 * KMS's message and code, e.g. "… is disabled. (Service: AWSKMS; Status Code: 400; Error Code:
 * DisabledException; …)"; KMS's AccessDeniedException as SSM's AccessDeniedException.
 */
final class SecureValues {
    static final String DEFAULT_KEY = "alias/aws/ssm";
    private static final String CONTEXT_KEY = "PARAMETER_ARN";

    private final ServiceClients clients;
    private final SsmState state;

    SecureValues(ServiceClients clients, SsmState state) {
        this.clients = clients;
        this.state = state;
    }

    /** The base64 ciphertext of {@code plaintext} under {@code keyId}. */
    String encrypt(String keyId, String plaintext, Arn parameter) {
        try {
            SdkBytes blob = state.unlocked(() -> kms().encrypt(b -> b.keyId(keyId)
                    .plaintext(SdkBytes.fromUtf8String(plaintext))
                    .encryptionContext(Map.of(CONTEXT_KEY, parameter.toString()))).ciphertextBlob());
            return Base64.getEncoder().encodeToString(blob.asByteArray());
        } catch (KmsException e) {
            throw reported(e);
        }
    }

    /** The plaintext of a stored SecureString value. */
    String decrypt(String ciphertext, Arn parameter) {
        try {
            return state.unlocked(() -> kms().decrypt(b -> b
                    .ciphertextBlob(SdkBytes.fromByteArray(Base64.getDecoder().decode(ciphertext)))
                    .encryptionContext(Map.of(CONTEXT_KEY, parameter.toString()))).plaintext().asUtf8String());
        } catch (KmsException e) {
            throw reported(e);
        }
    }

    private KmsClient kms() {
        if (!clients.serves(KmsClient.class)) {
            throw SsmErrors.internal("SecureString parameters need KMS, which this server does not serve"
                    + " (enable the kms service).");
        }
        RequestContext ctx = RequestContext.current();
        return clients.client(KmsClient.class, Caller.service("ssm.amazonaws.com", ctx.accountId(), ctx.region(), null));
    }

    /** SSM's error for a failed KMS call, with KMS's details appended as SSM words them. */
    private static RuntimeException reported(KmsException e) {
        String code = e.awsErrorDetails() == null ? "KMSInternalException" : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        String text = message + " (Service: AWSKMS; Status Code: " + e.statusCode() + "; Error Code: " + code
                + "; Request ID: " + e.requestId() + "; Proxy: null)";
        if ("AccessDeniedException".equals(code)) {
            return io.gureum.core.error.ModeledErrors.of(
                    software.amazon.awssdk.services.ssm.model.AccessDeniedException.class, text);
        }
        return SsmErrors.invalidKeyId(text);
    }
}
