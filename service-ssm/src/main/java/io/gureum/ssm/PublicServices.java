package io.gureum.ssm;

import io.gureum.core.spi.ServiceClients;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The services {@code /aws/service/global-infrastructure/services/…} lists: those of AWS's catalogue
 * this server serves, by their code and long name as AWS publishes them.
 */
final class PublicServices {
    private record Service(String clientInterface, String longName) {
    }

    private static final Map<String, Service> KNOWN = known();

    private PublicServices() {
    }

    private static Map<String, Service> known() {
        String sdk = "software.amazon.awssdk.services.";
        Map<String, Service> m = new LinkedHashMap<>();
        m.put("dynamodb", new Service(sdk + "dynamodb.DynamoDbClient", "Amazon DynamoDB"));
        m.put("ec2", new Service(sdk + "ec2.Ec2Client", "Amazon Elastic Compute Cloud (EC2)"));
        m.put("iam", new Service(sdk + "iam.IamClient", "AWS Identity and Access Management (IAM)"));
        m.put("kms", new Service(sdk + "kms.KmsClient", "AWS Key Management Service"));
        m.put("lambda", new Service(sdk + "lambda.LambdaClient", "AWS Lambda"));
        m.put("logs", new Service(sdk + "cloudwatchlogs.CloudWatchLogsClient", "Amazon CloudWatch Logs"));
        m.put("resourcegroupstaggingapi", new Service(sdk + "resourcegroupstaggingapi.ResourceGroupsTaggingApiClient",
                "AWS Resource Groups Tagging API"));
        m.put("s3", new Service(sdk + "s3.S3Client", "Amazon Simple Storage Service (S3)"));
        m.put("secretsmanager", new Service(sdk + "secretsmanager.SecretsManagerClient", "AWS Secrets Manager"));
        m.put("sns", new Service(sdk + "sns.SnsClient", "Amazon Simple Notification Service (SNS)"));
        m.put("sqs", new Service(sdk + "sqs.SqsClient", "Amazon Simple Queue Service (SQS)"));
        m.put("ssm", new Service(sdk + "ssm.SsmClient", "AWS Systems Manager"));
        m.put("sts", new Service(sdk + "sts.StsClient", "AWS Security Token Service (AWS STS)"));
        return m;
    }

    /** Code → long name of every catalogued service this server serves, in code order. */
    static Map<String, String> served(ServiceClients clients) {
        Map<String, String> out = new LinkedHashMap<>();
        KNOWN.forEach((code, s) -> {
            try {
                Class<?> iface = Class.forName(s.clientInterface(), false, PublicServices.class.getClassLoader());
                if (clients.serves(iface)) {
                    out.put(code, s.longName());
                }
            } catch (ClassNotFoundException | LinkageError notOnClassPath) {
                // that service's SDK model is not on the class path, so no module serves it
            }
        });
        return out;
    }
}
