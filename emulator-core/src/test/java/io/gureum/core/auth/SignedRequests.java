package io.gureum.core.auth;

import io.gureum.core.http.AwsHttpRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Requests signed by the SDK's public {@link AwsV4HttpSigner}, turned into what the server sees. */
final class SignedRequests {
    static final String KEY = "AKIDEXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final Instant SIGNED_AT = Instant.parse("2024-05-24T10:15:30Z");
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final SdkHttpRequest.Builder http;
    private byte[] body = new byte[0];
    private String service = "sts";
    private String secret = SECRET;
    private boolean presign;
    private Duration expiry = Duration.ofMinutes(5);
    private boolean chunked;
    private boolean payloadSigning = true;
    private ChecksumAlgorithm checksum;

    private SignedRequests(SdkHttpMethod method, String uri) {
        this.http = SdkHttpRequest.builder().method(method).uri(URI.create(uri));
    }

    static SignedRequests of(SdkHttpMethod method, String uri) {
        return new SignedRequests(method, uri);
    }

    SignedRequests header(String name, String value) {
        http.putHeader(name, value);
        return this;
    }

    SignedRequests body(byte[] bytes) {
        body = bytes;
        http.putHeader("Content-Length", Integer.toString(bytes.length));
        return this;
    }

    SignedRequests body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    SignedRequests service(String signingName) {
        service = signingName;
        return this;
    }

    SignedRequests secret(String s) {
        secret = s;
        return this;
    }

    SignedRequests presigned(Duration d) {
        presign = true;
        expiry = d;
        // S3's presigner signs UNSIGNED-PAYLOAD; other services' presigned URLs sign the (empty) body.
        payloadSigning = !service.equals("s3");
        return this;
    }

    /** aws-chunked; payload signing is on for http URIs and off for https ones, as the SDK does. */
    SignedRequests chunked(ChecksumAlgorithm algorithm) {
        chunked = true;
        checksum = algorithm;
        return this;
    }

    SignedRequests unsignedPayload() {
        payloadSigning = false;
        return this;
    }

    AwsHttpRequest sign() {
        return sign(b -> { });
    }

    AwsHttpRequest sign(Consumer<SignRequest.Builder<AwsCredentialsIdentity>> extra) {
        boolean s3 = service.equals("s3");
        SignedRequest signed = SIGNER.sign(r -> {
            r.identity(AwsCredentialsIdentity.create(KEY, secret))
                    .request(http.build())
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(SIGNED_AT, ZoneOffset.UTC))
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, !s3)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, !s3)
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, payloadSigning && !chunked
                            || chunked && http.protocol().equals("http"));
            if (presign) {
                r.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expiry);
            }
            if (chunked) {
                r.putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true);
                if (checksum != null) {
                    r.putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, checksum);
                }
            }
            extra.accept(r);
        });
        return toServerRequest(signed.request(), signed.payload().map(SignedRequests::readAll).orElse(body));
    }

    static AwsHttpRequest toServerRequest(SdkHttpRequest request, byte[] body) {
        String uri = request.encodedPath().isEmpty() ? "/" : request.encodedPath();
        uri += request.encodedQueryParameters().map(q -> "?" + q).orElse("");
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        return new AwsHttpRequest(request.method().name(), uri, headers, body);
    }

    private static byte[] readAll(ContentStreamProvider provider) {
        try (InputStream in = provider.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
