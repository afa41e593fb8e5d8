package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.error.ModeledErrors;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.testing.AwsClients;
import io.gureum.core.testing.TestServices;
import io.gureum.junit5.GureumExtension;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Deployment packages from S3: Lambda reads them with an in-process S3Client as lambda.amazonaws.com. The
 * S3 here is a tiny provider of GetObject (service modules do not depend on each other), with one bucket.
 */
class S3CodeIT extends LambdaTestSupport {
    static final String BUCKET = "code-bucket";
    static final FakeS3 S3 = new FakeS3();

    /** GetObject of {@link #BUCKET}, recording who asked. */
    static final class FakeS3 {
        final Map<String, byte[]> objects = new ConcurrentHashMap<>();
        final List<String> callers = new CopyOnWriteArrayList<>();

        public <T> T getObject(GetObjectRequest r, ResponseTransformer<GetObjectResponse, T> transformer)
                throws Exception {
            RequestContext ctx = RequestContext.current();
            callers.add(ctx.principal() + " " + ctx.sourceArn() + " " + r.key());
            if (!BUCKET.equals(r.bucket())) {
                throw ModeledErrors.of(NoSuchBucketException.class, "The specified bucket does not exist");
            }
            byte[] bytes = objects.get(r.key());
            if (bytes == null) {
                throw ModeledErrors.of(NoSuchKeyException.class, "The specified key does not exist.");
            }
            return transformer.transform(GetObjectResponse.builder().contentLength((long) bytes.length).build(),
                    AbortableInputStream.create(new ByteArrayInputStream(bytes)));
        }
    }

    /** This class's server: Lambda beside a fake S3; the base class's plain one stays unused. */
    @RegisterExtension
    static final GureumExtension own = GureumExtension.builder().services(new LambdaService(),
            TestServices.service("s3", S3Client.class, "http://s3.amazonaws.com/doc/2006-03-01/", FakeS3.class,
                    c -> S3)).build();

    @BeforeAll
    static void start() {
        gureum = own.gureum();
        lambda = AwsClients.client(LambdaClient.builder(), gureum);
        sqs = AwsClients.client(SqsClient.builder(), gureum); // unused: LambdaTestSupport closes it
    }

    @Test
    void aFunctionRunsCodeReadFromS3AsLambda() {
        String name = unique("from-s3");
        S3.objects.put(name + ".zip", zip("app.py", PY_ECHO));
        S3.objects.put(name + "-v2.zip", zip("app.py", "def handler(event, context):\n    return 'v2'\n"));
        String arn = lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE)
                .handler("app.handler").code(c -> c.s3Bucket(BUCKET).s3Key(name + ".zip"))).functionArn();
        assertEquals("lambda.amazonaws.com " + arn + " " + name + ".zip", S3.callers.get(S3.callers.size() - 1));
        assertEquals("{\"a\": 1}", lambda.invoke(b -> b.functionName(name)
                .payload(software.amazon.awssdk.core.SdkBytes.fromUtf8String("{\"a\": 1}"))).payload().asUtf8String());

        lambda.updateFunctionCode(b -> b.functionName(name).s3Bucket(BUCKET).s3Key(name + "-v2.zip"));
        assertEquals("\"v2\"", lambda.invoke(b -> b.functionName(name)).payload().asUtf8String());
    }

    @Test
    void aMissingKeyOrBucketIsAnInvalidParameterCarryingS3sError() {
        InvalidParameterValueException key = assertAwsError(InvalidParameterValueException.class,
                "InvalidParameterValueException", 400, () -> lambda.createFunction(b -> b.functionName(unique("fn"))
                        .runtime("python3.12").role(ROLE).handler("app.handler")
                        .code(c -> c.s3Bucket(BUCKET).s3Key("missing.zip"))));
        assertEquals("Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key "
                + "does not exist.", key.awsErrorDetails().errorMessage());
        InvalidParameterValueException bucket = assertAwsError(InvalidParameterValueException.class,
                "InvalidParameterValueException", 400, () -> lambda.createFunction(b -> b.functionName(unique("fn"))
                        .runtime("python3.12").role(ROLE).handler("app.handler")
                        .code(c -> c.s3Bucket("other-bucket").s3Key("code.zip"))));
        assertEquals("Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified "
                + "bucket does not exist", bucket.awsErrorDetails().errorMessage());
    }
}
