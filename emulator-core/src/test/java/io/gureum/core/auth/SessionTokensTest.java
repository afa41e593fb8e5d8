package io.gureum.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.error.AwsException;
import io.gureum.core.http.AwsHttpRequest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;

/** Temporary keys: their session token under verification, their expiry always, in each API's words. */
class SessionTokensTest {
    private static final Instant EXPIRES = Instant.parse("2024-05-24T11:00:00Z");
    private static final Accounts.AccessKey TEMPORARY = new Accounts.AccessKey("ASIAEXAMPLE0000000001", "secret",
            "222222222222", "arn:aws:sts::222222222222:assumed-role/r/s", "token-1", EXPIRES);
    private static final AwsException INVALID = new AwsException("InvalidClientTokenId",
            "The security token included in the request is invalid.", 403);

    private static AwsHttpRequest sts(String token) {
        SignedRequests r = SignedRequests.of(SdkHttpMethod.POST, "http://127.0.0.1:4566/")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        if (token != null) {
            r.header("X-Amz-Security-Token", token);
        }
        return r.body("Action=GetCallerIdentity&Version=2011-06-15").sign();
    }

    private static void check(AwsHttpRequest request, Accounts.AccessKey key, boolean verify, Instant now) {
        SessionTokens.check(request, SigV4Parser.parse(request), key, verify, now, () -> INVALID);
    }

    @Test
    void aTemporaryKeyWithItsTokenBeforeExpiryPasses() {
        check(sts("token-1"), TEMPORARY, true, EXPIRES.minusSeconds(1));
        assertEquals("token-1", SessionTokens.of(sts("token-1")));
    }

    @Test
    void underVerificationAMissingOrForeignTokenIsAnInvalidKey() {
        assertSame(INVALID, assertThrows(AwsException.class,
                () -> check(sts(null), TEMPORARY, true, EXPIRES.minusSeconds(1))));
        assertSame(INVALID, assertThrows(AwsException.class,
                () -> check(sts("token-2"), TEMPORARY, true, EXPIRES.minusSeconds(1))));
        check(sts(null), TEMPORARY, false, EXPIRES.minusSeconds(1)); // not verified: not checked
    }

    @Test
    void expiredCredentialsAreRefusedInTheApisWordsEvenWithoutVerification() {
        AwsException query = assertThrows(AwsException.class, () -> check(sts("token-1"), TEMPORARY, false, EXPIRES));
        assertEquals("ExpiredToken", query.code());
        assertEquals(403, query.status());
        assertEquals("The security token included in the request is expired", query.getMessage());

        AwsHttpRequest dynamo = SignedRequests.of(SdkHttpMethod.POST, "http://127.0.0.1:4566/").service("dynamodb")
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables").body("{}").sign();
        AwsException json = assertThrows(AwsException.class, () -> check(dynamo, TEMPORARY, false, EXPIRES));
        assertEquals("ExpiredTokenException", json.code());
        assertEquals(400, json.status());

        AwsHttpRequest s3 = SignedRequests.of(SdkHttpMethod.GET, "http://127.0.0.1:4566/bucket/key").service("s3")
                .sign();
        AwsException s3Error = assertThrows(AwsException.class, () -> check(s3, TEMPORARY, false, EXPIRES));
        assertEquals("ExpiredToken", s3Error.code());
        assertEquals(400, s3Error.status());
        assertEquals("The provided token has expired.", s3Error.getMessage());
    }

    @Test
    void longTermKeysAndUnknownKeysAreNotChecked() {
        check(sts(null), new Accounts.AccessKey("AKIA1", "s", "111111111111", "arn:aws:iam::111111111111:root"), true,
                EXPIRES);
        check(sts(null), null, true, EXPIRES);
    }
}
