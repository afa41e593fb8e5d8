package io.gureum.s3.control;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.spi.ProtocolQuirks;

/**
 * S3 Control's requests: every path of the API starts with {@code /v20180820/} and every operation carries
 * the account in {@code x-amz-account-id}. The SDKs send them to {@code {AccountId}.s3-control.{Region}…}
 * (or {@code {AccountId}.} before a custom endpoint's host), signed as {@code s3}.
 */
public final class ControlQuirks implements ProtocolQuirks {
    static final String PATH = "/v20180820/";

    @Override
    public boolean claims(AwsHttpRequest request) {
        return isControl(request);
    }

    /** Whether a request is S3 Control's (S3 leaves these to it, whatever the Host says). */
    public static boolean isControl(AwsHttpRequest request) {
        String path = request.rawPath();
        return path != null && path.startsWith(PATH) && request.header("x-amz-account-id") != null;
    }
}
