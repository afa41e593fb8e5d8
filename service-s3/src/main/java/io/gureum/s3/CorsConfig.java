package io.gureum.s3;

import io.gureum.s3.store.Bucket;
import java.util.List;
import software.amazon.awssdk.services.s3.model.*;

/** Provider of bucket CORS configuration; {@link CorsRequests} applies it to HTTP requests. */
final class CorsConfig {
    private final BucketAccess access;

    CorsConfig(BucketAccess access) {
        this.access = access;
    }

    public PutBucketCorsResponse putBucketCors(PutBucketCorsRequest request) {
        Bucket b = access.bucket(request.bucket());
        List<CORSRule> rules = request.corsConfiguration() == null ? List.of() : request.corsConfiguration().corsRules();
        if (rules.isEmpty() || rules.size() > 100) {
            throw S3Errors.malformedXml();
        }
        for (CORSRule r : rules) {
            for (String m : r.allowedMethods()) {
                if (!List.of("GET", "PUT", "POST", "DELETE", "HEAD").contains(m)) {
                    throw S3Errors.invalidRequest("Found unsupported HTTP method in CORS config. Unsupported method is "
                            + m);
                }
            }
            if (r.allowedOrigins().isEmpty()) {
                throw S3Errors.malformedXml();
            }
        }
        b.cors = List.copyOf(rules);
        return PutBucketCorsResponse.builder().build();
    }

    public GetBucketCorsResponse getBucketCors(GetBucketCorsRequest request) {
        Bucket b = access.bucket(request.bucket());
        if (b.cors == null) {
            throw S3Errors.missing("NoSuchCORSConfiguration", "The CORS configuration does not exist");
        }
        return GetBucketCorsResponse.builder().corsRules(b.cors).build();
    }

    public DeleteBucketCorsResponse deleteBucketCors(DeleteBucketCorsRequest request) {
        access.bucket(request.bucket()).cors = null;
        return DeleteBucketCorsResponse.builder().build();
    }
}
