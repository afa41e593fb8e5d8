package io.gureum.s3;

import io.gureum.core.auth.Accounts;
import io.gureum.core.error.AwsException;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.StoredObject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Browser-based uploads: {@code POST /<bucket>} with an HTML form ({@code multipart/form-data}) holding the
 * key ({@code ${filename}} replaced by the file's name), a POST policy with its signature (SigV4
 * {@code x-amz-signature}, or SigV2 {@code signature} with {@code AWSAccessKeyId}; checked when Gureum
 * verifies signatures), object fields ({@code Content-Type}, {@code x-amz-meta-*} …) and the file last.
 * Answers 204, or {@code success_action_status} 200/201 (201 with a {@code PostResponse}), or a 303 to
 * {@code success_action_redirect} (https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-post-example.html).
 */
final class BrowserUploads {
    private final S3Backend s3;
    private final PreOperationAuth auth;

    BrowserUploads(S3Backend s3, PreOperationAuth auth) {
        this.s3 = s3;
        this.auth = auth;
    }

    /** The answer to a form upload, or null when the request is not one. */
    AwsHttpResponse serve(AwsHttpRequest request) {
        if (!"POST".equals(request.method()) || FormParts.boundary(request.header("Content-Type")) == null
                || request.rawQuery() != null && !request.rawQuery().isEmpty()) {
            return null;
        }
        S3Addressing.Target target = S3Addressing.target(request);
        if (target.bucket() == null || !target.keySegments().isEmpty()) {
            return null;
        }
        Bucket b = s3.buckets.get(target.bucket());
        FormParts form = FormParts.read(request.bodyStream(), request.header("Content-Type"));
        Map<String, String> f = form.fields;
        if (form.file == null) {
            throw new AwsException("InvalidArgument", "POST requires exactly one file upload per request.", 400);
        }
        String key = f.get("key");
        if (key == null) {
            throw S3Errors.invalidArgument("Bucket POST must contain a field named 'key'.  If it is specified, please "
                    + "check the order of the fields.", "key", "");
        }
        if (form.fileName != null) {
            key = key.replace("${filename}", form.fileName);
        }
        auth.write(b.name, key);
        PostPolicy policy = null;
        if (f.get("policy") != null) {
            checkSignature(f);
            policy = PostPolicy.check(f.get("policy"), f, b.name, s3.context.clock().now());
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        form.original.forEach((name, value) -> {
            if (name.toLowerCase(Locale.ROOT).startsWith("x-amz-meta-")) {
                metadata.put(name.substring("x-amz-meta-".length()).toLowerCase(Locale.ROOT), value);
            }
        });
        NewObjects.check(key, metadata);
        String contentType = f.getOrDefault("content-type", form.fileContentType);
        Objects.Attributes attrs = new Objects.Attributes(NewObjects.contentHeaders(contentType, f.get("cache-control"),
                f.get("content-disposition"), f.get("content-encoding"), null, null,
                f.get("x-amz-website-redirect-location")), metadata,
                NewObjects.storageClass(f.get("x-amz-storage-class")), Tags.parseTagging(null), null, null, false,
                s3.kms.forWrite(b, key, new KmsEncryption.Requested(f.get("x-amz-server-side-encryption"),
                        f.get("x-amz-server-side-encryption-aws-kms-key-id"), null, null, null)));
        InputStream body = policy == null ? form.file : new Bounded(form.file, policy.minLength, policy.maxLength);
        StoredObject o = s3.objects.put(b, key, body, attrs, Map.of(), null, null, Objects.WriteCondition.NONE, null);
        if (s3.records.enabled()) {
            s3.records.key(b, key);
            s3.store.blobs.releaseGarbage(s3.records.durableForThread());
        }
        return answer(request, f, b, o);
    }

    private AwsHttpResponse answer(AwsHttpRequest request, Map<String, String> f, Bucket b, StoredObject o) {
        String location = "http://" + (request.header("Host") == null ? "localhost" : request.header("Host")) + "/"
                + b.name + "/" + URLEncoder.encode(o.key, StandardCharsets.UTF_8).replace("%2F", "/");
        String redirect = f.get("success_action_redirect");
        if (redirect == null) {
            redirect = f.get("redirect");
        }
        if (redirect != null && !redirect.isEmpty()) {
            String to = redirect + (redirect.contains("?") ? "&" : "?") + "bucket=" + enc(b.name) + "&key="
                    + enc(o.key) + "&etag=" + enc(o.etag);
            return new AwsHttpResponse(303).header("Location", to).header("ETag", o.etag);
        }
        String status = f.getOrDefault("success_action_status", "204");
        AwsHttpResponse out = new AwsHttpResponse(switch (status) {
            case "200" -> 200;
            case "201" -> 201;
            default -> 204;
        }).header("ETag", o.etag).header("Location", location);
        if (b.versioningEnabled()) {
            out.header("x-amz-version-id", o.versionId);
        }
        if (status.equals("201")) {
            String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PostResponse><Location>" + esc(location)
                    + "</Location><Bucket>" + esc(b.name) + "</Bucket><Key>" + esc(o.key) + "</Key><ETag>"
                    + esc(o.etag) + "</ETag></PostResponse>";
            out.body(xml, "application/xml");
        }
        return out;
    }

    /** SigV4 (HMAC-SHA256 of the policy with the derived key) or SigV2 (HMAC-SHA1, base64), when verified. */
    private void checkSignature(Map<String, String> f) {
        if (!s3.context.config().verifySignatures()) {
            return;
        }
        String policy = f.get("policy");
        boolean v4 = f.get("x-amz-signature") != null;
        String keyId = v4 ? credentialPart(f.get("x-amz-credential"), 0) : f.get("awsaccesskeyid");
        Optional<Accounts.AccessKey> key = keyId == null ? Optional.empty() : s3.context.accounts().lookup(keyId);
        if (key.isEmpty()) {
            throw new AwsException("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our "
                    + "records.", 403);
        }
        String secret = key.get().secretAccessKey();
        String expected;
        if (v4) {
            byte[] k = hmac("HmacSHA256", ("AWS4" + secret).getBytes(StandardCharsets.UTF_8),
                    credentialPart(f.get("x-amz-credential"), 1));
            k = hmac("HmacSHA256", k, credentialPart(f.get("x-amz-credential"), 2));
            k = hmac("HmacSHA256", k, credentialPart(f.get("x-amz-credential"), 3));
            k = hmac("HmacSHA256", k, "aws4_request");
            expected = HexFormat.of().formatHex(hmac("HmacSHA256", k, policy));
        } else {
            expected = java.util.Base64.getEncoder().encodeToString(hmac("HmacSHA1",
                    secret.getBytes(StandardCharsets.UTF_8), policy));
        }
        String given = v4 ? f.get("x-amz-signature") : f.get("signature");
        if (!expected.equals(given)) {
            throw new AwsException("SignatureDoesNotMatch", "The request signature we calculated does not match the "
                    + "signature you provided. Check your key and signing method.", 403);
        }
    }

    private static String credentialPart(String credential, int i) {
        String[] parts = credential == null ? new String[0] : credential.split("/");
        if (parts.length != 5) {
            throw new AwsException("InvalidArgument", "Invalid Policy: Invalid X-Amz-Credential", 400);
        }
        return parts[i];
    }

    private static byte[] hmac(String algorithm, byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The file within the policy's {@code content-length-range}, checked as it streams. */
    private static final class Bounded extends FilterInputStream {
        private final long min;
        private final long max;
        private long count;

        Bounded(InputStream in, long min, long max) {
            super(in);
            this.min = min;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                if (count > max) {
                    throw ErrorDetails.add(new AwsException("EntityTooLarge",
                            "Your proposed upload exceeds the maximum allowed size", 400), "ProposedSize",
                            Long.toString(count), "MaxSizeAllowed", Long.toString(max));
                }
            } else if (count < min) {
                throw ErrorDetails.add(new AwsException("EntityTooSmall",
                        "Your proposed upload is smaller than the minimum allowed size", 400), "ProposedSize",
                        Long.toString(count), "MinSizeAllowed", Long.toString(min));
            }
            return n;
        }
    }
}
