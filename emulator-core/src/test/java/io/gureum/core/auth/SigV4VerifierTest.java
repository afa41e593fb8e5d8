package io.gureum.core.auth;

import static io.gureum.core.auth.SignedRequests.SECRET;
import static io.gureum.core.auth.SignedRequests.SIGNED_AT;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.error.AwsException;
import io.gureum.core.http.AwsHttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.http.SdkHttpMethod;

class SigV4VerifierTest {
    private static final String QUERY_MISMATCH = "The request signature we calculated does not match the signature "
            + "you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation "
            + "for details.";
    private final SigV4Verifier verifier = new SigV4Verifier();

    private static AwsHttpRequest stsCall() {
        return SignedRequests.of(SdkHttpMethod.POST, "http://127.0.0.1:4566/")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .body("Action=GetCallerIdentity&Version=2011-06-15").sign();
    }

    private static AwsHttpRequest dynamoCall(String secret) {
        return SignedRequests.of(SdkHttpMethod.POST, "http://127.0.0.1:4566/")
                .service("dynamodb").secret(secret)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .body("{}").sign();
    }

    private static AwsHttpRequest s3Get(String secret) {
        return SignedRequests.of(SdkHttpMethod.GET, "http://127.0.0.1:4566/bucket/a%20b/c%2Bd.txt?list-type=2&prefix=x%2Fy&empty")
                .service("s3").secret(secret)
                .header("x-amz-content-sha256", SigningKeys.EMPTY_SHA256).sign();
    }

    private void verify(AwsHttpRequest request, String secret, Instant now) {
        verifier.verify(request, SigV4Parser.parse(request), secret, now);
    }

    private static AwsException error(Executable call) {
        return assertThrows(AwsException.class, call);
    }

    @Test
    void queryServiceHeaderSignatureVerifies() {
        assertDoesNotThrow(() -> verify(stsCall(), SECRET, SIGNED_AT));
    }

    @Test
    void queryServiceWrongSecretIsSignatureDoesNotMatch() {
        AwsException e = error(() -> verify(stsCall(), "wrong", SIGNED_AT));
        assertEquals("SignatureDoesNotMatch", e.code());
        assertEquals(403, e.status());
        assertEquals(QUERY_MISMATCH, e.getMessage());
    }

    @Test
    void tamperedBodyOfAQueryCallDoesNotVerify() {
        AwsHttpRequest signed = stsCall();
        AwsHttpRequest tampered = new AwsHttpRequest("POST", "/", signed.headers(),
                "Action=GetSessionToken&Version=2011-06-15".getBytes());
        assertEquals("SignatureDoesNotMatch", error(() -> verify(tampered, SECRET, SIGNED_AT)).code());
    }

    @Test
    void jsonServiceVerifiesAndAnswersInvalidSignatureException() {
        assertDoesNotThrow(() -> verify(dynamoCall(SECRET), SECRET, SIGNED_AT));
        AwsException e = error(() -> verify(dynamoCall("other"), SECRET, SIGNED_AT));
        assertEquals("InvalidSignatureException", e.code());
        assertEquals(400, e.status());
        assertEquals(QUERY_MISMATCH, e.getMessage());
    }

    @Test
    void lambdaAnswers403() {
        AwsHttpRequest request = SignedRequests.of(SdkHttpMethod.GET,
                "http://127.0.0.1:4566/2015-03-31/functions/").service("lambda").secret("other").sign();
        AwsException e = error(() -> verify(request, SECRET, SIGNED_AT));
        assertEquals("InvalidSignatureException", e.code());
        assertEquals(403, e.status());
    }

    @Test
    void s3PathIsSignedAsSentWithoutDoubleEncoding() {
        assertDoesNotThrow(() -> verify(s3Get(SECRET), SECRET, SIGNED_AT));
        AwsException e = error(() -> verify(s3Get("other"), SECRET, SIGNED_AT));
        assertEquals("SignatureDoesNotMatch", e.code());
        assertEquals(403, e.status());
        assertEquals("The request signature we calculated does not match the signature you provided. "
                + "Check your key and signing method.", e.getMessage());
    }

    @Test
    void otherServicesEncodeThePathTwiceAndNormaliseIt() {
        AwsHttpRequest request = SignedRequests.of(SdkHttpMethod.GET,
                "http://127.0.0.1:4566/2015-03-31/functions/my%3Afn/./invocations").service("lambda").sign();
        assertDoesNotThrow(() -> verify(request, SECRET, SIGNED_AT));
    }

    @Test
    void s3PayloadHashMustMatchTheBody() {
        AwsHttpRequest signed = SignedRequests.of(SdkHttpMethod.PUT, "http://127.0.0.1:4566/bucket/key")
                .service("s3").body("other").sign();
        assertEquals(SigningKeys.sha256Hex("other"), signed.header("x-amz-content-sha256"));
        AwsHttpRequest request = new AwsHttpRequest("PUT", "/bucket/key", signed.headers(), "hello".getBytes());
        AwsException e = error(() -> verify(request, SECRET, SIGNED_AT));
        assertEquals("XAmzContentSHA256Mismatch", e.code());
        assertEquals(400, e.status());
    }

    @Test
    void s3UnsignedPayloadVerifies() {
        AwsHttpRequest request = SignedRequests.of(SdkHttpMethod.PUT, "https://127.0.0.1:4566/bucket/key")
                .service("s3").header("x-amz-content-sha256", "UNSIGNED-PAYLOAD").unsignedPayload()
                .body("hello").sign();
        assertEquals("UNSIGNED-PAYLOAD", request.header("x-amz-content-sha256"));
        assertDoesNotThrow(() -> verify(request, SECRET, SIGNED_AT));
    }

    @Test
    void presignedS3UrlOverHttpSignsTheEmptyPayloadHash() {
        AwsHttpRequest request = SignedRequests.of(SdkHttpMethod.GET, "http://127.0.0.1:4566/bucket/key")
                .service("s3").presigned(Duration.ofSeconds(300)).sign();
        assertDoesNotThrow(() -> verify(request, SECRET, SIGNED_AT));
    }

    @Test
    void presignedS3UrlVerifiesUntilItExpires() {
        AwsHttpRequest request = SignedRequests.of(SdkHttpMethod.GET,
                "https://127.0.0.1:4566/bucket/photo%201.jpg?versionId=3").service("s3")
                .presigned(Duration.ofSeconds(300)).sign();
        assertTrue(request.queryParameter("X-Amz-Signature") != null);
        assertDoesNotThrow(() -> verify(request, SECRET, SIGNED_AT.plusSeconds(300)));
        AwsException e = error(() -> verify(request, SECRET, SIGNED_AT.plusSeconds(301)));
        assertEquals("AccessDenied", e.code());
        assertEquals(403, e.status());
        assertEquals("Request has expired", e.getMessage());
    }

    @Test
    void tamperedPresignedUrlDoesNotVerify() {
        AwsHttpRequest request = SignedRequests.of(SdkHttpMethod.GET, "http://127.0.0.1:4566/bucket/key")
                .service("s3").presigned(Duration.ofSeconds(300)).sign();
        AwsHttpRequest tampered = new AwsHttpRequest("GET", "/bucket/other?" + request.rawQuery(),
                request.headers(), null);
        assertEquals("SignatureDoesNotMatch", error(() -> verify(tampered, SECRET, SIGNED_AT)).code());
        AwsHttpRequest longer = new AwsHttpRequest("GET", "/bucket/key?"
                + request.rawQuery().replace("X-Amz-Expires=300", "X-Amz-Expires=600"), request.headers(), null);
        assertEquals("SignatureDoesNotMatch", error(() -> verify(longer, SECRET, SIGNED_AT)).code());
    }

    @Test
    void presignedUrlOfAQueryServiceVerifiesAndExpires() {
        AwsHttpRequest request = SignedRequests.of(SdkHttpMethod.GET,
                "http://127.0.0.1:4566/?Action=GetCallerIdentity&Version=2011-06-15")
                .presigned(Duration.ofSeconds(60)).sign();
        assertDoesNotThrow(() -> verify(request, SECRET, SIGNED_AT.plusSeconds(30)));
        AwsException e = error(() -> verify(request, SECRET, SIGNED_AT.plusSeconds(61)));
        assertEquals("ExpiredToken", e.code());
        assertEquals(403, e.status());
    }

    @Test
    void presignedExpiryOverAWeekIsRejected() {
        AwsHttpRequest request = SignedRequests.of(SdkHttpMethod.GET, "http://127.0.0.1:4566/bucket/key")
                .service("s3").presigned(Duration.ofSeconds(300)).sign();
        AwsHttpRequest week = new AwsHttpRequest("GET", "/bucket/key?"
                + request.rawQuery().replace("X-Amz-Expires=300", "X-Amz-Expires=604801"), request.headers(), null);
        assertEquals("AuthorizationQueryParametersError", error(() -> verify(week, SECRET, SIGNED_AT)).code());
    }

    @Test
    void clockSkewBeyondFifteenMinutes() {
        assertDoesNotThrow(() -> verify(stsCall(), SECRET, SIGNED_AT.plusSeconds(14 * 60)));
        AwsException sts = error(() -> verify(stsCall(), SECRET, SIGNED_AT.plusSeconds(16 * 60)));
        assertEquals("SignatureDoesNotMatch", sts.code());
        assertEquals("Signature expired: 20240524T101530Z is now earlier than 20240524T101630Z "
                + "(20240524T103130Z - 15 min.)", sts.getMessage());
        AwsException future = error(() -> verify(dynamoCall(SECRET), SECRET, SIGNED_AT.minusSeconds(16 * 60)));
        assertEquals("InvalidSignatureException", future.code());
        assertTrue(future.getMessage().startsWith("Signature not yet current"), future.getMessage());
        AwsException s3 = error(() -> verify(s3Get(SECRET), SECRET, SIGNED_AT.plusSeconds(3600)));
        assertEquals("RequestTimeTooSkewed", s3.code());
        assertEquals(403, s3.status());
    }

    @Test
    void signatureVersion2IsNotAccepted() {
        AwsHttpRequest s3 = AwsHttpRequest.builder("GET", "/bucket/key")
                .header("Authorization", "AWS AKIDEXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=")
                .header("Date", "Fri, 24 May 2024 10:15:30 GMT").build();
        Map<String, List<String>> h = new LinkedHashMap<>();
        SignatureInfo v2 = new SignatureInfo("AWS", "AKIDEXAMPLE", null, null, "s3", List.of(), "x", false, null, -1);
        AwsException e = error(() -> verifier.verify(s3, v2, SECRET, SIGNED_AT));
        assertEquals("InvalidRequest", e.code());
        assertEquals(400, e.status());
        AwsException sts = error(() -> verify(new AwsHttpRequest("GET",
                "/?Action=GetCallerIdentity&AWSAccessKeyId=AKIDEXAMPLE&SignatureVersion=2&Signature=x", h, null),
                SECRET, SIGNED_AT));
        assertEquals("IncompleteSignature", sts.code());
    }

    @Test
    void missingCredentialIsIncompleteSignature() {
        AwsHttpRequest request = AwsHttpRequest.builder("POST", "/")
                .header("Authorization", "AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date, Signature=abc")
                .header("X-Amz-Date", "20240524T101530Z").body("Action=GetCallerIdentity").build();
        AwsException e = error(() -> verify(request, null, SIGNED_AT));
        assertEquals("IncompleteSignature", e.code());
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("'Credential'"), e.getMessage());
    }

    @Test
    void pathNormalisation() {
        assertEquals("/a/c", CanonicalRequest.removeDotSegments("/a/b/../c"));
        assertEquals("/a/", CanonicalRequest.removeDotSegments("/a/./"));
        assertEquals("/", CanonicalRequest.removeDotSegments("/.."));
        assertEquals("/a//b", CanonicalRequest.removeDotSegments("/a//b"));
    }
}
