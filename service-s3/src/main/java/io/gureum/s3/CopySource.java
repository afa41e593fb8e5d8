package io.gureum.s3;

import io.gureum.core.http.AwsHttpRequest;

/** The bucket, key and version of an {@code x-amz-copy-source} header ({@code /bucket/key?versionId=…}). */
record CopySource(String bucket, String key, String versionId) {
    static CopySource parse(String header) {
        if (header == null) {
            throw S3Errors.invalidArgument("Copy Source must mention the source bucket and key: sourcebucket/"
                    + "sourcekey", "x-amz-copy-source", header);
        }
        String h = header;
        String versionId = null;
        int q = h.indexOf("?versionId=");
        if (q >= 0) {
            versionId = AwsHttpRequest.decode(h.substring(q + "?versionId=".length()), false);
            h = h.substring(0, q);
        }
        h = AwsHttpRequest.decode(h, false);
        if (h.startsWith("/")) {
            h = h.substring(1);
        }
        int slash = h.indexOf('/');
        if (slash <= 0 || slash == h.length() - 1) {
            throw S3Errors.invalidArgument("Copy Source must mention the source bucket and key: sourcebucket/"
                    + "sourcekey", "x-amz-copy-source", header);
        }
        return new CopySource(h.substring(0, slash), h.substring(slash + 1), versionId);
    }
}
