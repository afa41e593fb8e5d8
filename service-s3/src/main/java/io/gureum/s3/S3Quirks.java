package io.gureum.s3;

import io.gureum.core.error.AwsException;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.protocol.ProtocolCodec;
import io.gureum.core.protocol.RestXmlCodec;
import io.gureum.core.spi.ProtocolQuirks;

/**
 * What S3 does on the wire beyond restXml: it takes virtual-hosted requests ({@code bucket.s3.localhost})
 * and, as the bare endpoint is S3's, anonymous requests nothing else identifies; its codec is
 * {@link S3Codec}; an unknown access key is {@code InvalidAccessKeyId}; it checks Signature Version 2
 * itself ({@link SignatureV2}, from the canonicalized resource only S3 can name).
 */
final class S3Quirks implements ProtocolQuirks {

    @Override
    public boolean claims(AwsHttpRequest request) {
        // S3 Control's requests come to {AccountId}.host, which reads like a virtual-hosted bucket: not S3's.
        return S3Addressing.virtualHostBucket(request.header("Host")) != null
                && !io.gureum.s3.control.ControlQuirks.isControl(request);
    }

    @Override
    public boolean takesUnidentified() {
        return true;
    }

    @Override
    public ProtocolCodec codec(ProtocolCodec standard) {
        return standard instanceof RestXmlCodec xml ? new S3Codec(xml) : standard;
    }

    @Override
    public boolean verifiesSignatureVersion2() {
        return true;
    }

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList */
    @Override
    public AwsException unknownAccessKey() {
        return new AwsException("InvalidAccessKeyId",
                "The AWS Access Key Id you provided does not exist in our records.", 403);
    }

    /**
     * Anonymous requests while signatures are verified: AccessDenied (a bucket policy or ACL that grants
     * anonymous access is not evaluated yet, so none is granted).
     */
    @Override
    public AwsException missingAuthentication() {
        return new AwsException("AccessDenied", "Access Denied", 403);
    }
}
