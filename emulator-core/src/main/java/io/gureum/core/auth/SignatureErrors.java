package io.gureum.core.auth;

import io.gureum.core.error.AwsException;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.protocol.AwsProtocols;

/**
 * Authentication errors in the wording each kind of API uses: S3 (botocore's signature version
 * {@code s3}/{@code s3v4}), query/EC2/restXml APIs (STS, IAM, SNS, EC2 …) and JSON APIs (awsJson, restJson,
 * CBOR: DynamoDB, SQS, Lambda …). The kind comes from the API the signing name belongs to in
 * {@link AwsProtocols}, refined by what the request itself carries.
 */
final class SignatureErrors {
    private static final String S3_MISMATCH = "The request signature we calculated does not match the signature "
            + "you provided. Check your key and signing method.";
    private static final String MISMATCH = "The request signature we calculated does not match the signature you "
            + "provided. Check your AWS Secret Access Key and signing method. Consult the service documentation "
            + "for details.";

    enum Style { S3, QUERY, JSON }

    private final Style style;
    /** Whether JSON errors answer 403 rather than 400: REST-JSON APIs (Lambda) do, awsJson ones do not. */
    private final boolean restJson;

    private SignatureErrors(Style style, boolean restJson) {
        this.style = style;
        this.restJson = restJson;
    }

    static SignatureErrors of(AwsHttpRequest request, SignatureInfo signature) {
        String target = request.header("X-Amz-Target");
        String prefix = target == null ? null : target.substring(0, Math.max(0, target.indexOf('.')));
        AwsProtocols.Api api = AwsProtocols.pick(AwsProtocols.get().bySigningName(signature.service()), prefix,
                null, request.header("Host"));
        if (api != null && api.s3Signature()) {
            return new SignatureErrors(Style.S3, false);
        }
        String contentType = request.contentType();
        boolean form = request.queryParameter("Action") != null
                || contentType.startsWith("application/x-www-form-urlencoded");
        boolean json = target != null || contentType.startsWith("application/x-amz-json")
                || contentType.startsWith("application/x-amz-cbor") || contentType.startsWith("application/cbor")
                || (api != null && api.jsonFamily() && !form);
        return new SignatureErrors(json ? Style.JSON : Style.QUERY,
                api != null && "rest-json".equals(api.protocol()));
    }

    Style style() {
        return style;
    }

    AwsException mismatch() {
        return switch (style) {
            case S3 -> new AwsException("SignatureDoesNotMatch", S3_MISMATCH, 403);
            case QUERY -> new AwsException("SignatureDoesNotMatch", MISMATCH, 403);
            case JSON -> new AwsException("InvalidSignatureException", MISMATCH, jsonStatus());
        };
    }

    /**
     * Header-signed request outside the 15-minute window. S3 answers RequestTimeTooSkewed; the others answer
     * with their signature error and "Signature expired: … is now earlier than … (… - 15 min.)".
     */
    AwsException skewed(String amzDate, String earliest, String latest, String now, boolean future) {
        if (style == Style.S3) {
            return new AwsException("RequestTimeTooSkewed",
                    "The difference between the request time and the current time is too large.", 403);
        }
        String message = future
                ? "Signature not yet current: " + amzDate + " is still later than " + latest + " (" + now + " + 15 min.)"
                : "Signature expired: " + amzDate + " is now earlier than " + earliest + " (" + now + " - 15 min.)";
        return style == Style.QUERY ? new AwsException("SignatureDoesNotMatch", message, 403)
                : new AwsException("InvalidSignatureException", message, jsonStatus());
    }

    /** A presigned URL past its X-Amz-Expires. */
    AwsException expired() {
        return switch (style) {
            case S3 -> new AwsException("AccessDenied", "Request has expired", 403);
            case QUERY -> new AwsException("ExpiredToken", "Request has expired", 403);
            case JSON -> new AwsException("ExpiredTokenException", "Request has expired", 403);
        };
    }

    /**
     * A request signed with temporary credentials past their expiration: S3 answers 400 "The provided token
     * has expired."; the query APIs (STS, IAM, EC2 …) 403 {@code ExpiredToken}; the JSON APIs
     * {@code ExpiredTokenException}.
     */
    AwsException expiredToken() {
        return switch (style) {
            case S3 -> new AwsException("ExpiredToken", "The provided token has expired.", 400);
            case QUERY -> new AwsException("ExpiredToken", "The security token included in the request is expired",
                    403);
            case JSON -> new AwsException("ExpiredTokenException",
                    "The security token included in the request is expired", jsonStatus());
        };
    }

    /** A malformed or incomplete Authorization header or presigned query. */
    AwsException incomplete(String message) {
        if (style == Style.S3) {
            return new AwsException("AuthorizationHeaderMalformed", message, 400);
        }
        return new AwsException(style == Style.JSON ? "IncompleteSignatureException" : "IncompleteSignature",
                message, 400);
    }

    /** A presigned S3 query with a bad X-Amz-Expires. */
    AwsException badQueryParameters(String message) {
        if (style == Style.S3) {
            return new AwsException("AuthorizationQueryParametersError", message, 400);
        }
        return incomplete(message);
    }

    /** Signature Version 2 or another algorithm than AWS4-HMAC-SHA256. */
    AwsException unsupportedAlgorithm(String algorithm) {
        if (style == Style.S3) {
            // What S3 answers in SigV4-only regions:
            // https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-authenticating-requests.html
            return new AwsException("InvalidRequest",
                    "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.",
                    400);
        }
        return incomplete("Unsupported AWS 'algorithm': '" + algorithm + "'");
    }

    AwsException contentSha256Mismatch() {
        return new AwsException("XAmzContentSHA256Mismatch",
                "The provided 'x-amz-content-sha256' header does not match what was computed.", 400);
    }

    private int jsonStatus() {
        // REST-JSON APIs (Lambda) answer 403 where awsJson ones (DynamoDB, SQS) answer 400.
        return restJson ? 403 : 400;
    }
}
