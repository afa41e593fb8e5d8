package io.gureum.core.auth;

import io.gureum.core.error.AwsException;
import io.gureum.core.http.AwsHttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * SigV4 verification of the Authorization header and of presigned URLs. aws-chunked bodies are checked
 * chunk by chunk later, in {@link AwsChunked}.
 */
public final class SigV4Verifier implements SignatureVerifier {
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final long MAX_SKEW_SECONDS = 15 * 60;
    private static final long MAX_PRESIGN_SECONDS = 7 * 24 * 3600;
    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Override
    public void verify(AwsHttpRequest request, SignatureInfo signature, String secretAccessKey, Instant now) {
        SignatureErrors errors = SignatureErrors.of(request, signature);
        if (!SigV4Parser.ALGORITHM.equals(signature.algorithm())) {
            throw errors.unsupportedAlgorithm(signature.algorithm());
        }
        checkComplete(signature, errors);
        String amzDate = amzDate(request, signature, errors);
        Instant signedAt = parseBasic(amzDate, errors);
        if (!amzDate.startsWith(signature.scopeDate())) {
            throw errors.style() == SignatureErrors.Style.S3
                    ? new AwsException("AuthorizationHeaderMalformed", "The authorization header is malformed; "
                            + "Invalid credential date. Date is not the same as X-Amz-Date.", 400)
                    : errors.incomplete("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of "
                            + "date from HTTP: '" + signature.scopeDate() + "' != '" + amzDate.substring(0, 8)
                            + "', from '" + amzDate + "'.");
        }
        if (signature.presigned()) {
            checkExpiry(signature, signedAt, now, errors);
        } else {
            checkSkew(amzDate, signedAt, now, errors);
        }
        if (secretAccessKey == null) {
            throw errors.mismatch();
        }
        boolean s3 = errors.style() == SignatureErrors.Style.S3;
        byte[] key = SigningKeys.signingKey(secretAccessKey, signature.scopeDate(), signature.region(),
                signature.service());
        String declaredHash = signature.signedHeaders().contains("x-amz-content-sha256")
                || !signature.presigned() ? request.header("x-amz-content-sha256") : null;
        String payloadHash;
        if (declaredHash != null && (s3 || !isHexSha256(declaredHash))) {
            payloadHash = declaredHash;
        } else if (signature.presigned() && s3) {
            payloadHash = UNSIGNED_PAYLOAD;
        } else if (request.streamed() && s3) {
            payloadHash = UNSIGNED_PAYLOAD; // a streamed upload is not read twice; see the check below
        } else {
            // Services other than S3 hash the body themselves, so a tampered body fails the signature.
            payloadHash = SigningKeys.sha256Hex(request.body(), 0, request.body().length);
        }
        if (!matches(request, signature, amzDate, key, payloadHash, s3)
                // Presigned URLs are signed with UNSIGNED-PAYLOAD or with the hash of the (empty) body depending
                // on the client and the scheme (the SDK signs payloads over http); accept both.
                && !(signature.presigned() && declaredHash == null && !request.streamed() && matches(request, signature,
                        amzDate, key, s3 ? SigningKeys.sha256Hex(request.body(), 0, request.body().length)
                                : UNSIGNED_PAYLOAD, s3))) {
            throw errors.mismatch();
        }
        // A streamed upload's declared hash is checked while it is read (checkedBody).
        if (s3 && declaredHash != null && isHexSha256(declaredHash) && !request.streamed()
                && !declaredHash.equalsIgnoreCase(SigningKeys.sha256Hex(request.body(), 0, request.body().length))) {
            throw errors.contentSha256Mismatch();
        }
    }

    /** A streamed S3 upload with a signed hex SHA-256 is hashed as it is read and refused at its end if it differs. */
    @Override
    public AwsHttpRequest checkedBody(AwsHttpRequest request, SignatureInfo signature) {
        String declared = request.header("x-amz-content-sha256");
        if (!request.streamed() || declared == null || !isHexSha256(declared)
                || SignatureErrors.of(request, signature).style() != SignatureErrors.Style.S3) {
            return request;
        }
        return request.withBodyStream(request.headers(),
                new ContentSha256CheckedInputStream(request.bodyStream(), declared));
    }

    private static boolean matches(AwsHttpRequest request, SignatureInfo signature, String amzDate, byte[] key,
            String payloadHash, boolean s3) {
        String canonical = CanonicalRequest.build(request, signature.signedHeaders(), payloadHash, s3,
                signature.presigned());
        String stringToSign = SigV4Parser.ALGORITHM + '\n' + amzDate + '\n' + scope(signature) + '\n'
                + SigningKeys.sha256Hex(canonical);
        return SigningKeys.same(SigningKeys.sign(key, stringToSign), signature.signature());
    }

    static String scope(SignatureInfo signature) {
        return signature.scopeDate() + '/' + signature.region() + '/' + signature.service() + "/aws4_request";
    }

    private static void checkComplete(SignatureInfo signature, SignatureErrors errors) {
        String where = signature.presigned() ? "AWS query-string parameters must include " : "Authorization header requires ";
        StringBuilder missing = new StringBuilder();
        if (signature.accessKeyId() == null || signature.accessKeyId().isEmpty() || signature.scopeDate() == null
                || signature.region() == null || signature.service() == null) {
            missing.append(where).append(signature.presigned() ? "'X-Amz-Credential'. " : "'Credential' parameter. ");
        }
        if (signature.signature() == null || signature.signature().isEmpty()) {
            missing.append(where).append(signature.presigned() ? "'X-Amz-Signature'. " : "'Signature' parameter. ");
        }
        if (signature.signedHeaders().isEmpty()) {
            missing.append(where)
                    .append(signature.presigned() ? "'X-Amz-SignedHeaders'. " : "'SignedHeaders' parameter. ");
        }
        if (missing.length() > 0) {
            throw errors.incomplete(missing.toString().trim());
        }
    }

    /** X-Amz-Date, or for header auth the Date header (RFC 1123) in ISO 8601 basic format. */
    private static String amzDate(AwsHttpRequest request, SignatureInfo signature, SignatureErrors errors) {
        if (signature.amzDate() != null) {
            return signature.amzDate();
        }
        String date = signature.presigned() ? null : request.header("Date");
        if (date != null) {
            try {
                return BASIC.format(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (DateTimeParseException e) {
                throw errors.incomplete("Date must be in ISO-8601 'basic format'. Got '" + date + "'.");
            }
        }
        if (errors.style() == SignatureErrors.Style.S3) {
            throw new AwsException("AccessDenied", "AWS authentication requires a valid Date or x-amz-date header", 403);
        }
        throw errors.incomplete(signature.presigned() ? "AWS query-string parameters must include 'X-Amz-Date'."
                : "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }

    private static Instant parseBasic(String amzDate, SignatureErrors errors) {
        try {
            return Instant.from(BASIC.parse(amzDate));
        } catch (DateTimeParseException e) {
            throw errors.incomplete("Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'. "
                    + "See http://en.wikipedia.org/wiki/ISO_8601");
        }
    }

    private static void checkSkew(String amzDate, Instant signedAt, Instant now, SignatureErrors errors) {
        long diff = Duration.between(now, signedAt).getSeconds();
        if (Math.abs(diff) > MAX_SKEW_SECONDS) {
            throw errors.skewed(amzDate, BASIC.format(now.minusSeconds(MAX_SKEW_SECONDS)),
                    BASIC.format(now.plusSeconds(MAX_SKEW_SECONDS)), BASIC.format(now), diff > 0);
        }
    }

    /**
     * A presigned URL is valid from X-Amz-Date for X-Amz-Expires seconds, at most a week:
     * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
     */
    private static void checkExpiry(SignatureInfo signature, Instant signedAt, Instant now, SignatureErrors errors) {
        long expires = signature.expiresSeconds();
        if (expires == -2) {
            throw errors.badQueryParameters("X-Amz-Expires should be a number");
        }
        if (expires == -1) {
            if (errors.style() == SignatureErrors.Style.S3) {
                throw errors.badQueryParameters("Query-string authentication version 4 requires the X-Amz-Algorithm, "
                        + "X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires "
                        + "parameters.");
            }
            expires = MAX_SKEW_SECONDS;
        }
        if (expires < 0) {
            throw errors.badQueryParameters("X-Amz-Expires must be non-negative");
        }
        if (expires > MAX_PRESIGN_SECONDS) {
            throw errors.badQueryParameters("X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }
        if (now.isAfter(signedAt.plusSeconds(expires))) {
            throw errors.expired();
        }
    }

    private static boolean isHexSha256(String value) {
        if (value.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
