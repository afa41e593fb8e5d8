package io.gureum.lambda;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A function's deployment package, from the request ({@code ZipFile}) or from S3 ({@code S3Bucket},
 * {@code S3Key}, {@code S3ObjectVersion}), read with an in-process {@link S3Client} as Lambda's service
 * principal and stored in the {@link CodeStore}.
 */
final class DeploymentPackages {
    /** A direct upload's zip: 50 MB (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
    static final long MAX_DIRECT_ZIP = 52_428_800L;

    private final ServiceContext context;
    private final CodeStore codeStore;

    DeploymentPackages(ServiceContext context, CodeStore codeStore) {
        this.context = context;
        this.codeStore = codeStore;
    }

    /**
     * @param functionArn the function the package is for (the {@code aws:SourceArn} of the S3 read)
     * @param operation   the operation's name, for the size error's wording
     */
    CodeStore.Code load(SdkBytes zipFile, String bucket, String key, String objectVersion, String functionArn,
            String operation) {
        if (zipFile != null && bucket != null) {
            throw LambdaErrors.invalidParameter(
                    "Please do not provide other FunctionCode parameters when providing a ZipFile.");
        }
        if (zipFile != null) {
            if (zipFile.asByteBuffer().remaining() > MAX_DIRECT_ZIP) {
                // AWS measures the request: 50 MB of zip, base64-encoded, is 69,905,067 bytes.
                throw LambdaErrors.tooLarge("Request must be smaller than 70167211 bytes for the " + operation
                        + " operation");
            }
            return codeStore.store(zipFile.asInputStream(), Long.MAX_VALUE);
        }
        if (bucket == null || key == null) {
            throw LambdaErrors.invalidParameter("Please provide a source for function code.");
        }
        try (InputStream in = open(bucket, key, objectVersion, functionArn)) {
            return codeStore.store(in, CodeStore.MAX_UNZIPPED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The object's bytes. S3's error comes back inside Lambda's InvalidParameterValueException, e.g.
     * "Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does
     * not exist."; a server that serves no S3 has no bucket at all.
     */
    private InputStream open(String bucket, String key, String objectVersion, String functionArn) {
        if (!context.clients().serves(S3Client.class)) {
            throw s3Error("NoSuchBucket", "The specified bucket does not exist");
        }
        RequestContext ctx = RequestContext.current();
        S3Client s3 = context.clients().client(S3Client.class,
                Caller.service("lambda.amazonaws.com", ctx.accountId(), ctx.region(), functionArn));
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key).versionId(objectVersion));
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            throw s3Error(code, message);
        }
    }

    private static RuntimeException s3Error(String code, String message) {
        return LambdaErrors.invalidParameter("Error occurred while GetObject. S3 Error Code: " + code
                + ". S3 Error Message: " + message);
    }
}
