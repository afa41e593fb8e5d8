package io.gureum.iam.authz;

import io.gureum.core.error.AwsException;
import io.gureum.iam.policy.AuthorizationResult;
import io.gureum.iam.policy.Decision;
import io.gureum.iam.policy.MatchedStatement;

/**
 * A denial in the API's own words, with the message AWS's access-denied errors carry
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html): "User: ARN is not authorized
 * to perform: ACTION on resource: ARN because no identity-based policy allows the ACTION action", or "… with an
 * explicit deny in a service control policy". The code and status are the API's: {@code AccessDenied} 403 in
 * the query and REST-XML APIs (IAM, STS, S3, SQS, CloudWatch), SNS's {@code AuthorizationError} 403,
 * {@code AccessDeniedException} in the JSON APIs (400; 403 in REST-JSON ones such as Lambda), and EC2's
 * {@code UnauthorizedOperation} 403 whose message is an encoded authorization message.
 */
public final class Denials {
    /** The response header that names the statement (or missing allow) that decided a denial. */
    public static final String DECISION_HEADER = "x-gureum-iam-decision";

    private Denials() {
    }

    /** The message AWS writes for a denial of {@code action} on {@code resource} to {@code principalArn}. */
    public static String message(String principalArn, String action, String resource, AuthorizationResult result) {
        String on = resource == null || resource.equals("*") ? "" : " on resource: " + resource;
        String why = result.decision() == Decision.EXPLICIT_DENY
                ? " with an explicit deny in " + result.decidedBy().withArticle()
                : " because no " + result.decidedBy().plain() + " allows the " + action + " action";
        return "User: " + principalArn + " is not authorized to perform: " + action + on + why;
    }

    /**
     * The error for a denial in {@code api}'s protocol.
     *
     * @param encoded EC2's encoded authorization message for the denial (only EC2 uses it)
     */
    public static AwsException of(String api, String protocol, String message, String encoded,
            AuthorizationResult result) {
        AwsException e;
        if (api.equals("ec2")) {
            e = new AwsException("UnauthorizedOperation", "You are not authorized to perform this operation. "
                    + "User: " + message.substring("User: ".length()).replaceFirst(" (because|with) .*$", "")
                    + ". Encoded authorization failure message: " + encoded, 403);
        } else if (api.equals("sns")) {
            e = new AwsException("AuthorizationError", message, 403);
        } else if (protocol.equals("json")) {
            e = new AwsException(api.equals("sqs") ? "AccessDenied" : "AccessDeniedException", message,
                    api.equals("sqs") ? 403 : 400);
        } else if (protocol.equals("rest-json")) {
            e = new AwsException("AccessDeniedException", message, 403);
        } else {
            e = new AwsException("AccessDenied", message, 403);
        }
        return e.withHeader(DECISION_HEADER, explanation(result));
    }

    /** What decided: the deciding statement, or the policy type whose allow was missing. */
    public static String explanation(AuthorizationResult result) {
        MatchedStatement deciding = result.deciding();
        if (deciding != null) {
            return (result.decision() == Decision.EXPLICIT_DENY ? "explicit deny in " : "allowed by ")
                    + deciding.describe();
        }
        return "implicit deny: no " + result.decidedBy().plain() + " allows the request";
    }
}
