package io.gureum.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * AWS's cross-account rule on the real services, without {@code --enforce-iam}: account 222222222222 reaches
 * account 111111111111's queue, bucket and topic only where their resource policy allows it (issue #14).
 */
class CrossAccountIT {
    private static final String OWNER = "111111111111";
    private static final String OTHER = "222222222222";

    @RegisterExtension
    static final io.gureum.junit5.GureumExtension aws = io.gureum.junit5.GureumExtension.builder().build();
    static Gureum gureum;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
    }

    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>, C> C client(
            B builder, String account) {
        return AwsClients.client(builder, gureum.endpoint(), account, "us-east-1");
    }

    private static AwsServiceException denied(String code, int status, String message,
            org.junit.jupiter.api.function.Executable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode(), e.getMessage());
        assertEquals(message, e.awsErrorDetails().errorMessage());
        return e;
    }

    @Test
    void anotherAccountPurgesAQueueOnlyWhereItsPolicyAllows() {
        try (SqsClient owner = client(SqsClient.builder(), OWNER); SqsClient other = client(SqsClient.builder(), OTHER)) {
            String url = owner.createQueue(b -> b.queueName("shared-jobs")).queueUrl();
            String arn = "arn:aws:sqs:us-east-1:" + OWNER + ":shared-jobs";
            denied("AccessDenied", 403, "User: arn:aws:iam::" + OTHER + ":root is not authorized to perform: "
                    + "sqs:PurgeQueue on resource: " + arn + " because no resource-based policy allows the "
                    + "sqs:PurgeQueue action", () -> other.purgeQueue(b -> b.queueUrl(url)));
            owner.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(QueueAttributeName.POLICY,
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                            + OTHER + "\"},\"Action\":[\"sqs:SendMessage\",\"sqs:PurgeQueue\"],\"Resource\":\"" + arn
                            + "\"}]}")));
            other.sendMessage(b -> b.queueUrl(url).messageBody("from the other account"));
            other.purgeQueue(b -> b.queueUrl(url));
            denied("AccessDenied", 403, "User: arn:aws:iam::" + OTHER + ":root is not authorized to perform: "
                    + "sqs:DeleteQueue on resource: " + arn + " because no resource-based policy allows the "
                    + "sqs:DeleteQueue action", () -> other.deleteQueue(b -> b.queueUrl(url)));
        }
    }

    @Test
    void anotherAccountReadsAnObjectOnlyWhereTheBucketPolicyAllows() {
        try (S3Client owner = client(S3Client.builder().forcePathStyle(true), OWNER);
                S3Client other = client(S3Client.builder().forcePathStyle(true), OTHER)) {
            owner.createBucket(b -> b.bucket("owner-reports"));
            owner.putObject(b -> b.bucket("owner-reports").key("q1.csv"), RequestBody.fromString("a,b"));
            denied("AccessDenied", 403, "User: arn:aws:iam::" + OTHER + ":root is not authorized to perform: "
                    + "s3:GetObject on resource: arn:aws:s3:::owner-reports/q1.csv because no resource-based policy "
                    + "allows the s3:GetObject action",
                    () -> other.getObjectAsBytes(b -> b.bucket("owner-reports").key("q1.csv")));
            owner.putBucketPolicy(b -> b.bucket("owner-reports").policy("{\"Version\":\"2012-10-17\",\"Statement\":"
                    + "[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + OTHER + ":root\"},\"Action\":"
                    + "\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::owner-reports/*\"}]}"));
            assertEquals("a,b", other.getObjectAsBytes(b -> b.bucket("owner-reports").key("q1.csv")).asUtf8String());
        }
    }

    @Test
    void anotherAccountPublishesToATopicOnlyWhereItsPolicyAllows() {
        try (SnsClient owner = client(SnsClient.builder(), OWNER); SnsClient other = client(SnsClient.builder(), OTHER)) {
            String topic = owner.createTopic(b -> b.name("owner-alerts")).topicArn();
            denied("AuthorizationError", 403, "User: arn:aws:iam::" + OTHER + ":root is not authorized to perform: "
                    + "sns:Publish on resource: " + topic + " because no resource-based policy allows the sns:Publish "
                    + "action", () -> other.publish(b -> b.topicArn(topic).message("hi")));
        }
    }
}
