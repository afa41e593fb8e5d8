package io.gureum.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.spi.Caller;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/** How SSM and Secrets Manager call KMS: an in-process client acting as the service principal. */
class InProcessIT extends KmsTestSupport {

    @Test
    void serviceCallerUsesAwsManagedAliasAndCustomerKeys() {
        String account = symmetricKey().awsAccountId();
        KmsClient ssm = gureum.context().clients().client(KmsClient.class,
                Caller.service("ssm.amazonaws.com", account, "us-east-1", null));
        var dataKey = ssm.generateDataKey(b -> b.keyId("alias/aws/ssm").keySpec(DataKeySpec.AES_256));
        assertEquals(dataKey.plaintext(), ssm.decrypt(b -> b.ciphertextBlob(dataKey.ciphertextBlob())).plaintext());
        // The key the service made is the account's, seen by the user's own client too.
        assertEquals(dataKey.keyId(), kms.describeKey(b -> b.keyId("alias/aws/ssm")).keyMetadata().arn());

        String customer = symmetricKey().keyId();
        SdkBytes ct = ssm.encrypt(b -> b.keyId(customer).plaintext(bytes("p")).encryptionContext(
                java.util.Map.of("PARAMETER_ARN", "arn:aws:ssm:us-east-1:" + account + ":parameter/x"))).ciphertextBlob();
        assertEquals("p", kms.decrypt(b -> b.ciphertextBlob(ct).encryptionContext(
                java.util.Map.of("PARAMETER_ARN", "arn:aws:ssm:us-east-1:" + account + ":parameter/x")))
                .plaintext().asUtf8String());
        assertEquals("SYMMETRIC_DEFAULT", ssm.describeKey(b -> b.keyId(customer)).keyMetadata().keySpecAsString());
    }

    @Test
    void stateIsPerAccountAndRegion() {
        String keyId = symmetricKey().keyId();
        KmsClient otherRegion = gureum.context().clients().client(KmsClient.class,
                Caller.root(symmetricKey().awsAccountId(), "eu-west-1"));
        assertError(NotFoundException.class, "NotFoundException", 400, null,
                () -> otherRegion.describeKey(b -> b.keyId(keyId)));
    }
}
