package io.gureum.core.validation;

import io.gureum.core.error.AwsException;
import java.util.List;
import java.util.function.Function;

/**
 * Which of the model's constraints an API enforces before its provider runs, and how it words the
 * answer. AWS does not validate the same way everywhere: the services built on AWS's validation layer
 * report every broken constraint in one message ("2 validation errors detected: …"), each under its
 * own code; EC2 only says which required parameter is missing; SQS, SNS and S3 answer in wordings of
 * their own that no generic rule reproduces, so core leaves them to their modules.
 *
 * @param level what is checked
 * @param error the exception for a non-empty list of violations
 */
public record ValidationPolicy(Level level, Function<List<Violation>, RuntimeException> error) {

    /** What an API checks. */
    public enum Level {
        /** Nothing: the module checks what AWS checks. */
        NONE,
        /** Only the request's own required members. */
        REQUIRED,
        /** Every constraint of every member: required, enum, pattern, length, range. */
        ALL
    }

    private static final ValidationPolicy NOTHING = new ValidationPolicy(Level.NONE, v -> null);

    /**
     * The policy of an API by its SDK service name ({@code IamClient.SERVICE_NAME}).
     *
     * <ul>
     *   <li>IAM and STS answer {@code ValidationError} (the query protocol's code of AWS's validation layer:
     *       https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html).</li>
     *   <li>CloudWatch answers {@code ValidationError}, the query protocol's code of AWS's validation layer, over
     *       all three of its protocols (the JSON and CBOR ones carry it in {@code x-amzn-query-error}).</li>
     *   <li>CloudWatch Logs answers the same sentences as {@code InvalidParameterException}, not
     *       {@code ValidationException} (what its API reference lists for "A parameter is specified incorrectly").</li>
     *   <li>CloudFormation answers {@code ValidationError}, as IAM, STS, CloudWatch and ELB v2 do.</li>
     *   <li>DynamoDB, DynamoDB Streams, Lambda, KMS, Secrets Manager, Systems Manager, EventBridge, EventBridge
     *       Scheduler and ACM answer {@code ValidationException}.</li>
     *   <li>EC2 answers {@code MissingParameter} "The request must contain the parameter X"
     *       (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html); its model has
     *       almost no other constraints and EC2 words its own value errors.</li>
     *   <li>SQS answers {@code MissingParameter} "The request must contain the parameter X.", but over the
     *       query protocol the queue URL is the request's path, which the module reads after decoding, and
     *       its other limits have SQS's own wording: SQS is left to its module, as are SNS ("Invalid
     *       parameter: TopicArn …") and S3 (which barely validates lengths and patterns).
     *       {@link #missingParameter} with "." is SQS's wording, for a module that wants it.</li>
     * </ul>
     */
    public static ValidationPolicy forService(String serviceName) {
        return switch (serviceName == null ? "" : serviceName) {
            case "iam", "sts", "monitoring", "cloudformation", "elasticloadbalancing" -> all("ValidationError");
            case "logs" -> all("InvalidParameterException");
            case "dynamodb", "streams.dynamodb", "lambda", "kms", "secretsmanager", "ssm", "events", "scheduler", "acm" ->
                    all("ValidationException");
            case "ec2" -> missingParameter("");
            default -> NOTHING;
        };
    }

    /** AWS's validation layer: every violation in one message under {@code code}, status 400. */
    public static ValidationPolicy all(String code) {
        return new ValidationPolicy(Level.ALL, violations -> new AwsException(code, message(violations), 400));
    }

    /**
     * The first missing required member as {@code MissingParameter}, named as on the wire ("The request
     * must contain the parameter GroupDescription" for CreateSecurityGroup's {@code Description}), the
     * message ending in {@code end}.
     */
    public static ValidationPolicy missingParameter(String end) {
        return new ValidationPolicy(Level.REQUIRED, violations -> new AwsException("MissingParameter",
                "The request must contain the parameter " + violations.get(0).wireName() + end, 400));
    }

    /** "1 validation error detected: …" or "N validation errors detected: …; …". */
    public static String message(List<Violation> violations) {
        StringBuilder sb = new StringBuilder().append(violations.size())
                .append(violations.size() == 1 ? " validation error detected: " : " validation errors detected: ");
        for (int i = 0; i < violations.size(); i++) {
            sb.append(i == 0 ? "" : "; ").append(violations.get(i).sentence());
        }
        return sb.toString();
    }
}
