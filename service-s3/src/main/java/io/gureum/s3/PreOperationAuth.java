package io.gureum.s3;

import io.gureum.core.spi.AuthorizationCall;
import io.gureum.core.spi.Authorizer;
import io.gureum.core.spi.ServiceContext;
import io.gureum.s3.access.S3ResourceAccess;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The server's authorizer for what S3 answers before operation routing (S3 Select, form uploads, website
 * endpoints), which core's dispatcher therefore does not authorise: each is asked as the operation whose
 * permission AWS requires, {@code s3:GetObject} for SelectObjectContent and website reads, {@code s3:PutObject}
 * for POST uploads (https://docs.aws.amazon.com/AmazonS3/latest/API/API_SelectObjectContent.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html).
 */
final class PreOperationAuth {
    private final ServiceContext context;
    private final S3ResourceAccess resources;

    PreOperationAuth(ServiceContext context, S3ResourceAccess resources) {
        this.context = context;
        this.resources = resources;
    }

    void read(String bucket, String key) {
        authorize("GetObject", GetObjectRequest.builder().bucket(bucket).key(key).build());
    }

    void write(String bucket, String key) {
        authorize("PutObject", PutObjectRequest.builder().bucket(bucket).key(key).build());
    }

    private void authorize(String operation, Object request) {
        Authorizer authorizer = Authorizer.of(context.shared());
        if (authorizer != Authorizer.NONE) {
            authorizer.authorize(new AuthorizationCall("s3", "rest-xml", operation, request, resources::of));
        }
    }
}
