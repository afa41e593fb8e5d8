package io.gureum.s3.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.auth.Accounts;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.S3ControlException;

/** With --verify-signatures, S3 Control's requests (signed as s3, for host <account>.localhost) are checked too. */
class ControlSignaturesIT {
    static final String ACCOUNT = "000000000000";
    static final String KEY_ID = "AKIAS3CONTROLTEST000";
    static final String SECRET = "s3-control-test-secret";

    @Test
    void signaturesAreVerified() {
        try (Gureum verifying = Gureum.start(GureumConfig.builder().port(0).verifySignatures(true).build())) {
            verifying.context().accounts().addResolver(id -> id.equals(KEY_ID)
                    ? Optional.of(new Accounts.AccessKey(KEY_ID, SECRET, ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":root"))
                    : Optional.empty());
            check(verifying);
        }
    }

    private static void check(Gureum verifying) {
        try (S3ControlClient good = ControlClients.control(verifying, KEY_ID, SECRET, "us-east-1");
                S3ControlClient bad = ControlClients.control(verifying, KEY_ID, "not-the-secret", "us-east-1")) {
            good.putPublicAccessBlock(r -> r.accountId(ACCOUNT).publicAccessBlockConfiguration(c -> c
                    .blockPublicAcls(true)));
            assertTrue(good.getPublicAccessBlock(r -> r.accountId(ACCOUNT)).publicAccessBlockConfiguration()
                    .blockPublicAcls());
            S3ControlException e = assertThrows(S3ControlException.class,
                    () -> bad.getPublicAccessBlock(r -> r.accountId(ACCOUNT)));
            assertEquals(403, e.statusCode());
            assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode());
        }
    }
}
