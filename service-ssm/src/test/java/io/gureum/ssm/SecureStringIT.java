package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.InvalidKeyIdException;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ValidationException;

/** SecureString parameters encrypted by KMS (here the test-only KMS double), decrypted on request. */
class SecureStringIT extends SsmTestSupport {

    @Test
    void theDefaultKeyEncryptsAndWithDecryptionDecrypts() {
        String name = unique("/secret");
        ssm.putParameter(b -> b.name(name).value("hunter2").type(ParameterType.SECURE_STRING));
        Parameter hidden = ssm.getParameter(b -> b.name(name)).parameter();
        assertNotEquals("hunter2", hidden.value());
        Base64.getDecoder().decode(hidden.value()); // the ciphertext blob, base64 encoded
        assertEquals("hunter2", ssm.getParameter(b -> b.name(name).withDecryption(true)).parameter().value());
        assertEquals("alias/aws/ssm", ssm.describeParameters(b -> b.parameterFilters(f -> f.key("Name").values(name)))
                .parameters().get(0).keyId());
        assertEquals("hunter2", ssm.getParameters(b -> b.names(name).withDecryption(true)).parameters().get(0).value());
        assertEquals("hunter2", ssm.getParameterHistory(b -> b.name(name).withDecryption(true)).parameters().get(0).value());
        assertEquals(hidden.value(), ssm.getParameterHistory(b -> b.name(name)).parameters().get(0).value());
    }

    @Test
    void aCustomKeyAndItsDisabling() {
        String key = kms.createKey(b -> { }).keyMetadata().keyId();
        String alias = unique("alias/key");
        kms.createAlias(b -> b.aliasName(alias).targetKeyId(key));
        String name = unique("/custom");
        ssm.putParameter(b -> b.name(name).value("s3cr3t").type(ParameterType.SECURE_STRING).keyId(alias));
        assertEquals("s3cr3t", ssm.getParameter(b -> b.name(name).withDecryption(true)).parameter().value());
        assertEquals(alias, ssm.describeParameters(b -> b.parameterFilters(f -> f.key("KeyId")
                .values(alias))).parameters().get(0).keyId());
        ssm.putParameter(b -> b.name(name).value("next").overwrite(true));
        assertEquals(alias, ssm.getParameterHistory(b -> b.name(name)).parameters().get(1).keyId(),
                "an overwrite keeps the key");

        kms.disableKey(b -> b.keyId(key));
        InvalidKeyIdException e = assertError(InvalidKeyIdException.class, "InvalidKeyId", 400, null,
                () -> ssm.getParameter(b -> b.name(name).withDecryption(true)));
        String arn = "arn:aws:kms:us-east-1:000000000000:key/" + key;
        assertTrue(e.awsErrorDetails().errorMessage().startsWith(arn + " is disabled. (Service: AWSKMS; Status Code: 400;"
                + " Error Code: DisabledException; Request ID: "), e.awsErrorDetails().errorMessage());
        ssm.getParameter(b -> b.name(name)); // without decryption KMS is not called
        assertError(InvalidKeyIdException.class, "InvalidKeyId", 400, null,
                () -> ssm.getParameters(b -> b.names(name).withDecryption(true)));    }

    @Test
    void aMissingKeyIsInvalidKeyIdAndNothingIsStored() {
        String name = unique("/nokey");
        InvalidKeyIdException e = assertError(InvalidKeyIdException.class, "InvalidKeyId", 400, null,
                () -> ssm.putParameter(b -> b.name(name).value("x").type(ParameterType.SECURE_STRING)
                        .keyId("alias/does-not-exist")));
        assertTrue(e.awsErrorDetails().errorMessage().startsWith(
                "Alias arn:aws:kms:us-east-1:000000000000:alias/does-not-exist is not found. (Service: AWSKMS;"),
                e.awsErrorDetails().errorMessage());
        assertEquals(0, ssm.getParameters(b -> b.names(name)).parameters().size());
    }

    @Test
    void keyIdIsForSecureStringsOnly() {
        assertError(ValidationException.class, "ValidationException", 400, null,
                () -> ssm.putParameter(b -> b.name(unique("/plain")).value("x").type(ParameterType.STRING)
                        .keyId("alias/aws/ssm")));
    }
}
